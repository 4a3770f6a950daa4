/// Settings of one simulation run, in one place.
public struct SimulationSettings: Sendable, Equatable {
    /// Behaviour of a reference tool to reproduce, instead of Baton's own (fixed) semantics.
    public enum Compatibility: String, Sendable, Equatable, CaseIterable {
        /// Baton's semantics: the clock never goes backwards, arrivals at the current time are admitted.
        case none
        /// The Dysta artifact's loop (spec section 7): when the system drains the clock jumps to the
        /// next arrival even if that is earlier, and only arrivals strictly before the clock are
        /// admitted otherwise. Single accelerator only.
        case dystaArtifact = "dysta-artifact"
    }

    /// Reference-compatibility mode (off by default).
    public var compatibility: Compatibility
    /// Check the engine's invariants during the run and fail on the first violation.
    public var checkInvariants: Bool
    /// Most jobs allowed in the system at once; exceeding it stops the run with a limit error.
    public var maxJobsInSystem: Int

    public init(compatibility: Compatibility = .none, checkInvariants: Bool = false,
                maxJobsInSystem: Int = SimulationLimits.maxJobsInSystem) {
        self.compatibility = compatibility
        self.checkInvariants = checkInvariants
        self.maxJobsInSystem = maxJobsInSystem
    }
}

/// Documented bounds, checked up front (see docs/limits.md).
public enum SimulationLimits {
    /// Layers per model.
    public static let maxLayersPerModel = 10_000
    /// Models per workload or scenario.
    public static let maxModels = 1_000
    /// Requests (or frames) per run.
    public static let maxRequests = 50_000_000
    /// Frames of one real-time run (all models, cascaded frames included in the count bound).
    /// Lowered from `maxRequests` (issue 12): frames are built before the run, about 290 bytes
    /// each, and DREAM, the slowest built-in policy, takes about 30 us per frame; at this bound
    /// a run takes about a minute and 600 MB (docs/limits.md).
    public static let maxFrames = 2_000_000
    /// Jobs in the system at once.
    public static let maxJobsInSystem = 1_000_000
    /// Accelerators per platform.
    public static let maxAccelerators = 64
    /// Cheaper variants per model.
    public static let maxVariantsPerModel = VariantTables.capacity
    /// Latest arrival time, in seconds (about 3 years). Times are `Double` seconds: at 1e8 s their
    /// resolution is 1.5e-8 s, 0.1% of a 15 us layer; far later, short layers would round away.
    public static let maxTimeSeconds = 1e8
    /// Job and frame priorities (request tables, real-time scenarios). Bounded so that PREMA's
    /// tokens (`priority * waited / estimate`) and Planaria's scores (`priority / slack`) neither
    /// underflow to 0 nor overflow to infinity within the time and latency limits.
    public static let priorities: ClosedRange<Double> = 1e-3...1e3
    /// Latency of one layer, in seconds: from a picosecond to about 11 days.
    public static let layerSeconds: ClosedRange<Double> = 1e-12...1e6
    /// Bytes of one data file (trace CSV, request table, cost table), checked before it is read.
    public static let maxDataFileBytes = 1 << 30
    /// Trace rows (inputs x layers, summed over the trace files) of one sparse benchmark, read or
    /// generated: about 60 bytes of memory each while reading.
    public static let maxTraceRows = 20_000_000
}
