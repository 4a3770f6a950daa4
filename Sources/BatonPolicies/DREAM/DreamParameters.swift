/// DREAM's parameters (a reconstruction; see docs/dream.md for each choice and its alternatives).
public struct DreamParameters: Sendable, Equatable {
    // MARK: Score
    /// Weight of the fairness term (tuned online, in log space).
    public var alpha: Double
    /// Weight of the preference term (tuned online, in log space; 0 disables preference).
    public var beta: Double
    /// What the preference term compares across accelerators.
    public var preferenceMetric: DreamScore.PreferenceMetric

    // MARK: Frame drop
    /// Whether frames are dropped.
    public var drop: Bool
    /// A frame is dropped once `now + rem > deadline + tolerance * period` (`period` = deadline -
    /// arrival); tuned online within `toleranceRange`. A frame with a newer frame of its model in
    /// the system gets no tolerance (stale-frame rule).
    public var dropTolerance: Double

    // MARK: Variants
    /// Whether new frames may start as a smaller variant under load.
    public var variants: Bool
    /// Load above which new frames start smaller: load = estimated pending work (all frames in the
    /// system, the new one included, fastest accelerator) / (accelerators x the new frame's period).
    /// A frame takes variant `min(variants, ceil(load / threshold) - 1)` (0 = full model): the full
    /// model up to the threshold, variant 1 up to twice the threshold, and so on.
    public var variantLoadThreshold: Double

    // MARK: Online tuning
    /// Whether alpha, beta and the drop tolerance are tuned during the run.
    public var tuning: Bool
    /// Length of a tuning window, seconds: the UXCost of the frames that end in it is measured.
    public var tuningWindowSeconds: Double
    /// Step (and probe offset) of alpha and beta, in log2 units (0.5: a factor of sqrt 2).
    public var tuningStepLog2: Double
    /// Step (and probe offset) of the drop tolerance, in periods.
    public var toleranceStep: Double
    /// Relative UXCost difference below which a probe pair moves nothing.
    public var tuningDeadBand: Double
    /// Bounds of alpha (tuned in log2 space).
    public var alphaRange: ClosedRange<Double>
    /// Bounds of beta.
    public var betaRange: ClosedRange<Double>
    /// Bounds of the drop tolerance.
    public var toleranceRange: ClosedRange<Double>
    /// Seed of the probe directions (`RTMMRunner` sets it to the run's seed).
    public var tuningSeed: UInt64

    public init(alpha: Double = DreamParameters.defaultAlpha, beta: Double = DreamParameters.defaultBeta,
                preferenceMetric: DreamScore.PreferenceMetric = .energyDelay,
                drop: Bool = true, dropTolerance: Double = 0,
                variants: Bool = true, variantLoadThreshold: Double = 1,
                tuning: Bool = true, tuningWindowSeconds: Double = 0.1, tuningStepLog2: Double = 1,
                toleranceStep: Double = 0.05, tuningDeadBand: Double = 0.02,
                alphaRange: ClosedRange<Double> = 0x1p-20...16, betaRange: ClosedRange<Double> = 0x1p-10...16,
                toleranceRange: ClosedRange<Double> = -0.5...0.5, tuningSeed: UInt64 = 1) {
        self.alpha = alpha
        self.beta = beta
        self.preferenceMetric = preferenceMetric
        self.drop = drop
        self.dropTolerance = dropTolerance
        self.variants = variants
        self.variantLoadThreshold = variantLoadThreshold
        self.tuning = tuning
        self.tuningWindowSeconds = tuningWindowSeconds
        self.tuningStepLog2 = tuningStepLog2
        self.toleranceStep = toleranceStep
        self.tuningDeadBand = tuningDeadBand
        self.alphaRange = alphaRange
        self.betaRange = betaRange
        self.toleranceRange = toleranceRange
        self.tuningSeed = tuningSeed
    }

    /// Initial fairness weight.
    public static let defaultAlpha = 1.0
    /// Initial preference weight.
    public static let defaultBeta = 1.0

    /// The ablation variants and their command-line names.
    public enum Variant: String, Sendable, CaseIterable {
        case full = "dream"
        case noDrop = "dream-no-drop"
        case noPreference = "dream-no-pref"
        case fixed = "dream-fixed"
        case noVariants = "dream-no-variant"
    }

    /// These parameters with one mechanism switched off.
    public func applying(_ variant: Variant) -> DreamParameters {
        var p = self
        switch variant {
        case .full: break
        case .noDrop: p.drop = false
        case .noPreference: p.beta = 0
        case .fixed: p.tuning = false
        case .noVariants: p.variants = false
        }
        return p
    }
}
