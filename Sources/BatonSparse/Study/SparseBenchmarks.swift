import BatonCore
import BatonPolicies
import BatonExperiments

/// Performance benchmarks of the engine and the sparse-study schedulers (issue 5's figures).
/// Wall-clock figures; run them on a release build (`swift run -c release baton bench`).
public enum SparseBenchmarks {
    /// Scheduler names measured.
    public static let schedulers = PolicyRegistry.builtIn.studyPolicies("sparse")

    /// Simulated layer steps per second and decision latency for each scheduler with exactly
    /// `population` jobs in the system (a closed loop on the attention pool's jobs).
    public static func throughput(populations: [Int], schedulers: [String] = schedulers, quick: Bool,
                                  progress: ((Int, Int) -> Void)? = nil) throws -> ResultTable {
        let workload = try benchmarkWorkload(quick: quick)
        let templates = try workload.makeJobs(try RequestGenerator.generate(
            workload: workload, count: 256, rate: .utilisation(0.9), sloMultiplier: 10, seed: 1))
        let layersPerJob = Double(templates.map { workload.catalog.costTables[$0.trueCosts].layerCount }.reduce(0, +)) / Double(templates.count)
        var table = ResultTable(columns: ["scheduler", "tasks_in_system", "layer_steps", "seconds", "layer_steps_per_second",
                                         "decision_median_ns", "decision_p99_ns"])
        let total = schedulers.count * populations.count
        var done = 0
        for name in schedulers {
            let policy = try PolicyRegistry.builtIn.make(name)
            for population in populations {
                // Enough steps for a stable figure, fewer where each decision scans many jobs.
                let steps = (quick ? 200_000.0 : 2_000_000.0) / Double(max(1, population / 16))
                let jobs = max(population, Int(steps / layersPerJob))
                let row = try measure(policy, workload: workload, templates: templates, population: population, jobs: jobs)
                table.append(row: [.text(name), .int(population)] + row)
                done += 1
                progress?(done, total)
            }
        }
        return table
    }

    private static func measure(_ policy: any Scheduler, workload: SparseWorkload, templates: [JobSpec],
                                population: Int, jobs: Int) throws -> [ResultValue] {
        func run<P: Scheduler>(_ policy: P) throws -> [ResultValue] {
            let source = ClosedLoopSource(population: population, totalJobs: jobs, templates: templates)
            var simulator = Simulator(catalog: workload.catalog, platform: .single(),
                                      scheduler: TimedScheduler(policy, minimumJobs: population), source: source)
            var result: RunResult?
            let seconds = try MonotonicClock.measure { result = try simulator.run() }
            let steps = result!.metrics.acceleratorLayers.reduce(0, +)
            let latencies = simulator.scheduler.latencies
            return [.int(steps), .double(seconds), .double(Double(steps) / seconds),
                    .int(Int((latencies.percentile(50) * 1e9).rounded())), .int(Int((latencies.percentile(99) * 1e9).rounded()))]
        }
        return try run(policy)
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
        var table = ResultTable(columns: ["benchmark", "requests", "seconds", "requests_per_second", "peak_rss_mb_before",
                                         "peak_rss_mb_after", "violation_rate", "antt"])
        table.append(row: [.text("dysta, utilisation 0.9, streamed"), .int(metrics.completed), .double(seconds),
                           .double(Double(metrics.completed) / seconds), .double(Double(before) / 1_048_576),
                           .double(Double(PeakMemory.residentBytes()) / 1_048_576),
                           .double(metrics.violationRate), .double(metrics.antt)])
        return table
    }

    static func benchmarkWorkload(quick: Bool) throws -> SparseWorkload {
        try SparseStudy.loadWorkload(SparseRunPlan(workload: .pool(.attention, inputsPerFile: quick ? 50 : 200, benchmarkSeed: 1)))
    }
}
