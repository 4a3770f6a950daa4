/// How frame periods are computed from FPS.
public enum PeriodMode: String, Sendable, Equatable, CaseIterable {
    /// `1000 / FPS` in whole milliseconds, rounded down (XRBench: 16 ms at 60 FPS). The default.
    case integerMilliseconds = "integer-ms"
    /// `1 / FPS` seconds exactly.
    case exact

    /// The period of a model running at `fps`, in seconds.
    public func periodSeconds(fps: Double) -> Double {
        switch self {
        // In Double, not Int: a tiny FPS gives a period beyond Int's range (it trapped).
        case .integerMilliseconds: return max(1, (1000 / fps).rounded(.down)) / 1000
        case .exact: return 1 / fps
        }
    }
}

/// Per-input variation of layer costs (layer-level dynamism), in the manner of the sparse study:
/// each model gets a pool of inputs whose per-layer true costs differ from the nominal estimate.
///
/// For input i and layer k, the cost factor is `exp(sigma * (rho * z_i + sqrt(1 - rho^2) * z_ik) - sigma^2 / 2)`
/// with standard normal `z_i` (shared by the input's layers, so layers are correlated) and `z_ik`;
/// the mean factor is 1, so the nominal table stays the right estimate. Latency and energy scale
/// together. Frames draw an input uniformly from the pool.
public struct CostVariation: Sendable, Equatable {
    /// Log-normal spread of the factor (0 = no variation).
    public var sigma: Double
    /// Inputs per model in the pool.
    public var inputs: Int
    /// Share `rho` of the per-input component (correlation between a frame's layers).
    public var inputShare: Double

    public init(sigma: Double, inputs: Int = 16, inputShare: Double = 0.8) {
        precondition(sigma >= 0 && inputs >= 1 && (0...1).contains(inputShare), "invalid cost variation")
        self.sigma = sigma
        self.inputs = inputs
        self.inputShare = inputShare
    }
}

/// Options of the workload of a run (everything but the scenario, platform, duration and seed).
public struct WorkloadOptions: Sendable, Equatable {
    /// Period rounding (XRBench's whole milliseconds by default).
    public var periodMode: PeriodMode
    /// Each frame's arrival is delayed by a uniform draw in [0, jitter) seconds; its deadline stays
    /// at the next nominal frame time.
    public var jitterSeconds: Double
    /// Per-input layer-cost variation, or nil for none (true costs = nominal costs).
    public var costVariation: CostVariation?
    /// Whether jobs carry their model's variants (a policy may then choose one).
    public var variants: Bool

    public init(periodMode: PeriodMode = .integerMilliseconds, jitterSeconds: Double = 0,
                costVariation: CostVariation? = nil, variants: Bool = true) {
        self.periodMode = periodMode
        self.jitterSeconds = jitterSeconds
        self.costVariation = costVariation
        self.variants = variants
    }
}
