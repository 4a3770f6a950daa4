import BatonCore
import BatonPolicies

/// Everything Baton can run, by name: policies and studies (sweep runners). The command-line tool
/// starts from `builtIn` and lets packages add their own (`BatonExtension`), so that a user's
/// policy or study reaches `run`, `rtmm run`, `sweep`, `experiment` and `list` unchanged.
public struct BatonRegistry: Sendable {
    /// Policies by name.
    public var policies: PolicyRegistry
    /// Studies added by packages (the built-in `synthetic`, `sparse` and `rtmm` are always there).
    public private(set) var addedStudies: [any SweepPointRunner] = []

    public init(policies: PolicyRegistry = .builtIn) {
        self.policies = policies
    }

    /// Baton's built-in policies and studies.
    public static var builtIn: BatonRegistry { BatonRegistry() }

    /// Adds (or replaces) a policy.
    public mutating func register(_ policy: PolicyDescriptor) { policies.register(policy) }

    /// Adds (or replaces) a study's sweep runner.
    public mutating func register(study runner: any SweepPointRunner) {
        addedStudies.removeAll { $0.study == runner.study }
        addedStudies.append(runner)
    }

    /// Sweep runners of every study, naming policies from `policies`.
    public func sweepRunners(checkInvariants: Bool = false) -> SweepRunnerRegistry {
        var runners = SweepRunnerRegistry.standard(policies: policies, checkInvariants: checkInvariants)
        for runner in addedStudies { runners.register(runner) }
        return runners
    }

    /// Every study name, sorted.
    public var studyNames: [String] { sweepRunners().studies }
}

/// A package's additions to Baton: its policies, studies and parameters. Pass extensions to
/// `Baton.main(extensions:)` (product `BatonCommandLine`) to get Baton's whole command tree
/// with them.
public protocol BatonExtension {
    /// Adds this package's policies and studies.
    func register(into registry: inout BatonRegistry)
}
