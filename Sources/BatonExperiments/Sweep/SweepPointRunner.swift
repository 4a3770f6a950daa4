import BatonCore
import BatonPolicies

/// Runs one sweep point of one study and returns its metrics, in a fixed order.
///
/// A runner must be deterministic and independent of execution order: its output may depend only
/// on the point's parameters (derive randomness from them, e.g. with `SweepPoint.random(stream:)`).
/// The executor calls `run` from several threads at once.
public protocol SweepPointRunner: Sendable {
    /// The study name a sweep file uses to select this runner (`study:`).
    var study: String { get }
    /// One line: what a point of this study simulates (for `baton list studies`). Default: empty.
    var summary: String { get }
    /// The study's run parameters, declared once (policy parameters come from the policy).
    /// Default: none declared.
    var parameters: [ParameterDeclaration] { get }
    /// Validates a point before any point runs (unknown or out-of-range parameters). Default: nothing.
    func check(_ point: SweepPoint) throws
    /// Runs the point and returns (metric name, value) pairs in a fixed order.
    func run(_ point: SweepPoint) throws -> [(String, ResultValue)]
}

extension SweepPointRunner {
    public func check(_ point: SweepPoint) throws {}
    public var summary: String { "" }
    public var parameters: [ParameterDeclaration] { [] }
}

/// Runners by study name. `standard` holds the built-in `synthetic` runner; the command-line
/// tool registers the sparse and real-time runners on top.
public struct SweepRunnerRegistry: Sendable {
    private var runners: [(study: String, runner: any SweepPointRunner)] = []

    public init(_ runners: [any SweepPointRunner] = []) {
        for runner in runners { register(runner) }
    }

    /// The registry with the `synthetic` study only (`BatonRegistry.builtIn.sweepRunners()` has
    /// every built-in study).
    public static var standard: SweepRunnerRegistry { SweepRunnerRegistry([SyntheticSweepRunner()]) }

    /// Adds a runner, replacing any runner of the same study.
    public mutating func register(_ runner: any SweepPointRunner) {
        runners.removeAll { $0.study == runner.study }
        runners.append((runner.study, runner))
    }

    /// The runners, sorted by study name.
    public var all: [any SweepPointRunner] { runners.sorted { $0.study < $1.study }.map(\.runner) }

    /// Study names with a runner, sorted.
    public var studies: [String] { runners.map(\.study).sorted() }

    /// The runner of a study.
    /// - Throws: `InputError` (.config) when no runner is registered for it.
    public func runner(for study: String, source: String? = nil) throws -> any SweepPointRunner {
        if let entry = runners.first(where: { $0.study == study }) { return entry.runner }
        if SweepSpec.studies.contains(study) {
            throw InputError(.config, file: source, field: "study",
                             "study '\(study)' has no sweep runner in this build of baton",
                             hint: "studies with a runner: \(studies.joined(separator: ", "))")
        }
        throw unknownNameError("study", study, known: studies, kind: .config, file: source, field: "study")
    }
}
