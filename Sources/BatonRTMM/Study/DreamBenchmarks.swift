import BatonCore
import BatonExperiments
import BatonPolicies

/// Wall-clock benchmark of the real-time study's experiment (issue 5's DREAM figure).
public enum DreamBenchmarks {
    /// The DREAM five-scenario UXCost experiment end to end (two platforms, every baseline and
    /// DREAM, the experiment's seeds and duration), single-threaded.
    public static func uxcost(quick: Bool) throws -> ResultTable {
        var output: DreamExperimentOutput?
        let seconds = try MonotonicClock.measure { output = try DreamExperiments.uxcost(quick: quick) }
        let runs = output!.table.rows.count
        var table = ResultTable(columns: ["benchmark", "rows", "seconds"])
        table.append(row: [.text("dream-uxcost (5 scenarios x 2 platforms x 8 schedulers\(quick ? ", quick" : ""))"),
                           .int(runs), .double(seconds)])
        return table
    }
}

extension DreamBenchmarks {
    /// The scenario and platform of the multi-accelerator decision benchmark.
    public static let decisionScenario = "outdoor-a"
    public static let decisionPlatform = "quad-4k-ws-os"

    /// Decision latency of every registered policy on a platform of four accelerators (XRBench's
    /// `outdoor-a` frames on `quad-4k-ws-os`, with cost variation so that monitors have work), in a
    /// closed loop that keeps `population` frames in the system (see `DecisionBenchmark`).
    public static func decisions(populations: [Int], schedulers: [String] = PolicyRegistry.builtIn.names, quick: Bool,
                                 decisions: Int? = nil, warmup: Int = 0, progress: ((Int, Int) -> Void)? = nil) throws -> ResultTable {
        let library = try ModelLibrary.builtIn()
        let platform = try library.platform(named: decisionPlatform)
        let workload = try WorkloadBuilder.build(timeline: try library.timeline(named: decisionScenario), platform: platform,
                                                 library: library, durationSeconds: 1, seed: 1,
                                                 options: WorkloadOptions(costVariation: CostVariation(sigma: 0.2)))
        var source = workload.source
        var templates: [JobSpec] = []
        while templates.count < 256, let frame = source.next() { templates.append(frame) }
        return try DecisionBenchmark.table(policies: schedulers, catalog: workload.catalog, platform: platform.corePlatform,
                                           templates: templates, populations: populations, quick: quick, decisions: decisions,
                                           warmup: warmup, progress: progress)
    }
}
