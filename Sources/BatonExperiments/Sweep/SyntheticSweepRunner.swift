import BatonCore
import BatonPolicies

/// The runner of the `synthetic` study (a demo and test study; see `SyntheticWorkload`): one-layer
/// jobs on one accelerator under any registered policy.
///
/// Run parameters: `SyntheticSweepRunner.declared` (rate, jobs, seed, slo, scheduler); other
/// parameters are the scheduler's own. The workload depends only on rate, jobs, slo and seed, so
/// every scheduler of a grid sees the same requests.
public struct SyntheticSweepRunner: SweepPointRunner {
    /// The policies a point may name.
    public var registry: PolicyRegistry

    public init(registry: PolicyRegistry = .builtIn) { self.registry = registry }

    public var study: String { "synthetic" }
    public var summary: String { "A small synthetic study: Poisson one-layer jobs on one accelerator (demo and tests)." }
    public var parameters: [ParameterDeclaration] { Self.declared }

    /// The study's run parameters, declared once.
    public static let declared = [
        ParameterDeclaration("rate", .real(1e-6...1e6), default: 100, unit: "requests/s", help: "Poisson arrival rate."),
        ParameterDeclaration("jobs", .integer(1...1_000_000), default: 200, help: "Requests per run."),
        ParameterDeclaration("seed", .integer(0...Int.max), default: 1, help: "Seed of the request stream."),
        ParameterDeclaration("slo", .real(1e-6...1e6), default: 5, help: "Deadline multiplier of a job's latency."),
        ParameterDeclaration("scheduler", .text, default: "edf", help: "The policy (any registered name)."),
    ]
    /// Metric names, in output order.
    public static let metricNames = ["violation_rate", "antt", "stp", "latency_p50_s",
                                     "latency_p99_s", "energy_mj", "achieved_utilization", "completed", "late"]

    struct Settings {
        var rate: Double, jobs: Int, seed: Int, slo: Double, scheduler: String, parameters: ParameterValues
    }

    func settings(_ point: SweepPoint) throws -> Settings {
        let d = Self.declared
        let scheduler = try point.string(d[4])
        let line = point.parameter("scheduler").map(\.line) ?? 0
        let policy = try registry.descriptor(scheduler, kind: .config, file: point.source, line: line > 0 ? line : nil, field: "scheduler")
        return Settings(rate: try point.double(d[0]), jobs: try point.int(d[1]), seed: try point.int(d[2]),
                        slo: try point.double(d[3]), scheduler: scheduler,
                        parameters: try point.policyParameters(for: policy, studyParameters: d, registry: registry, study: study))
    }

    public func check(_ point: SweepPoint) throws { _ = try settings(point) }

    /// Simulates a point, with an optional observer (e.g. a `ChromeTraceRecorder`).
    public func simulate(_ point: SweepPoint, observer: (any SimulationObserver)? = nil) throws -> RunResult {
        let s = try settings(point)
        let jobs = SyntheticWorkload.jobs(count: s.jobs, ratePerSecond: s.rate, sloMultiplier: s.slo, seed: UInt64(s.seed))
        let policy = try registry.make(s.scheduler, parameters: s.parameters, seed: UInt64(s.seed))
        return try BatonPolicies.simulate(policy, catalog: SyntheticWorkload.catalog, platform: SyntheticWorkload.platform,
                                          source: ListSource(jobs), observer: observer)
    }

    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let m = try simulate(point).metrics
        return [
            ("violation_rate", .double(m.violationRate)),
            ("antt", .double(m.antt)),
            ("stp", .double(m.throughput)),
            ("latency_p50_s", .double(m.turnaroundPercentile(50))),
            ("latency_p99_s", .double(m.turnaroundPercentile(99))),
            ("energy_mj", .double(m.energyMillijoules)),
            ("achieved_utilization", .double(m.acceleratorUtilization.first ?? 0)),
            ("completed", .int(m.completed)),
            ("late", .int(m.late)),
        ]
    }
}
