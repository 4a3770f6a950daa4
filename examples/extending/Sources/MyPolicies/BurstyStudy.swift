import BatonCore
import BatonExperiments
import BatonPolicies

/// A workload family: Baton's synthetic models, requested in bursts. Bursts start as a Poisson
/// stream at `rate / burst_size` per second and bring `burst_size` requests at the same instant,
/// so the mean load equals a Poisson stream at `rate`, but arrivals are clumped.
public struct BurstyStudy: SweepPointRunner {
    public var registry: PolicyRegistry

    public init(registry: PolicyRegistry) { self.registry = registry }

    public var study: String { "bursty" }
    public var summary: String { "Synthetic models requested in bursts of burst_size at once (an example study)." }
    public var parameters: [ParameterDeclaration] { Self.declared }

    /// The study's parameters, declared once: `burst_size` is the new one.
    public static let burstSize = ParameterDeclaration(
        "burst_size", .integer(1...1000), default: 1, help: "Requests arriving together in one burst.")
    public static let declared: [ParameterDeclaration] = [
        ParameterDeclaration("rate", .real(1e-3...1e5), default: 100, unit: "requests/s", help: "Mean request rate."),
        ParameterDeclaration("jobs", .integer(1...1_000_000), default: 400, help: "Requests per run."),
        ParameterDeclaration("slo", .real(1e-3...1e3), default: 5, help: "Deadline multiplier of a model's mean latency."),
        ParameterDeclaration("seed", .integer(0...Int.max), default: 1, help: "Seed of the bursts and draws."),
        ParameterDeclaration("scheduler", .text, default: "edf", help: "The policy (any registered name)."),
        burstSize,
    ]

    /// The jobs of one point: bursts from seed streams "bursty/bursts", ".../models", ".../inputs".
    public static func jobs(count: Int, rate: Double, burst: Int, slo: Double, seed: UInt64) -> [JobSpec] {
        var bursts = SeededRandom(seed: seed, stream: "bursty/bursts")
        var models = SeededRandom(seed: seed, stream: "bursty/models")
        var inputs = SeededRandom(seed: seed, stream: "bursty/inputs")
        let stride = 1 + SyntheticWorkload.inputScales.count
        var time = 0.0
        var jobs: [JobSpec] = []
        while jobs.count < count {
            time += bursts.nextExponential(rate: rate / Double(burst))
            for _ in 0..<min(burst, count - jobs.count) {
                let model = models.nextInt(below: SyntheticWorkload.modelNames.count)
                let input = inputs.nextInt(below: SyntheticWorkload.inputScales.count)
                jobs.append(JobSpec(requestID: jobs.count, model: model, arrivalSeconds: time,
                                    deadlineSeconds: time + slo * SyntheticWorkload.meanIsolatedSeconds(model: model),
                                    trueCosts: model * stride + 1 + input, patternEstimate: model * stride,
                                    architectureEstimate: model * stride))
            }
        }
        return jobs
    }

    public func check(_ point: SweepPoint) throws { _ = try settings(point) }

    func settings(_ point: SweepPoint) throws -> (jobs: [JobSpec], policy: any Scheduler) {
        let d = Self.declared
        let scheduler = try point.string(d[4])
        let descriptor = try registry.descriptor(scheduler, kind: .config, file: point.source, field: "scheduler")
        let values = try point.policyParameters(for: descriptor, studyParameters: d, registry: registry, study: study)
        let seed = UInt64(try point.int(d[3]))
        let jobs = Self.jobs(count: try point.int(d[1]), rate: try point.double(d[0]), burst: try point.int(Self.burstSize),
                             slo: try point.double(d[2]), seed: seed)
        return (jobs, try registry.make(scheduler, parameters: values, seed: seed))
    }

    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let (jobs, policy) = try settings(point)
        let m = try simulate(policy, catalog: SyntheticWorkload.catalog, platform: SyntheticWorkload.platform,
                             source: ListSource(jobs)).metrics
        return [("violation_rate", .double(m.violationRate)), ("antt", .double(m.antt)),
                ("latency_p99_s", .double(m.turnaroundPercentile(99)))]
    }
}
