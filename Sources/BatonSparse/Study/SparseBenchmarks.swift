import BatonCore
import BatonPolicies
import BatonExperiments

/// Performance benchmarks of the engine and the sparse-study schedulers (issue 5's figures).
/// Wall-clock figures; run them on a release build (`swift run -c release baton bench`).
public enum SparseBenchmarks {
    /// Scheduler names measured: every registered policy.
    public static let schedulers = PolicyRegistry.builtIn.names

    /// Simulated layer steps per second and decision latency for each scheduler with exactly
    /// `population` jobs in the system (a closed loop on the attention pool's jobs, one accelerator).
    public static func throughput(populations: [Int], schedulers: [String] = schedulers, quick: Bool,
                                  decisions: Int? = nil, warmup: Int = 0, progress: ((Int, Int) -> Void)? = nil) throws -> ResultTable {
        let workload = try benchmarkWorkload(quick: quick)
        let templates = try workload.makeJobs(try RequestGenerator.generate(
            workload: workload, count: 256, rate: .utilisation(0.9), sloMultiplier: 10, seed: 1))
        return try DecisionBenchmark.table(policies: schedulers, catalog: workload.catalog, platform: .single(),
                                           templates: templates, populations: populations, quick: quick, decisions: decisions,
                                           warmup: warmup, progress: progress)
    }

    /// The Dysta study's rate sweep end to end, single-threaded: attention pool, 7 schedulers,
    /// rates 10/20/30/40 req/s, SLO 10, 1000 requests, 5 seeds. Returns seconds (total, and the
    /// simulations alone) and the number of runs.
    public static func rateSweep(quick: Bool) throws -> ResultTable {
        var plan = SparseRunPlan(workload: .pool(.attention, inputsPerFile: SparseRunPlan.defaultInputsPerFile, benchmarkSeed: 1))
        plan.schedulers = ["fcfs", "sjf", "prema", "planaria", "sdrm3", "dysta-oracle", "dysta"]
        plan.load = .rates([10, 20, 30, 40])
        plan.sloMultipliers = [10]
        plan.requests = quick ? 200 : 1000
        plan.seeds = Array(1...(quick ? 2 : 5))
        // The workload is built once (into the grid runner's per-thread cache, on this thread) and
        // timed apart from the simulations, which then run through the grid runner as `baton run` does.
        var warm = plan
        warm.schedulers = ["fcfs"]
        warm.requests = 1
        warm.seeds = [1]
        warm.load = .rates([10])
        let loadSeconds = try MonotonicClock.measure { _ = try SparseStudy.records(warm) }
        var rows = 0
        let simulateSeconds = try MonotonicClock.measure { rows = try SparseStudy.run(plan).rows.count }
        var table = ResultTable(columns: ["benchmark", "runs", "workload_seconds", "simulation_seconds", "total_seconds"])
        table.append(row: [.text("dysta-rate-sweep (attention, 7 schedulers x 4 rates x \(plan.seeds.count) seeds, \(plan.requests) requests)"),
                           .int(rows * plan.seeds.count), .double(loadSeconds), .double(simulateSeconds),
                           .double(loadSeconds + simulateSeconds)])
        return table
    }

    /// `requests` requests at utilisation 0.9 with `dysta` on the attention pool, streamed.
    /// Returns the time and the process's peak resident memory before and after.
    public static func million(requests: Int) throws -> ResultTable {
        let before = PeakMemory.residentBytes()
        let workload = try SparseStudy.loadWorkload(SparseRunPlan())
        let stream = try RequestStream(workload: workload, count: requests, rate: .utilisation(0.9), sloMultiplier: 10, seed: 1)
        var result: RunResult?
        let seconds = try MonotonicClock.measure {
            result = try simulate(try PolicyRegistry.builtIn.make("dysta"), catalog: workload.catalog, source: stream)
        }
        let metrics = result!.metrics
        let layers = metrics.acceleratorLayers.reduce(0, +)
        var table = ResultTable(columns: ["benchmark", "requests", "seconds", "requests_per_second", "layers", "decisions",
                                         "ns_per_layer", "peak_rss_mb_before", "peak_rss_mb_after", "violation_rate", "antt"])
        table.append(row: [.text("dysta, utilisation 0.9, streamed"), .int(metrics.completed), .double(seconds),
                           .double(Double(metrics.completed) / seconds), .int(layers), .int(metrics.decisions),
                           .double(seconds * 1e9 / Double(max(layers, 1))), .double(Double(before) / 1_048_576),
                           .double(Double(PeakMemory.residentBytes()) / 1_048_576),
                           .double(metrics.violationRate), .double(metrics.antt)])
        return table
    }

    static func benchmarkWorkload(quick: Bool) throws -> SparseWorkload {
        try SparseStudy.loadWorkload(SparseRunPlan(workload: .pool(.attention, inputsPerFile: quick ? 50 : 200, benchmarkSeed: 1)))
    }
}
