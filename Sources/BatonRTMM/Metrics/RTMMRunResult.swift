import BatonCore
import BatonPolicies

/// Results of one model in one run.
public struct RTMMModelResult: Sendable, Equatable {
    /// Model name.
    public var name: String
    /// Engine counters (frames, completed, dropped, late, energy, XRBench score terms).
    public var stats: ModelStats
    /// Lowest isolated energy of the model on the platform, mJ (UXCost's floor per frame).
    public var minimumEnergyMillijoules: Double
    /// Completed frames per variant level (0 = full model).
    public var variantFrames: [Int]
    /// Mean relative accuracy of the completed frames (1 = all full model; 0 if none completed).
    public var meanAccuracy: Double
    /// 95th-percentile turnaround of completed frames, seconds.
    public var p95LatencySeconds: Double

    /// UXCost terms of this model alone.
    public var uxCost: UXCost {
        UXCost(frames: stats.counted, violations: stats.late + stats.dropped, energyMillijoules: stats.energyMillijoules,
               minimumEnergyMillijoules: Double(stats.counted) * minimumEnergyMillijoules)
    }
}

/// Results of one run of one scheduler on one scenario, platform and seed.
public struct RTMMRunResult: Sendable {
    /// Scenario (or timeline) name.
    public var scenario: String
    /// Platform name.
    public var platform: String
    /// Scheduler name.
    public var scheduler: String
    /// Seed of the workload draws.
    public var seed: UInt64
    /// Frames were generated for [0, duration) seconds.
    public var durationSeconds: Double
    /// The engine's metrics.
    public var metrics: RunMetrics
    /// UXCost and its terms over all frames.
    public var uxCost: UXCost
    /// Per model, in catalog order.
    public var models: [RTMMModelResult]
    /// Turnaround percentiles (50, 95, 99) of completed frames, seconds (exact, nearest rank).
    public var latencyPercentilesSeconds: (p50: Double, p95: Double, p99: Double)
    /// Mean relative accuracy over completed frames.
    public var meanAccuracy: Double
    /// DREAM's tuning windows, if the scheduler tuned online.
    public var tuningHistory: [DreamTuner.WindowRecord]
    /// DREAM's weights at the end of the run (alpha, beta, tolerance), if DREAM.
    public var finalWeights: (alpha: Double, beta: Double, tolerance: Double)?
    /// Frames left in the system when no event was left (0 unless a policy idles with work waiting).
    public var unfinished: Int

    /// Frames counted (completed + dropped).
    public var frames: Int { metrics.counted }
    /// Violation rate V.
    public var violationRate: Double { uxCost.violationRate }
    /// Drop rate.
    public var dropRate: Double { metrics.dropRate }
    /// Energy, mJ.
    public var energyMillijoules: Double { metrics.energyMillijoules }
    /// XRBench score (0-100).
    public var xrbenchScore: Double { metrics.xrbenchScore }
    /// Utilisation of each accelerator.
    public var utilization: [Double] { metrics.acceleratorUtilization }
}
