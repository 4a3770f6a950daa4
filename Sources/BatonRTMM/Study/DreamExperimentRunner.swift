import BatonCore
import BatonExperiments

/// The real-time study's built-in experiments (DREAM, ASPLOS 2023) as experiment outputs.
public enum DreamExperimentName: String, Sendable, CaseIterable {
    /// UXCost, energy, violation and XRBench score of DREAM and every baseline on five scenarios.
    case uxcost = "dream-uxcost"
    /// What frame drop, preference, variants and tuning each contribute.
    case ablation = "dream-ablation"
    /// Windows of online tuning needed after a scenario switch.
    case tuning = "dream-tuning"

    public var title: String {
        switch self {
        case .uxcost: "DREAM against the baselines: UXCost on five XRBench scenarios"
        case .ablation: "DREAM ablation: frame drop, preference, variants, online tuning"
        case .tuning: "DREAM online tuning after scenario switches"
        }
    }
}

/// Runs the DREAM experiments and turns their tables into `ExperimentOutput`s with plots.
public enum DreamExperimentRunner {
    /// Runs `experiment` (`seeds`: seeds 1...K instead of the experiment's own; `baseline`: adds the
    /// paired comparison of every other scheduler against it, `PairedComparison`).
    public static func run(_ experiment: DreamExperimentName, quick: Bool, seeds: Int? = nil, baseline: String? = nil,
                           progress: ProgressReporter? = nil) throws -> ExperimentOutput {
        let seedList = seeds.map { (1...max(1, $0)).map(UInt64.init) }
        var steps = 0
        let step: (String) -> Void = { _ in steps += 1; progress?.update(done: steps, total: steps + 1) }
        let output: DreamExperimentOutput
        switch experiment {
        case .uxcost: output = try DreamExperiments.uxcost(quick: quick, seeds: seedList, progress: step)
        case .ablation: output = try DreamExperiments.ablation(quick: quick, seeds: seedList, progress: step)
        case .tuning: output = try DreamExperiments.tuning(quick: quick, seeds: seedList, progress: step)
        }
        let name = experiment.rawValue
        var tables = [NamedTable(name: name, caption: experiment.title, table: output.table)]
        if !output.summary.columns.isEmpty {
            tables.append(NamedTable(name: name + "-summary", caption: "Summary", table: output.summary))
        }
        var plots: [ExperimentPlot] = []
        switch experiment {
        case .uxcost:
            plots.append(ExperimentPlot(name: name, table: name, spec: PlotSpec(
                kind: .bars, x: "scenario", y: ["uxcost", "energy_mj", "violation_rate", "xrbench_score"], series: "scheduler",
                facet: "platform", title: "UXCost, energy, violation rate and XRBench score per scenario", logY: false)))
        case .ablation:
            plots.append(ExperimentPlot(name: name, table: name, spec: PlotSpec(
                kind: .bars, x: "scenario", y: ["uxcost", "violation_rate"], series: "scheduler", facet: "platform",
                title: "DREAM and its ablations")))
        case .tuning:
            plots.append(ExperimentPlot(name: name, table: name, spec: PlotSpec(
                kind: .tuning, x: "window", y: ["uxcost_fixed", "alpha", "beta"], series: "tuning_seed",
                title: "Online tuning after a scenario switch"), panelsBy: ["switch", "start"]))
        }
        var summary = output.markdown
        if let baseline {
            guard !output.pairedSamples.isEmpty else {
                throw InputError(.flag, field: "--baseline", "\(name) has no per-seed runs of several schedulers to compare")
            }
            let rows = try PairedComparison.rows(output.pairedSamples, baseline: baseline)
            tables.append(NamedTable(name: name + "-vs-" + baseline, caption: "Paired differences against \(baseline)",
                                     table: PairedComparison.table(rows)))
            summary += "\n" + PairedComparison.summaryLines(rows, metrics: RTMMCommandLine.headlineMetrics).map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        return ExperimentOutput(name: name, title: experiment.title, tables: tables, plots: plots, summary: summary)
    }
}
