import BatonCore

/// The runner of the `synthetic` study (a demo and test study; see `SyntheticWorkload`).
///
/// Parameters: `rate` (requests per second, default 100), `jobs` (requests, default 200),
/// `seed` (default 1), `slo` (deadline multiplier, default 5), `scheduler` (`edf` or `fcfs`,
/// default `edf`). The workload depends only on rate, jobs, slo and seed, so every scheduler of a
/// grid sees the same requests.
public struct SyntheticSweepRunner: SweepPointRunner {
    public init() {}

    public var study: String { "synthetic" }
    /// Parameters the study understands.
    public static let parameterNames = ["jobs", "rate", "scheduler", "seed", "slo"]
    /// Scheduler names the study understands.
    public static let schedulers = ["edf", "fcfs"]
    /// Metric names, in output order.
    public static let metricNames = ["violation_rate", "antt", "throughput", "turnaround_p50_s",
                                     "turnaround_p99_s", "energy_mj", "utilization", "completed", "late"]

    struct Settings {
        var rate: Double, jobs: Int, seed: Int, slo: Double, scheduler: String
    }

    func settings(_ point: SweepPoint) throws -> Settings {
        try point.requireOnly(SyntheticSweepRunner.parameterNames, study: study)
        return Settings(
            rate: try point.double("rate", default: 100, in: 1e-6...1e6, requirement: "expected 0 < rate <= 1e6 requests/s"),
            jobs: try point.int("jobs", default: 200, in: 1...1_000_000),
            seed: try point.int("seed", default: 1, in: 0...Int.max),
            slo: try point.double("slo", default: 5, in: 1e-6...1e6, requirement: "expected a positive multiplier"),
            scheduler: try point.string("scheduler", default: "edf", allowed: SyntheticSweepRunner.schedulers))
    }

    public func check(_ point: SweepPoint) throws { _ = try settings(point) }

    /// Simulates a point, with an optional observer (e.g. a `ChromeTraceRecorder`).
    public func simulate(_ point: SweepPoint, observer: (any SimulationObserver)? = nil) throws -> RunResult {
        let s = try settings(point)
        let jobs = SyntheticWorkload.jobs(count: s.jobs, ratePerSecond: s.rate, sloMultiplier: s.slo, seed: UInt64(s.seed))
        if s.scheduler == "fcfs" { return try simulate(SyntheticFirstCome(), jobs, observer) }
        return try simulate(SyntheticEarliestDeadline(), jobs, observer)
    }

    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let m = try simulate(point).metrics
        return [
            ("violation_rate", .double(m.violationRate)),
            ("antt", .double(m.antt)),
            ("throughput", .double(m.throughput)),
            ("turnaround_p50_s", .double(m.turnaroundPercentile(50))),
            ("turnaround_p99_s", .double(m.turnaroundPercentile(99))),
            ("energy_mj", .double(m.energyMillijoules)),
            ("utilization", .double(m.acceleratorUtilization.first ?? 0)),
            ("completed", .int(m.completed)),
            ("late", .int(m.late)),
        ]
    }

    private func simulate<P: Scheduler>(_ policy: P, _ jobs: [JobSpec], _ observer: (any SimulationObserver)?) throws -> RunResult {
        var simulator = Simulator(catalog: SyntheticWorkload.catalog, platform: SyntheticWorkload.platform,
                                  scheduler: policy, source: ListSource(jobs))
        simulator.observer = observer
        return try simulator.run()
    }
}
