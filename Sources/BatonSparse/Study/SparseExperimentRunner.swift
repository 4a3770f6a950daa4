import BatonCore
import BatonExperiments

/// Runs the built-in experiments of the sparse study.
///
/// Each simulation experiment runs twice: at the study's arrival rates, and at the utilisations that
/// give the study's contention. The study costed every attention model at sequence length 512 and drew
/// inputs from the first 7 of each trace (spec section 7), so its load at a given rate was
/// `rate x mean request latency under that costing`; Baton's default benchmark costs each model at
/// its own sequence length and is several times lighter at the same rate. The equivalent utilisation
/// is that product computed on Baton's benchmark in the artifact's costing.
public enum SparseExperimentRunner {
    /// Runs `experiment` on `pool` (`quick`: fewer requests and seeds, for CI; `seeds`: seeds 1...K
    /// instead of the grid's).
    public static func run(_ experiment: SparseExperimentName, pool: SparsePool, quick: Bool,
                           inputsPerFile: Int = SparseRunPlan.defaultInputsPerFile, benchmarkSeed: UInt64 = 1,
                           checkInvariants: Bool = false, jobs: Int = 1, seeds: Int? = nil, baseline: String? = nil,
                           progress: ProgressReporter? = nil) throws -> ExperimentOutput {
        let inputs = quick ? min(inputsPerFile, 50) : inputsPerFile
        var plan = SparseRunPlan(workload: .pool(pool, inputsPerFile: inputs, benchmarkSeed: benchmarkSeed))
        plan.checkInvariants = checkInvariants
        let workload = try SparseStudy.loadWorkload(plan)
        if experiment == .predictor {
            return try predictorAccuracy(workload: workload, pool: pool)
        }
        var grid = SparseExperimentGrid.of(experiment, pool: pool, quick: quick)
        if let seeds { grid.seeds = Array(1...max(1, seeds)) }
        var compatPlan = plan
        compatPlan.compatibility = .dystaArtifact
        let studyMeanSeconds = RequestGenerator.meanRequestSeconds(try SparseStudy.loadWorkload(compatPlan))

        plan.schedulers = experiment == .breakdown ? ["prema", "dysta-naive", "dysta-static", "dysta-dynamic", "dysta"] : grid.schedulers
        plan.sloMultipliers = grid.sloMultipliers
        plan.requests = grid.requests
        plan.seeds = grid.seeds
        var records: [SparseExperimentRecord] = []
        for (index, setting) in ["study-rate", "equivalent-utilization"].enumerated() {
            plan.load = index == 0 ? .rates(grid.rates) : .utilizations(grid.rates.map { $0 * studyMeanSeconds })
            let part = try SparseStudy.records(plan, jobs: jobs, progress: progress)
            // Points are scheduler-major, then load, SLO and seed: the study rate of each record
            // follows from its position.
            let perLoad = grid.sloMultipliers.count * grid.seeds.count
            for (r, record) in part.enumerated() {
                records.append(SparseExperimentRecord(setting: setting, studyRate: grid.rates[(r / perLoad) % grid.rates.count], run: record))
            }
        }
        let table = RecordTable.meanOverSeeds(records)
        let name = "\(experiment.rawValue)-\(pool.rawValue)"
        let caption = "\(experiment.title), \(pool.rawValue) pool (\(grid.requests) requests, seeds 1-\(grid.seeds.count), mean over seeds)"
        let cells = SparseExperimentCell.cells(records)
        var summary = experiment == .breakdown ? breakdownSummary(cells) : comparisonSummary(cells, experiment: experiment)
        var tables = [NamedTable(name: name, caption: caption, table: table)]
        if let baseline {
            // Every other scheduler against the baseline, seed by seed, at each setting, rate and SLO.
            let rows = try PairedComparison.rows(records.map(PairedSample.init), baseline: baseline)
            tables.append(NamedTable(name: name + "-vs-" + baseline, caption: "Paired differences against \(baseline)",
                                     table: PairedComparison.table(rows)))
            summary += "\n\n" + PairedComparison.summaryLines(rows, metrics: SparseRunPlan.headlineMetrics).map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        return ExperimentOutput(name: experiment.rawValue, title: "\(experiment.title), \(pool.rawValue) pool",
                                tables: tables,
                                plots: plots(experiment, table: name), summary: summary)
    }

    /// The utilisations that give the study's contention at its arrival rates `rates` on `plan`'s
    /// workload: rate x the mean request latency in the artifact's costing (see the type's note).
    public static func equivalentUtilizations(rates: [Double], plan: SparseRunPlan) throws -> [Double] {
        var compat = plan
        compat.compatibility = .dystaArtifact
        let studyMeanSeconds = RequestGenerator.meanRequestSeconds(try SparseStudy.loadWorkload(compat))
        return rates.map { $0 * studyMeanSeconds }
    }

    /// The study's figure types for an experiment's table.
    static func plots(_ experiment: SparseExperimentName, table: String) -> [ExperimentPlot] {
        switch experiment {
        case .tradeoff:
            return [ExperimentPlot(name: table, table: table, spec: PlotSpec(kind: .tradeoff, x: "violation_rate", y: ["antt"],
                                   series: "scheduler", title: "SLO violation rate vs ANTT"), panelsBy: ["setting", "study_rate"])]
        case .sloSweep:
            return [ExperimentPlot(name: table, table: table, spec: PlotSpec(kind: .slo, x: "slo", y: ["violation_rate", "antt"],
                                   series: "scheduler", title: "Against the SLO multiplier"), panelsBy: ["setting", "study_rate"])]
        case .rateSweep:
            return [ExperimentPlot(name: table, table: table, spec: PlotSpec(kind: .rate, x: "study_rate", y: ["violation_rate", "antt"],
                                   series: "scheduler", title: "Against the arrival rate (study rates; equivalent-utilisation panel at the same contention)",
                                   xLabel: "Study arrival rate (requests/s)"), panelsBy: ["setting"])]
        case .breakdown:
            return [ExperimentPlot(name: table, table: table, spec: PlotSpec(kind: .bars, x: "setting", y: ["violation_rate", "antt"],
                                   series: "scheduler", title: "Static and dynamic levels"))]
        case .predictor:
            return []
        }
    }

    /// Predictor accuracy by layer position for BERT and GPT-2 (attention pool) or every model.
    static func predictorAccuracy(workload: SparseWorkload, pool: SparsePool) throws -> ExperimentOutput {
        let models = pool == .attention ? workload.modelNames.filter { $0.contains("bert") || $0.contains("gpt2") } : nil
        let table = try PredictorAccuracy.evaluate(workload: workload, models: models)
        var summary = "Mean relative error of gamma x remaining average latency against the true remaining latency, over all layer positions (held-out inputs):\n\n"
        var rows = ResultTable(columns: ["model", "predictor", "mean_relative_error", "rmse_s"])
        for r in table.rows.indices where table.value(r, "layers_run") == .text("all") {
            rows.append(row: [table.value(r, "model")!, table.value(r, "predictor")!,
                              table.value(r, "mean_relative_error")!, table.value(r, "rmse_s")!])
        }
        summary += rows.markdown()
        return ExperimentOutput(name: SparseExperimentName.predictor.rawValue,
                                title: "\(SparseExperimentName.predictor.title), \(pool.rawValue) pool",
                                tables: [NamedTable(name: "dysta-predictor-\(pool.rawValue)",
                                                    caption: "Predictor error by layer position", table: table)],
                                plots: [ExperimentPlot(name: "dysta-predictor-\(pool.rawValue)", table: "dysta-predictor-\(pool.rawValue)",
                                                       spec: PlotSpec(kind: .predictor, x: "layers_run", y: ["mean_relative_error", "rmse_s"],
                                                                      series: "predictor", title: "Predictor error by layer position"),
                                                       panelsBy: ["model"])],
                                summary: summary)
    }

    /// The study's own comparison set (the state of the art it counted).
    static var baselines: [String] { SparseRunPlan.stateOfTheArt }

    /// Dysta against the best of the study's comparison set at each (setting, rate, SLO): violation
    /// points and ANTT ratio (means; `headline-claims` gives paired intervals and Baton's best).
    static func comparisonSummary(_ cells: [SparseExperimentCell], experiment: SparseExperimentName) -> String {
        var lines = ResultTable(columns: ["setting", "study_rate", "slo", "offered_utilization",
                                          "best_baseline_violation", "dysta_violation", "violation_points_saved",
                                          "best_baseline_antt", "dysta_antt", "antt_ratio"])
        var bestPoints = -Double.infinity, bestRatio = 0.0
        for group in SparseExperimentCell.byPoint(cells) {
            guard let dysta = group.first(where: { $0.scheduler == "dysta" }) else { continue }
            let base = group.filter { baselines.contains($0.scheduler) }
            guard let bestViolation = base.min(by: { $0.violationRate < $1.violationRate }),
                  let bestANTT = base.min(by: { $0.antt < $1.antt }) else { continue }
            let points = 100 * (bestViolation.violationRate - dysta.violationRate)
            let ratio = bestANTT.antt / dysta.antt
            bestPoints = max(bestPoints, points)
            bestRatio = max(bestRatio, ratio)
            lines.append(row: [.text(dysta.setting), .double(dysta.studyRate), dysta.slo.map(ResultValue.double) ?? .text("table"),
                               .double(dysta.offeredUtilization),
                               .text("\(bestViolation.scheduler) \(ResultTable.formatFixed(bestViolation.violationRate, digits: 4))"),
                               .double(dysta.violationRate), .double(points),
                               .text("\(bestANTT.scheduler) \(ResultTable.formatFixed(bestANTT.antt, digits: 4))"),
                               .double(dysta.antt), .double(ratio)])
        }
        var text = "Dysta against the best of the study's comparison set (\(baselines.joined(separator: ", "))) at each point "
        text += "(the best for each metric separately; means over seeds: `baton experiment headline-claims` gives paired 95% intervals "
        text += "and the comparison with every Baton policy). "
        text += "The study reports up to 10 percentage points fewer SLO violations and nearly 4x lower ANTT. "
        text += "Measured here: at best \(ResultTable.formatFixed(bestPoints, digits: 2)) points fewer violations and \(ResultTable.formatFixed(bestRatio, digits: 2))x lower ANTT "
        text += "(negative points or a ratio below 1 mean Dysta did worse than the best baseline there).\n\n"
        return text + lines.markdown()
    }

    /// What the static and dynamic levels contribute, from naive (neither) to dysta (both).
    static func breakdownSummary(_ cells: [SparseExperimentCell]) -> String {
        var text = "Static level = pattern-aware estimates (dysta-static); dynamic level = run-time monitor (dysta-dynamic); "
        text += "dysta-naive has neither and dysta both; PREMA is the study's reference point.\n\n"
        var lines = ResultTable(columns: ["setting", "scheduler", "violation_rate", "antt", "violation_change_vs_naive_points", "antt_change_vs_naive"])
        for setting in ["study-rate", "equivalent-utilization"] {
            let rows = cells.filter { $0.setting == setting }
            guard let naive = rows.first(where: { $0.scheduler == "dysta-naive" }) else { continue }
            for cell in rows {
                lines.append(row: [.text(setting), .text(cell.scheduler), .double(cell.violationRate), .double(cell.antt),
                                   .double(100 * (cell.violationRate - naive.violationRate)), .double(cell.antt / naive.antt - 1)])
            }
        }
        return text + lines.markdown()
    }
}

/// A sparse-study run inside an experiment: which setting and study rate it stands for.
struct SparseExperimentRecord: RunRecord {
    var setting: String
    var studyRate: Double
    var run: SparseRunRecord

    var parameterFields: [(name: String, value: ResultValue)] {
        [("setting", .text(setting)), ("study_rate", .double(studyRate))] + run.parameterFields
    }
    var metricFields: [(name: String, value: Double)] { run.metricFields }
}

/// Means over seeds of one (setting, study rate, SLO, scheduler), typed.
struct SparseExperimentCell {
    var setting: String
    var studyRate: Double
    var slo: Double?
    var scheduler: String
    var offeredUtilization: Double
    var violationRate: Double
    var antt: Double

    static func cells(_ records: [SparseExperimentRecord]) -> [SparseExperimentCell] {
        RecordTable.seedGroups(records).map { group in
            func mean(_ value: (SparseRunRecord) -> Double) -> Double { group.map { value($0.run) }.reduce(0, +) / Double(group.count) }
            let head = group[0]
            return SparseExperimentCell(setting: head.setting, studyRate: head.studyRate, slo: head.run.slo, scheduler: head.run.scheduler,
                                        offeredUtilization: mean(\.offeredUtilization), violationRate: mean(\.violationRate), antt: mean(\.antt))
        }
    }

    /// Cells grouped by (setting, study rate, SLO), in order of first appearance.
    static func byPoint(_ cells: [SparseExperimentCell]) -> [[SparseExperimentCell]] {
        var order: [String] = []
        var groups: [String: [SparseExperimentCell]] = [:]
        for cell in cells {
            let key = "\(cell.setting)|\(cell.studyRate)|\(cell.slo ?? .nan)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(cell)
        }
        return order.map { groups[$0]! }
    }
}
