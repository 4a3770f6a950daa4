import BatonCore
import BatonPolicies

/// Makes a study's sweep runner from the final registry (its policies and components) and `--check`.
public typealias StudyFactory = @Sendable (_ registry: BatonRegistry, _ checkInvariants: Bool) -> any SweepPointRunner

/// Everything Baton can run, by name: policies and studies. The command-line tool starts from
/// `BatonRegistry.builtIn` (module `BatonStudies`) and lets packages add their own
/// (`BatonExtension`), so that a user's policy or study reaches `run`, `rtmm run`, `sweep`,
/// `experiment` and `list` unchanged.
public struct BatonRegistry: Sendable {
    /// Policies by name.
    public var policies: PolicyRegistry
    private var studies: [(name: String, make: StudyFactory)] = []
    /// Other named components (cost models, workload families) by their type, in registration order.
    private var components: [ObjectIdentifier: [(name: String, value: any Sendable)]] = [:]

    /// The given policies and the `synthetic` study (the other built-in studies live in their own
    /// modules; `BatonRegistry.builtIn` has them all).
    public init(policies: PolicyRegistry = .builtIn) {
        self.policies = policies
        register(study: "synthetic") { registry, _ in SyntheticSweepRunner(registry: registry.policies) }
    }

    /// Adds (or replaces) a policy.
    public mutating func register(_ policy: PolicyDescriptor) { policies.register(policy) }

    /// Adds (or replaces) a study. The factory is called when runners are needed, with every
    /// policy registered by then (so registration order does not matter).
    public mutating func register(study name: String, _ make: @escaping StudyFactory) {
        studies.removeAll { $0.name == name }
        studies.append((name, make))
    }

    /// Adds (or replaces) a named component of a study, e.g. a cost model (`CNNCostModel`): the
    /// study reads every component of its type with `components(_:)`.
    public mutating func register<Component: Sendable>(_ component: Component, named name: String) {
        let key = ObjectIdentifier(Component.self)
        components[key, default: []].removeAll { $0.name == name }
        components[key, default: []].append((name, component))
    }

    /// The registered components of a type, in registration order.
    public func components<Component: Sendable>(_ type: Component.Type) -> [Component] {
        (components[ObjectIdentifier(type)] ?? []).compactMap { $0.value as? Component }
    }

    /// Sweep runners of every study, made from this registry.
    public func sweepRunners(checkInvariants: Bool = false) -> SweepRunnerRegistry {
        SweepRunnerRegistry(studies.map { $0.make(self, checkInvariants) })
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
