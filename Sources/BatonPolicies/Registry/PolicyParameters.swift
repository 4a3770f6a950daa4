import BatonCore

/// The parameters of Baton's built-in policies, each declared once (name, type, unit, default,
/// range, help). Policies that share a meaning share a declaration.
public enum PolicyParameters {
    /// SDRM3's fairness weight.
    public static let sdrm3Alpha = ParameterDeclaration(
        "alpha", .real(0...1e9), default: 1,
        help: "SDRM3's fairness weight: score = urgency + alpha x fairness.")
    /// Dysta's weight of urgency and preemption penalty.
    public static let dystaBeta = ParameterDeclaration(
        "beta", .real(0...1e9), default: 0.01,
        help: "Dysta's weight of urgency and preemption penalty: value = gamma x rem + beta x (urgency + penalty).")
    /// The run-time sparsity monitor's predictor.
    public static let predictor = ParameterDeclaration(
        "predictor", .choice(GammaPredictor.names), default: "average",
        help: "Run-time monitor's predictor of gamma, the true-to-average cost ratio of the rest of a job.")
    /// Planaria's rule for jobs past their deadline.
    public static let planariaLateJobs = ParameterDeclaration(
        "late_jobs", .choice(Planaria.LateJobs.allCases.map(\.rawValue)), default: "rank-last",
        help: "Where jobs past their deadline rank: below every on-time job, or above (score +infinity).")
    /// LLF's rule for jobs that can no longer meet their deadline.
    public static let llfLateJobs = ParameterDeclaration(
        "late_jobs", .choice(["most-urgent", "rank-last"]), default: "most-urgent",
        help: "Where jobs with negative laxity rank: first (textbook LLF) or below every job that can still make it.")
    /// PREMA's idling rule.
    public static let premaIdle = ParameterDeclaration(
        "idle_below_threshold", .flag, default: "false",
        help: "Leave an accelerator idle while no token reaches the threshold of 1 (false: work-conserving).")

    /// How an indexed policy finds its best waiting job.
    public static let index = ParameterDeclaration(
        "index", .choice(["indexed", "linear"]), default: "indexed",
        help: "How the policy finds its best waiting job: through its index (default; docs/decision-indexes.md) or by scanning every job (the reference; same schedule).")

    // MARK: DREAM

    /// DREAM's initial fairness weight.
    public static let dreamAlpha = ParameterDeclaration(
        "alpha", .real(0...1e6), default: .double(DreamParameters.defaultAlpha),
        help: "DREAM's (initial) fairness weight in MapScore = urgency + alpha x fairness + beta x preference.")
    /// DREAM's initial preference weight.
    public static let dreamBeta = ParameterDeclaration(
        "beta", .real(0...1e6), default: .double(DreamParameters.defaultBeta),
        help: "DREAM's (initial) preference weight (0 switches preference off).")
    /// DREAM's initial drop tolerance.
    public static let dropTolerance = ParameterDeclaration(
        "drop_tolerance", .real(0...1e6), default: 0, unit: "periods",
        help: "A frame is dropped once now + rem > deadline + tolerance x period (tuned online within -0.5...0.5).")
    /// DREAM's preference metric.
    public static let preferenceMetric = ParameterDeclaration(
        "preference_metric", .choice(DreamScore.PreferenceMetric.allCases.map(\.rawValue)), default: "energy-delay",
        help: "What the preference term compares across accelerators.")
    /// DREAM's variant load threshold.
    public static let variantLoadThreshold = ParameterDeclaration(
        "variant_load_threshold", .real(1e-6...1e6), default: 1,
        help: "Load above which new frames start as a smaller model variant.")
    /// DREAM's tuning window.
    public static let tuningWindow = ParameterDeclaration(
        "tuning_window_ms", .real(0.001...3_600_000), default: 100, unit: "ms",
        help: "Length of one online-tuning window.")
    /// DREAM's tuning step.
    public static let tuningStep = ParameterDeclaration(
        "tuning_step_log2", .real(1e-6...10), default: 1, unit: "log2",
        help: "Step and probe offset of alpha and beta in the online tuner (1: a factor of 2).")

    /// Every DREAM parameter.
    public static let dream = [dreamAlpha, dreamBeta, dropTolerance, preferenceMetric, variantLoadThreshold, tuningWindow, tuningStep]

    /// DREAM's parameters from validated values (the tuner's seed is the run's).
    public static func dreamParameters(_ values: ParameterValues, seed: UInt64) -> DreamParameters {
        var p = DreamParameters()
        p.alpha = values.double("alpha")
        p.beta = values.double("beta")
        p.dropTolerance = values.double("drop_tolerance")
        p.preferenceMetric = DreamScore.PreferenceMetric(rawValue: values.text("preference_metric")) ?? .energyDelay
        p.variantLoadThreshold = values.double("variant_load_threshold")
        p.tuningWindowSeconds = values.double("tuning_window_ms") / 1000
        p.tuningStepLog2 = values.double("tuning_step_log2")
        p.tuningSeed = seed
        return p
    }
}
