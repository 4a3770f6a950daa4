import BatonCore
import BatonPolicies

/// What to run: a scenario (or timeline) on a platform for a duration, with workload options.
public struct RTMMRunSpec: Sendable {
    public var timeline: ScenarioTimeline
    public var platform: RTPlatform
    /// Frames are generated for [0, duration); the run continues until every frame ended.
    public var durationSeconds: Double
    public var options: WorkloadOptions
    /// Check the engine's invariants (slower; for tests).
    public var checkInvariants: Bool

    public init(timeline: ScenarioTimeline, platform: RTPlatform, durationSeconds: Double,
                options: WorkloadOptions = WorkloadOptions(), checkInvariants: Bool = false) {
        self.timeline = timeline
        self.platform = platform
        self.durationSeconds = durationSeconds
        self.options = options
        self.checkInvariants = checkInvariants
    }
}

/// Runs real-time workloads through the engine's `Simulator`.
public enum RTMMRunner {
    /// Runs the registered policy `name` with parameter values `parameters` (its defaults if nil)
    /// on `spec` with workload seed `seed`; a policy's own randomness (DREAM's probe directions)
    /// is seeded with the same seed.
    public static func run(_ spec: RTMMRunSpec, scheduler name: String, seed: UInt64, library: ModelLibrary,
                           parameters: ParameterValues? = nil, registry: PolicyRegistry = .builtIn,
                           observer: (any SimulationObserver)? = nil) throws -> RTMMRunResult {
        let policy = try registry.make(name, parameters: parameters, seed: seed)
        return try run(spec, policy: policy, seed: seed, library: library, observer: observer)
    }

    /// Runs `policy` (any scheduler) on `spec` with workload seed `seed`.
    public static func run(_ spec: RTMMRunSpec, policy: any Scheduler, seed: UInt64,
                           library: ModelLibrary, observer: (any SimulationObserver)? = nil) throws -> RTMMRunResult {
        let workload = try WorkloadBuilder.build(timeline: spec.timeline, platform: spec.platform, library: library,
                                                 durationSeconds: spec.durationSeconds, seed: seed, options: spec.options)
        return try runOpened(spec, policy: policy, workload: workload, seed: seed, extra: observer)
    }

    /// Runs `policy` on an already built workload.
    public static func run(_ spec: RTMMRunSpec, policy: any Scheduler, workload: BuiltWorkload,
                           seed: UInt64) throws -> RTMMRunResult {
        try runOpened(spec, policy: policy, workload: workload, seed: seed, extra: nil)
    }

    private static func runOpened(_ spec: RTMMRunSpec, policy: any Scheduler, workload: BuiltWorkload,
                                  seed: UInt64, extra: (any SimulationObserver)?) throws -> RTMMRunResult {
        let observer = RunObserver(models: workload.models)
        let (run, ended) = try policy.simulateSpecialized(
            catalog: workload.catalog, platform: spec.platform.corePlatform, source: AnyJobSource(workload.source),
            settings: SimulationSettings(checkInvariants: spec.checkInvariants),
            observer: extra.map { ObserverFanOut([observer, $0]) } ?? observer)
        let metrics = run.metrics
        var models: [RTMMModelResult] = []
        var minimumEnergy = 0.0
        var accuracySum = 0.0
        var allTurnarounds: [Double] = []
        for (m, built) in workload.models.enumerated() {
            let stats = metrics.perModel[m]
            minimumEnergy += Double(stats.counted) * built.minimumEnergyMillijoules
            accuracySum += observer.accuracySum[m]
            allTurnarounds.append(contentsOf: observer.turnaroundSeconds[m])
            models.append(RTMMModelResult(
                name: built.name, stats: stats, minimumEnergyMillijoules: built.minimumEnergyMillijoules,
                variantFrames: observer.variantCounts[m],
                meanAccuracy: stats.completed > 0 ? observer.accuracySum[m] / Double(stats.completed) : 0,
                p95LatencySeconds: percentile(observer.turnaroundSeconds[m], 95)))
        }
        let ux = UXCost(frames: metrics.counted, violations: metrics.late + metrics.dropped,
                        energyMillijoules: metrics.energyMillijoules, minimumEnergyMillijoules: minimumEnergy)
        let dream = ended as? DreamScheduler
        return RTMMRunResult(
            scenario: spec.timeline.name, platform: spec.platform.name, scheduler: run.scheduler, seed: seed,
            durationSeconds: spec.durationSeconds, metrics: metrics, uxCost: ux, models: models,
            latencyPercentilesSeconds: (percentile(allTurnarounds, 50), percentile(allTurnarounds, 95), percentile(allTurnarounds, 99)),
            meanAccuracy: metrics.completed > 0 ? accuracySum / Double(metrics.completed) : 0,
            tuningHistory: dream?.tuner?.history ?? [], finalWeights: dream?.currentWeights,
            unfinished: run.unfinished)
    }
}
