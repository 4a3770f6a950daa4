import BatonCore

/// Parameters of the sparse-study schedulers (the Dysta study, MICRO 2023, and its baselines).
public struct SparseSchedulerOptions: Sendable, Equatable {
    /// SDRM3's fairness weight (`score = urgency + alpha * fairness`); default 1.
    public var alpha: Double
    /// Dysta's weight of urgency and preemption penalty (`value = gamma * rem + beta * (...)`);
    /// default 0.01.
    public var beta: Double
    /// The run-time monitor's predictor for the policies that use it (`dysta` and the `-sparse`
    /// variants); ignored by the others. Default: `.average` (Dysta's default).
    public var predictor: GammaPredictor
    /// `.dystaArtifact` replicates the Dysta artifact's quirks (docs/schedulers-sparse.md); must
    /// match the simulation's own compatibility setting.
    public var compatibility: SimulationSettings.Compatibility

    public init(alpha: Double = 1, beta: Double = 0.01, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none) {
        self.alpha = alpha
        self.beta = beta
        self.predictor = predictor
        self.compatibility = compatibility
    }
}

/// A sparse-study policy: a `Scheduler` that knows which reference behaviour it follows.
public protocol SparseSchedulerPolicy: Scheduler {
    /// `.none` for Baton's semantics, `.dystaArtifact` for the artifact's.
    var compatibility: SimulationSettings.Compatibility { get }
}

/// The schedulers of the sparse multi-DNN study, by command-line name.
///
/// The policy types live in this namespace (`SparseSchedulers.FCFS`, `.SJF`, `.PREMA`,
/// `.Planaria`, `.SDRM3`, `.Dysta`) so that they never clash with the real-time study's own
/// versions of the same baselines.
public enum SparseSchedulers {
    /// Command-line names, in the order results list them.
    public static let names = [
        "fcfs", "sjf", "sjf-sparse", "prema", "prema-sparse", "planaria",
        "sdrm3", "sdrm3-sparse", "dysta", "dysta-naive", "dysta-oracle", "dysta-static", "dysta-dynamic",
    ]

    /// Whether policy `name` uses the run-time sparsity monitor (gamma from `options.predictor`).
    public static func usesMonitor(_ name: String) -> Bool {
        names.contains(name) && (name == "dysta" || name == "dysta-dynamic" || name.hasSuffix("-sparse"))
    }

    /// Builds policy `name` with `options`.
    /// - Throws: `InputError` (kind `.flag`) for an unknown name (with a "did you mean"
    ///   suggestion), a negative or non-finite `alpha` or `beta`, or a last-N window below 1.
    public static func make(_ name: String, options: SparseSchedulerOptions = SparseSchedulerOptions()) throws -> any Scheduler {
        guard names.contains(name) else { throw unknownNameError("scheduler", name, known: names) }
        try validate(options, for: name)
        let mode = options.compatibility
        let monitor = options.predictor
        switch name {
        case "fcfs": return FCFS(compatibility: mode)
        case "sjf": return SJF(sparse: false, compatibility: mode)
        case "sjf-sparse": return SJF(sparse: true, predictor: monitor, compatibility: mode)
        case "prema": return PREMA(sparse: false, compatibility: mode)
        case "prema-sparse": return PREMA(sparse: true, predictor: monitor, compatibility: mode)
        case "planaria": return Planaria(compatibility: mode)
        case "sdrm3": return SDRM3(sparse: false, alpha: options.alpha, compatibility: mode)
        case "sdrm3-sparse": return SDRM3(sparse: true, alpha: options.alpha, predictor: monitor, compatibility: mode)
        case "dysta": return Dysta(.standard, beta: options.beta, predictor: monitor, compatibility: mode)
        case "dysta-naive": return Dysta(.naive, beta: options.beta, compatibility: mode)
        case "dysta-static": return Dysta(.staticOnly, beta: options.beta, compatibility: mode)
        case "dysta-dynamic": return Dysta(.dynamicOnly, beta: options.beta, predictor: monitor, compatibility: mode)
        default: return Dysta(.oracle, beta: options.beta, compatibility: mode)
        }
    }

    static func validate(_ options: SparseSchedulerOptions, for name: String) throws {
        if name.hasPrefix("sdrm3"), !(options.alpha.isFinite && options.alpha >= 0) {
            throw InputError(.flag, field: "alpha", "alpha must be a finite number >= 0, got \(options.alpha)")
        }
        if name.hasPrefix("dysta"), !(options.beta.isFinite && options.beta >= 0) {
            throw InputError(.flag, field: "beta", "beta must be a finite number >= 0, got \(options.beta)")
        }
        if usesMonitor(name), case .lastN(let window, _) = options.predictor, window < 1 {
            throw InputError(.flag, field: "predictor", "the last-N predictor needs a window of at least 1 layer, got \(window)")
        }
    }
}

/// The artifact's "highest wins" test for Planaria and SDRM3 (spec 7.5): replace the best if
/// there is none, if its score is negative, or if `score >= bestScore`; but on an equal score
/// keep a best that arrived strictly earlier. The first job always becomes the best, even with a
/// score of exactly -1, where the artifact fails (its equal-score check reads a best that does not
/// exist yet).
@inline(__always)
func artifactReplaces(best: Int, bestScore: Double, score: Double, bestArrival: Double, arrival: Double) -> Bool {
    if best < 0 { return true }
    guard bestScore < 0 || bestScore <= score else { return false }
    return !(bestScore == score && bestArrival < arrival)
}

/// Runs one sparse-study simulation on a single accelerator with any scheduler, opening the
/// existential so that the simulator is specialised for the concrete policy type.
/// - Parameters:
///   - scheduler: a policy, typically from `SparseSchedulers.make`.
///   - observer: receives the schedule as it happens (nil for none).
/// - Throws: `InputError` (kind `.flag`, field `compatibility`) when a sparse-study policy's
///   compatibility mode differs from `settings.compatibility`; otherwise what `Simulator.run` throws.
public func runSparse<Source: JobSource>(_ scheduler: any Scheduler, catalog: WorkloadCatalog, source: Source,
                                        settings: SimulationSettings = SimulationSettings(),
                                        observer: (any SimulationObserver)? = nil) throws -> RunResult {
    if let policy = scheduler as? any SparseSchedulerPolicy, policy.compatibility != settings.compatibility {
        throw InputError(.flag, field: "compatibility",
                         "scheduler '\(policy.name)' was built for compatibility '\(policy.compatibility.rawValue)' but the simulation uses '\(settings.compatibility.rawValue)'",
                         hint: "pass the same mode to SparseSchedulerOptions and SimulationSettings")
    }
    return try runOpened(scheduler, catalog: catalog, source: source, settings: settings, observer: observer)
}

private func runOpened<Policy: Scheduler, Source: JobSource>(_ policy: Policy, catalog: WorkloadCatalog, source: Source,
                                                             settings: SimulationSettings,
                                                             observer: (any SimulationObserver)?) throws -> RunResult {
    var simulator = Simulator(catalog: catalog, platform: .single(), scheduler: policy, source: source, settings: settings)
    simulator.observer = observer
    return try simulator.run()
}
