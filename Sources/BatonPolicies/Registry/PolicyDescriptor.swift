import BatonCore

/// Turns a predictor name into a predictor for a run in the given compatibility mode.
public typealias PredictorResolver = @Sendable (String, SimulationSettings.Compatibility) throws -> GammaPredictor

extension PolicyConfiguration {
    /// The monitor's predictor named by the `predictor` parameter.
    public func predictor() throws -> GammaPredictor {
        try resolvePredictor(parameters.text("predictor"), compatibility)
    }
}

/// What a registered policy is given when it is built for one run.
public struct PolicyConfiguration: Sendable {
    /// The policy's declared parameters, validated (defaults unless given).
    public var parameters: ParameterValues
    /// Reference-compatibility mode of the run (policies that do not support one are refused).
    public var compatibility: SimulationSettings.Compatibility
    /// The run's seed, for a policy's own randomness (DREAM's tuning probes).
    public var seed: UInt64
    /// Turns a predictor name into the run-time monitor's predictor; the sparse study fits
    /// `regression` on its workload. Default: `GammaPredictor.named` (no regression).
    public var resolvePredictor: PredictorResolver

    public init(parameters: ParameterValues, compatibility: SimulationSettings.Compatibility = .none, seed: UInt64 = 1,
                resolvePredictor: @escaping PredictorResolver = GammaPredictor.named) {
        self.parameters = parameters
        self.compatibility = compatibility
        self.seed = seed
        self.resolvePredictor = resolvePredictor
    }

    /// Whether an indexed policy decides through its index (parameter `index`, default
    /// `indexed`); `index=linear` selects the linear scan it is checked against.
    public var indexed: Bool { parameters.declarations.contains { $0.name == "index" } ? parameters.text("index") != "linear" : true }
}

/// A policy as the registry knows it: its name, what it is, its parameters and how to build it.
public struct PolicyDescriptor: Sendable {
    /// Command-line and result name (lower-case, `-` between words).
    public var name: String
    /// One line: what the policy does.
    public var summary: String
    /// Family for plots (related policies share a hue): "dysta", "dream", "baseline" or a user's own.
    public var family: String
    /// Studies whose own comparison set lists this policy ("sparse": the Dysta study; "rtmm": the
    /// DREAM study); empty for policies neither study had.
    public var studies: [String]
    /// The parameters it takes, declared once.
    public var parameters: [ParameterDeclaration]
    /// Whether it implements the Dysta artifact's semantics (`--compat dysta-artifact`).
    public var supportsArtifactCompatibility: Bool
    /// Whether it reads hidden true costs (an oracle: an upper bound, not a deployable policy).
    public var isOracle: Bool
    /// Builds the policy for one run.
    public var make: @Sendable (PolicyConfiguration) throws -> any Scheduler

    public init(name: String, summary: String, family: String = "baseline", studies: [String] = [],
                parameters: [ParameterDeclaration] = [], supportsArtifactCompatibility: Bool = false,
                isOracle: Bool = false, make: @escaping @Sendable (PolicyConfiguration) throws -> any Scheduler) {
        self.name = name
        self.summary = summary
        self.family = family
        self.studies = studies
        self.parameters = parameters
        self.supportsArtifactCompatibility = supportsArtifactCompatibility
        self.isOracle = isOracle
        self.make = make
    }
}
