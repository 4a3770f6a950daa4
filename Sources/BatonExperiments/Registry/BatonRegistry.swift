import BatonCore
import BatonPolicies

/// Makes a study's sweep runner for the final set of policies (and `--check`).
public typealias StudyFactory = @Sendable (_ policies: PolicyRegistry, _ checkInvariants: Bool) -> any SweepPointRunner

/// Everything Baton can run, by name: policies and studies. The command-line tool starts from
/// `BatonRegistry.builtIn` (module `BatonStudies`) and lets packages add their own
/// (`BatonExtension`), so that a user's policy or study reaches `run`, `rtmm run`, `sweep`,
/// `experiment` and `list` unchanged.
public struct BatonRegistry: Sendable {
    /// Policies by name.
    public var policies: PolicyRegistry
    private var studies: [(name: String, make: StudyFactory)] = []

    /// The given policies and the `synthetic` study (the other built-in studies live in their own
    /// modules; `BatonRegistry.builtIn` has them all).
    public init(policies: PolicyRegistry = .builtIn) {
        self.policies = policies
        register(study: "synthetic") { policies, _ in SyntheticSweepRunner(registry: policies) }
    }

    /// Adds (or replaces) a policy.
    public mutating func register(_ policy: PolicyDescriptor) { policies.register(policy) }

    /// Adds (or replaces) a study. The factory is called when runners are needed, with every
    /// policy registered by then (so registration order does not matter).
    public mutating func register(study name: String, _ make: @escaping StudyFactory) {
        studies.removeAll { $0.name == name }
        studies.append((name, make))
    }

    /// Sweep runners of every study, naming policies from `policies`.
    public func sweepRunners(checkInvariants: Bool = false) -> SweepRunnerRegistry {
        SweepRunnerRegistry(studies.map { $0.make(policies, checkInvariants) })
    }

    /// Every study name, sorted.
    public var studyNames: [String] { studies.map(\.name).sorted() }
}

/// A package's additions to Baton: its policies, studies and parameters. Pass extensions to
/// `Baton.main(extensions:)` (product `BatonCommandLine`) to get Baton's whole command tree
/// with them.
public protocol BatonExtension {
    /// Adds this package's policies and studies.
    func register(into registry: inout BatonRegistry)
}
