import BatonCore
import BatonPolicies
import BatonExperiments

/// What `baton rtmm run` asks for, as plain values (the command only parses flags into this).
public struct RTMMRunRequest: Sendable {
    /// Scenario (or timeline) name.
    public var scenario: String
    /// Platform name.
    public var platform: String
    /// Scheduler names (any registered policy).
    public var schedulers: [String]
    /// Policy parameters (`alpha=2`, or `dream.alpha=2` for one policy).
    public var parameters: [ParameterAssignment]
    /// One row per seed instead of the mean over seeds.
    public var perSeed = false
    /// How the 95% intervals over seeds are formed.
    public var interval: IntervalMethod = .studentT
    /// Runs at once (threads); results do not depend on it.
    public var jobs = 1
    /// Records traces: called with the points, the model names and the platform, and a function
    /// that runs one point with an observer (the command line writes Chrome traces with it).
    public var traces: (@Sendable ([SweepPoint], [String], Platform, (SweepPoint, any SimulationObserver) throws -> Void) throws -> Void)?
    /// Frames are generated for this long; nil: 2000 ms (700 ms in parity mode).
    public var durationMilliseconds: Double?
    /// Seeds 1...seeds are run and averaged.
    public var seeds: Int
    /// Run XRBench's own simulator instead of Baton's engine (scheduler `xrbench` only).
    public var xrbenchParity: Bool
    /// Workload options (default mode only).
    public var options: WorkloadOptions
    /// YAML files with user models, scenarios and platforms.
    public var configPaths: [String]
    /// Check the engine's invariants.
    public var checkInvariants: Bool

    public init(scenario: String, platform: String, schedulers: [String], durationMilliseconds: Double? = nil, seeds: Int = 1,
                xrbenchParity: Bool = false, options: WorkloadOptions = WorkloadOptions(), configPaths: [String] = [],
                checkInvariants: Bool = false, parameters: [ParameterAssignment] = []) {
        self.parameters = parameters
        self.scenario = scenario
        self.platform = platform
        self.schedulers = schedulers
        self.durationMilliseconds = durationMilliseconds
        self.seeds = seeds
        self.xrbenchParity = xrbenchParity
        self.options = options
        self.configPaths = configPaths
        self.checkInvariants = checkInvariants
    }
}

/// The library side of `baton rtmm run`.
public enum RTMMCommandLine {
    /// Runs every scheduler of `request` and averages over seeds 1...seeds.
    /// - Throws: `InputError` for unknown names (with suggestions), bad values or bad config files.
    public static func summaries(_ request: RTMMRunRequest, registry: PolicyRegistry = .builtIn,
                                 progress: ProgressReporter? = nil) throws -> [RTMMSummary] {
        guard request.seeds >= 1 else { throw InputError(.flag, field: "seeds", "the number of seeds must be at least 1") }
        guard request.seeds <= 10_000 else { throw InputError(.limit, field: "seeds", "at most 10000 seeds") }
        if let duration = request.durationMilliseconds {
            guard duration.isFinite, duration > 0 else { throw InputError(.flag, field: "duration-ms", "the duration must be positive") }
        }
        guard !request.schedulers.isEmpty else { throw InputError(.flag, field: "schedulers", "give at least one scheduler") }
        for name in request.schedulers { _ = try registry.descriptor(name, field: "schedulers") }
        let values = try registry.parameterValues(for: request.schedulers, assignments: request.parameters, field: "param")
        var library = try ModelLibrary.builtIn()
        if !request.configPaths.isEmpty { library = try ConfigLoader.load(paths: request.configPaths, into: library) }
        let timeline = try library.timeline(named: request.scenario)
        let platform = try library.platform(named: request.platform)
        let seeds = (1...request.seeds).map(UInt64.init)
        if request.xrbenchParity {
            for name in request.schedulers where name != "xrbench" {
                throw InputError(.flag, field: "schedulers", "--xrbench-parity reproduces XRBench's own scheduler only, not '\(name)'",
                                 hint: "use --schedulers xrbench")
            }
            guard timeline.phases.count == 1 else {
                throw InputError(.flag, field: "scenario", "--xrbench-parity runs a single scenario, not a timeline")
            }
            let duration = request.durationMilliseconds ?? 700
            guard duration == duration.rounded(), duration <= 3_600_000 else {
                throw InputError(.flag, field: "duration-ms", "parity mode takes whole milliseconds (at most one hour)")
            }
            return [try paritySummary(scenario: timeline.phases[0].scenario, platform: platform, library: library,
                                      seeds: seeds, durationMilliseconds: Int(duration))]
        }
        // The workload of the first run, built up front: bounds (duration, frames, jitter) and the
        // scenario's models are checked here with flag-level errors, before any point runs.
        let firstWorkload = try WorkloadBuilder.build(timeline: timeline, platform: platform, library: library,
                                                      durationSeconds: (request.durationMilliseconds ?? 2000) / 1000, seed: 1,
                                                      options: request.options)
        // Every (scheduler, seed) is a point of the grid runner, as in a sweep.
        let runner = RTMMSweepRunner(checkInvariants: request.checkInvariants, registry: registry, library: library)
        let points = self.points(request, values: values)
        for point in points { try runner.check(point) }
        let runs = try GridRunner.map(points, jobs: request.jobs, progress: progress) { try runner.result($0) }
        if let traces = request.traces {
            // The traced runs again, recorded (runs are deterministic: the same schedules).
            try traces(points, firstWorkload.catalog.modelNames, platform.corePlatform) { point, observer in
                _ = try runner.result(point, observer: observer)
            }
        }
        if request.perSeed { return runs.map { RTMMSummary([$0], seed: $0.seed) } }
        return stride(from: 0, to: runs.count, by: seeds.count).map { RTMMSummary(Array(runs[$0..<($0 + seeds.count)])) }
    }

    /// The points of a request: one per (scheduler, seed), seed innermost, with every parameter
    /// of the run and the policy parameters that apply to its scheduler.
    public static func points(_ request: RTMMRunRequest, values: [ParameterValues]) -> [SweepPoint] {
        var common: [SweepParameter] = [
            SweepParameter(name: "scenario", value: .text(request.scenario)),
            SweepParameter(name: "platform", value: .text(request.platform)),
            SweepParameter(name: "duration_ms", value: .double(request.durationMilliseconds ?? 2000)),
            SweepParameter(name: "period", value: .text(request.options.periodMode.rawValue)),
            SweepParameter(name: "jitter_ms", value: .double(request.options.jitterSeconds * 1000)),
            SweepParameter(name: "cost_variation", value: .double(request.options.costVariation?.sigma ?? 0)),
        ]
        if !request.configPaths.isEmpty {
            common.append(SweepParameter(name: "config", value: .text(request.configPaths.joined(separator: ","))))
        }
        var points: [SweepPoint] = []
        for (i, scheduler) in request.schedulers.enumerated() {
            let policy = values[i].nonDefaultSweepParameters
            for seed in 1...request.seeds {
                points.append(SweepPoint(index: points.count, parameters: common + policy + [
                    SweepParameter(name: "scheduler", value: .text(scheduler)), SweepParameter(name: "seed", value: .int(seed))],
                    source: "baton rtmm run"))
            }
        }
        return points
    }

    /// Averages XRBench parity runs over seeds into a summary.
    public static func paritySummary(scenario: Scenario, platform: RTPlatform, library: ModelLibrary, seeds: [UInt64],
                                     durationMilliseconds: Int) throws -> RTMMSummary {
        let runs = try seeds.map {
            try XRBenchParity.run(scenario: scenario, platform: platform, library: library, seed: $0,
                                  durationMilliseconds: durationMilliseconds)
        }
        let n = Double(runs.count)
        var overall: [UXCost] = []
        var p95: [Double] = []
        var perModel: [String: [RTMMModelSummary]] = [:]
        for run in runs {
            var frames = 0, violations = 0
            var energy = 0.0, floor = 0.0
            var turnarounds: [Double] = []
            for model in run.models {
                let minimum = model.latencyNanoseconds.indices.map { a in
                    library.model(named: model.name)!.costs[platform.accelerators[a].kind]!.totalEnergyMillijoules
                }.min() ?? 0
                let ux = UXCost(frames: model.stats.counted, violations: model.stats.late + model.stats.dropped,
                                energyMillijoules: model.stats.energyMillijoules,
                                minimumEnergyMillijoules: Double(model.stats.counted) * minimum)
                frames += ux.frames; violations += ux.violations
                energy += ux.energyMillijoules; floor += ux.minimumEnergyMillijoules
                let own = run.records.filter { $0.model == model.name && !$0.dropped }
                    .map { Double($0.completionNanoseconds - $0.dueNanoseconds) * 1e-9 }
                turnarounds += own
                perModel[model.name, default: []].append(RTMMModelSummary(
                    name: model.name, frames: Double(ux.frames), uxCost: ux.value, energyMillijoules: ux.energyMillijoules,
                    violationRate: ux.violationRate, dropRate: 1 - model.userExperienceScore,
                    xrbenchScore: 100 * model.stats.xrbenchScore, accuracy: 1, p95LatencySeconds: percentile(own, 95)))
            }
            overall.append(UXCost(frames: frames, violations: violations, energyMillijoules: energy, minimumEnergyMillijoules: floor))
            p95.append(percentile(turnarounds, 95))
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        let names = scenario.models.map(\.model).filter { perModel[$0] != nil }
        let models = names.map { name -> RTMMModelSummary in
            let rows = perModel[name]!
            // Averaged over the seeds in which the model had counted frames.
            return RTMMModelSummary(name: name, frames: mean(rows.map(\.frames)), uxCost: mean(rows.map(\.uxCost)),
                                    energyMillijoules: mean(rows.map(\.energyMillijoules)), violationRate: mean(rows.map(\.violationRate)),
                                    dropRate: mean(rows.map(\.dropRate)), xrbenchScore: mean(rows.map(\.xrbenchScore)),
                                    accuracy: 1, p95LatencySeconds: mean(rows.map(\.p95LatencySeconds)))
        }
        let drops = runs.map { run in
            let counted = run.models.map(\.stats.counted).reduce(0, +)
            return counted == 0 ? 0 : Double(run.models.map(\.stats.dropped).reduce(0, +)) / Double(counted)
        }
        return RTMMSummary(scenario: scenario.name, platform: platform.name, scheduler: "xrbench-parity", seeds: runs.count,
                           frames: mean(overall.map { Double($0.frames) }), uxCost: mean(overall.map(\.value)),
                           uxCostForRatios: mean(overall.map(\.ratioValue)), normalizedEnergy: mean(overall.map(\.normalizedEnergy)),
                           energyMillijoules: mean(overall.map(\.energyMillijoules)), violationRate: mean(overall.map(\.violationRate)),
                           dropRate: mean(drops), xrbenchScore: runs.map(\.score).reduce(0, +) / n, accuracy: 1,
                           p95LatencySeconds: mean(p95), perModel: models)
    }

    /// The metrics the study's claims are about (summary sentences of paired comparisons).
    public static let headlineMetrics = ["uxcost", "violation_rate"]

    /// Every seed's run of the summaries as samples for `PairedComparison` (context: scenario and
    /// platform; seeds 1...K in order, or the summary's own seed when shown per seed).
    public static func pairedSamples(_ summaries: [RTMMSummary]) -> [PairedSample] {
        summaries.flatMap { summary in
            summary.seedMetricValues.enumerated().map { i, values in
                PairedSample(context: [("scenario", .text(summary.scenario)), ("platform", .text(summary.platform))],
                             policy: summary.scheduler, seed: summary.seed.map { Int($0) } ?? i + 1,
                             metrics: Array(zip(RTMMSummary.metricNames, values)).map { (name: $0.0, value: $0.1) })
            }
        }
    }

    /// Columns of `table` per seed.
    public static let columns = ["scenario", "platform", "scheduler", "model"] + RTMMSummary.columns.dropFirst(3)
    /// Columns of `table` over seeds: each metric `m` with `m_sd`, `m_ci_low`, `m_ci_high`.
    public static let intervalColumns = ["scenario", "platform", "scheduler", "model"] + RTMMSummary.intervalColumns.dropFirst(3)

    /// One row per scheduler (model "all") and, with `perModel`, one per model after it (means
    /// only: the interval columns of per-model rows are empty); with per-seed summaries the
    /// `seeds` column becomes `seed` and there are no interval columns.
    public static func table(_ summaries: [RTMMSummary], perModel: Bool, interval: IntervalMethod = .studentT) -> ResultTable {
        let perSeed = summaries.contains { $0.seed != nil }
        var table = ResultTable(columns: perSeed ? columns.map { $0 == "seeds" ? "seed" : $0 } : intervalColumns)
        for summary in summaries {
            var row = perSeed ? summary.row() : summary.row(interval: interval)
            row["model"] = .text("all")
            if let seed = summary.seed { row["seed"] = .int(Int(seed)) }
            table.append(row)
            guard perModel else { continue }
            for model in summary.perModel {
                table.append(["scenario": .text(summary.scenario), "platform": .text(summary.platform),
                              "scheduler": .text(summary.scheduler), "model": .text(model.name), "seeds": .int(summary.seeds),
                              "seed": summary.seed.map { .int(Int($0)) } ?? .text(""),
                              "frames": .double(model.frames), "uxcost": .double(model.uxCost), "uxcost_floored": .text(""),
                              "e_norm": .text(""), "energy_mj": .double(model.energyMillijoules),
                              "violation_rate": .double(model.violationRate), "drop_rate": .double(model.dropRate),
                              "xrbench_score": .double(model.xrbenchScore), "accuracy": .double(model.accuracy),
                              "latency_p95_s": .double(model.p95LatencySeconds), "unfinished": .double(model.unfinished)])
            }
        }
        return table
    }
}
