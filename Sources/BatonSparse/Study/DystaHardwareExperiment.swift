import BatonCore
import BatonExperiments
import BatonPolicies

/// The `dysta-hw` experiment: software Dysta against the model of its hardware scheduler
/// (docs/dysta-hardware.md) on one pool, at the study's rate and at the equivalent utilisation
/// (as the other sparse experiments), SLO 10: FP32 and FP16, beta intended and as written, a
/// range of scheduler clocks and queue depths. Per point: violation rate and ANTT (mean and 95%
/// Student-t interval over seeds), the accelerator time lost to scheduling, the decisions that
/// differ from software Dysta on the same jobs, the hardware's limits reached, and whether the
/// hardware matches the software (the 95% interval of the per-seed paired difference contains 0
/// for both the violation rate and the ANTT; the same request table per seed).
public enum DystaHardwareExperiment {
    public static let name = "dysta-hw"
    public static let title = "Dysta's hardware scheduler: FP32/FP16 scores, scheduling cycles and a bounded queue against software Dysta"

    /// The grid (quick: CI-sized).
    public struct Grid: Sendable, Equatable {
        public var formats: [ScoreFormat]
        public var betas: [DystaHardwareParameters.BetaMode]
        public var clocksMHz: [Double]
        public var queueDepths: [Int]
        public var requests: Int
        public var seeds: [Int]

        public static func of(quick: Bool) -> Grid {
            quick ? Grid(formats: [.fp32, .fp16], betas: [.intended, .asWritten], clocksMHz: [100, 1000],
                         queueDepths: [6], requests: 200, seeds: [1, 2, 3])
                  : Grid(formats: [.fp32, .fp16], betas: [.intended, .asWritten], clocksMHz: [100, 200, 500, 1000],
                         queueDepths: [6, 9], requests: 1000, seeds: Array(1...5))
        }
    }

    /// The study's rate for a pool (the trade-off experiment's first rate).
    static func studyRate(_ pool: SparsePool) -> Double { pool == .attention ? 30 : 3 }
    static let sloMultiplier = 10.0

    /// Cycles per tick: the smallest power of two that keeps the largest deadline horizon
    /// (SLO x the largest SLO base) below 2^(W-2) ticks, so slack never wraps and waits up to
    /// about three horizons do not either. FP32 at 100-1000 MHz needs 1-8, FP16 thousands.
    static func cyclesPerTick(format: ScoreFormat, clockMHz: Double, horizonSeconds: Double) -> Int {
        let limit = Double(1 << (format.timeBits - 2))
        var tick = 1
        while horizonSeconds * clockMHz * 1e6 / Double(tick) >= limit, tick < (1 << 30) { tick *= 2 }
        return tick
    }

    struct Variant {
        var label: String
        var parameters: DystaHardwareParameters?  // nil: software dysta
        /// A grid family (format, beta, depth, LUT layers) whose clocks are compared.
        var family: String { parameters.map { "\($0.format.rawValue) \($0.beta.rawValue) D\($0.queueDepth)" + ($0.maxLayers == 50 ? "" : " L\($0.maxLayers)") } ?? label }
    }

    /// The hardware's formula without the hardware: float64, no overhead, unbounded queue and
    /// LUTs (the property-tested ideal), at 1000 MHz with one-cycle ticks.
    static func ideal(pool: SparsePool) -> DystaHardwareParameters {
        var p = DystaHardwareParameters.ideal
        p.clockMHz = 1000
        p.cyclesPerTick = 1
        p.outputDensity = pool == .attention ? .ownLayer : .nextLayerInput
        return p
    }

    /// Runs the experiment on `pool`.
    public static func run(pool: SparsePool, quick: Bool, checkInvariants: Bool = false,
                           progress: ProgressReporter? = nil) throws -> ExperimentOutput {
        let grid = Grid.of(quick: quick)
        let inputs = quick ? 50 : SparseRunPlan.defaultInputsPerFile
        var plan = SparseRunPlan(workload: .pool(pool, inputsPerFile: inputs, benchmarkSeed: 1))
        let workload = try SparseStudy.loadWorkload(plan)
        plan.compatibility = .dystaArtifact
        let studyMeanSeconds = RequestGenerator.meanRequestSeconds(try SparseStudy.loadWorkload(plan))
        let horizon = sloMultiplier * (workload.models.map(\.sloBaseSeconds).max() ?? 1)

        var variants = [Variant(label: "dysta (software)", parameters: nil),
                        Variant(label: "hw formula, ideal", parameters: ideal(pool: pool))]
        func family(_ format: ScoreFormat, _ beta: DystaHardwareParameters.BetaMode, _ depth: Int, layers: Int) {
            for clock in grid.clocksMHz {
                var p = DystaHardwareParameters()
                p.format = format
                p.beta = beta
                p.queueDepth = depth
                p.clockMHz = clock
                p.maxLayers = layers
                p.cyclesPerTick = cyclesPerTick(format: format, clockMHz: clock, horizonSeconds: horizon)
                p.outputDensity = pool == .attention ? .ownLayer : .nextLayerInput
                let variant = Variant(label: "", parameters: p)
                variants.append(Variant(label: variant.family, parameters: p))
            }
        }
        for format in grid.formats {
            for beta in grid.betas {
                for depth in grid.queueDepths { family(format, beta, depth, layers: 50) }
            }
        }
        // A pool with models deeper than the LUT's 50 layers also runs with 64-layer blocks
        // (12 CNN blocks x 64 = 768 entries fit the 1024-entry LUT), to separate the LUT's
        // aliasing from the rest of the hardware.
        let deepest = workload.models.map(\.layerCount).max() ?? 0
        if deepest > 50 {
            for format in grid.formats { family(format, .intended, grid.queueDepths.last!, layers: 64) }
        }
        let settings = SimulationSettings(checkInvariants: checkInvariants)
        let software = Dysta(.standard)
        let loads: [(String, Double)] = [
            ("study-rate", studyRate(pool)),
            ("equivalent-utilization", try RequestGenerator.requestsPerSecond(.utilisation(studyRate(pool) * studyMeanSeconds), workload: workload)),
        ]
        let total = loads.count * grid.seeds.count * variants.count
        var done = 0

        var table = ResultTable(columns: [
            "setting", "rate", "utilization", "scheduler", "variant", "format", "beta", "clock_mhz", "queue_depth",
            "cycles_per_tick", "seeds", "violation_rate", "violation_ci95", "antt", "antt_ci95",
            "violation_diff", "violation_diff_ci95", "antt_diff", "antt_diff_ci95", "matches_software", "matches_ideal",
            "overhead_fraction", "differing_decisions", "queue_full_waits", "refused", "lut_aliased_reads",
            "wrapped_slacks", "wrapped_waits", "nonfinite_scores",
        ])
        var plotTable = ResultTable(columns: ["setting", "variant", "clock_mhz", "violation_rate"])
        var summary = ResultTable(columns: ["setting", "hardware", "matches_software_from_mhz", "matches_ideal_from_mhz",
                                            "violation_software", "violation_ideal", "violation_lowest_clock", "violation_highest_clock",
                                            "antt_software", "antt_ideal", "antt_lowest_clock", "antt_highest_clock",
                                            "overhead_lowest_clock", "differing_decisions_highest_clock"])
        let meanSeconds = RequestGenerator.meanRequestSeconds(workload)
        for (setting, rate) in loads {
            var violations = [[Double]](repeating: [], count: variants.count)
            var antts = [[Double]](repeating: [], count: variants.count)
            var overhead = [Double](repeating: 0, count: variants.count)
            var reports = [DystaHardwareReport](repeating: DystaHardwareReport(), count: variants.count)
            for seed in grid.seeds {
                for (v, variant) in variants.enumerated() {
                    let stream = try RequestStream(workload: workload, count: grid.requests, rate: .perSecond(rate),
                                                   sloMultiplier: sloMultiplier, seed: UInt64(seed))
                    let result: RunResult
                    if let parameters = variant.parameters {
                        let (run, report) = try runDystaHardware(parameters, catalog: workload.catalog, source: stream, settings: settings)
                        result = run
                        add(report, into: &reports[v])
                        let busy = run.metrics.acceleratorBusySeconds[0]
                        overhead[v] += report.overheadSeconds / max(busy + report.overheadSeconds, .leastNonzeroMagnitude)
                    } else {
                        result = try simulate(software, catalog: workload.catalog, source: stream, settings: settings)
                    }
                    if result.unfinished > 0 {
                        throw InvariantViolation(description: "\(variant.label) left \(result.unfinished) requests unfinished")
                    }
                    violations[v].append(result.metrics.violationRate)
                    antts[v].append(result.metrics.antt)
                    done += 1
                    progress?.update(done: done, total: total)
                }
            }
            let n = Double(grid.seeds.count)
            var matches = [Bool](repeating: true, count: variants.count)
            var matchesIdeal = [Bool](repeating: true, count: variants.count)
            // A difference of exactly 0 on every seed has no spread: it matches.
            func contains0(_ ci: ConfidenceInterval) -> Bool { ci.mean == 0 || ci.contains(0) }
            func same(_ v: Int, as reference: Int) -> Bool {
                contains0(ConfidenceInterval.differences(violations[v], violations[reference]))
                    && contains0(ConfidenceInterval.differences(antts[v], antts[reference]))
            }
            for (v, variant) in variants.enumerated() {
                let violation = ConfidenceInterval(violations[v])
                let antt = ConfidenceInterval(antts[v])
                let violationDiff = ConfidenceInterval.differences(violations[v], violations[0])
                let anttDiff = ConfidenceInterval.differences(antts[v], antts[0])
                matches[v] = same(v, as: 0)
                matchesIdeal[v] = same(v, as: 1)
                let p = variant.parameters
                let report = reports[v]
                table.append(row: [
                    .text(setting), .double(rate), .double(rate * meanSeconds), .text(p == nil ? "dysta" : "dysta-hw"),
                    .text(variant.label), .text(p?.format.rawValue ?? "fp64 (software)"), .text(p?.beta.rawValue ?? "0.01"),
                    p.map { .double($0.clockMHz) } ?? .text(""), p.map { .int($0.queueDepth) } ?? .text(""),
                    p.map { .int($0.effectiveCyclesPerTick) } ?? .text(""), .int(grid.seeds.count),
                    .double(violation.mean), .double(violation.halfWidth), .double(antt.mean), .double(antt.halfWidth),
                    .double(violationDiff.mean), .double(violationDiff.halfWidth), .double(anttDiff.mean), .double(anttDiff.halfWidth),
                    .text(matches[v] ? "yes" : "no"), .text(matchesIdeal[v] ? "yes" : "no"),
                    .double(p == nil ? 0 : overhead[v] / n),
                    .double(report.contestedDecisions > 0 ? Double(report.differingDecisions) / Double(report.contestedDecisions) : 0),
                    .int(report.queueFullWaits), .int(report.refusedRequests), .int(report.aliasedLUTReads),
                    .int(report.wrappedSlacks), .int(report.wrappedWaits), .int(report.nonFiniteScores),
                ])
            }
            // The plot: violation rate against the clock, software as a flat line.
            for reference in 0..<2 {
                for clock in grid.clocksMHz {
                    plotTable.append(row: [.text(setting), .text(variants[reference].label), .double(clock),
                                           .double(ConfidenceInterval(violations[reference]).mean)])
                }
            }
            for (v, variant) in variants.enumerated().dropFirst(2) {
                plotTable.append(row: [.text(setting), .text(variant.label), .double(variant.parameters!.clockMHz),
                                       .double(ConfidenceInterval(violations[v]).mean)])
            }
            // Per family: the smallest clock from which every higher clock matches.
            var families: [String] = []
            for variant in variants.dropFirst(2) where !families.contains(variant.family) { families.append(variant.family) }
            func mean(_ values: [Double]) -> Double { ConfidenceInterval(values).mean }
            for name in families {
                let indices = variants.indices.filter { $0 >= 2 && variants[$0].family == name }
                    .sorted { variants[$0].parameters!.clockMHz < variants[$1].parameters!.clockMHz }
                func from(_ ok: [Bool]) -> ResultValue {
                    var clock: Double? = nil
                    for i in indices.reversed() {
                        if ok[i] { clock = variants[i].parameters!.clockMHz } else { break }
                    }
                    return clock.map { .double($0) } ?? .text("none")
                }
                let lowest = indices.first!, highest = indices.last!
                let contested = reports[highest].contestedDecisions
                summary.append(row: [
                    .text(setting), .text(name), from(matches), from(matchesIdeal),
                    .double(mean(violations[0])), .double(mean(violations[1])),
                    .double(mean(violations[lowest])), .double(mean(violations[highest])),
                    .double(mean(antts[0])), .double(mean(antts[1])), .double(mean(antts[lowest])), .double(mean(antts[highest])),
                    .double(overhead[lowest] / n),
                    .double(contested > 0 ? Double(reports[highest].differingDecisions) / Double(contested) : 0),
                ])
            }
        }
        let stem = "\(name)-\(pool.rawValue)"
        let caption = "\(title), \(pool.rawValue) pool (\(grid.requests) requests, seeds 1-\(grid.seeds.count), SLO 10; mean and 95% t-interval half-width over seeds)"
        var text = "Software `dysta` against `dysta-hw` (docs/dysta-hardware.md). `matches_software`: the 95% interval of the per-seed "
        text += "difference (hardware minus software, same requests) contains 0 for both the violation rate and the ANTT; "
        text += "`matches_ideal`: the same against `hw formula, ideal` (the hardware's formula in float64 with no overhead and "
        text += "no capacity limits), which separates what the formula changes from what its realisation (precision, clock, "
        text += "queue, LUT) changes. "
        text += "`overhead_fraction`: scheduling time / (scheduling + layer time) of the accelerator. `differing_decisions`: "
        text += "fraction of decisions with a choice where software Dysta, on the same jobs at the same time, picks another job. "
        text += "Limits (counts summed over seeds): requests that found the queue full, refused requests, LUT reads beyond "
        text += "max_layers (50), slack and wait values that wrapped in W bits (a wrapped wait is harmless while n_iso is 0), infinite scores. `matches_software_from_mhz` / `matches_ideal_from_mhz`: "
        text += "the smallest clock from which every higher clock of the grid matches (none: the highest does not). `L64`: LUT "
        text += "blocks of 64 layers instead of 50 (`max_layers=64`). One point again: `baton run --schedulers dysta,dysta-hw "
        text += "--param dysta-hw.clock_mhz=200 --param dysta-hw.score_format=fp16 ...` (docs/parameters.md).\n\n"
        text += summary.markdown(digits: 4)
        return ExperimentOutput(
            name: name, title: "\(title), \(pool.rawValue) pool",
            tables: [NamedTable(name: stem, caption: caption, table: table),
                     NamedTable(name: stem + "-summary", caption: "Smallest matching clock, \(pool.rawValue) pool", table: summary),
                     NamedTable(name: stem + "-plot", caption: "Violation rate against the scheduler clock, \(pool.rawValue) pool", table: plotTable)],
            plots: [ExperimentPlot(name: stem, table: stem + "-plot",
                                   spec: PlotSpec(kind: .rate, x: "clock_mhz", y: ["violation_rate"], series: "variant",
                                                  title: "Violation rate against the scheduler clock (\(pool.rawValue))",
                                                  xLabel: "Scheduler clock (MHz)"),
                                   panelsBy: ["setting"])],
            summary: text)
    }

    static func add(_ report: DystaHardwareReport, into total: inout DystaHardwareReport) {
        total.decisions += report.decisions
        total.contestedDecisions += report.contestedDecisions
        total.differingDecisions += report.differingDecisions
        total.scoringPasses += report.scoringPasses
        total.scoresComputed += report.scoresComputed
        total.overheadSeconds += report.overheadSeconds
        total.arrivalsDuringScoring += report.arrivalsDuringScoring
        total.queueFullWaits += report.queueFullWaits
        total.maxWaitingOutside = max(total.maxWaitingOutside, report.maxWaitingOutside)
        total.refusedRequests += report.refusedRequests
        total.aliasedLUTReads += report.aliasedLUTReads
        total.aliasedLUTWrites += report.aliasedLUTWrites
        total.overflowedLUTEntries += report.overflowedLUTEntries
        total.wrappedSlacks += report.wrappedSlacks
        total.wrappedWaits += report.wrappedWaits
        total.nonFiniteScores += report.nonFiniteScores
        total.negativeScores += report.negativeScores
    }
}
