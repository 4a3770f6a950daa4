import BatonCore

/// Policies by name: Baton's built-in ones plus any a user's package registers.
///
/// Every command that takes a policy name (`run`, `rtmm run`, `sweep`, `experiment`, `list`) looks
/// it up here, so a registered policy reaches all of them with its declared parameters.
public struct PolicyRegistry: Sendable {
    /// The descriptors in registration order (the order listings and results use).
    public private(set) var descriptors: [PolicyDescriptor] = []

    /// An empty registry.
    public init() {}

    /// A registry holding `descriptors` (later duplicates replace earlier ones).
    public init(_ descriptors: [PolicyDescriptor]) {
        for descriptor in descriptors { register(descriptor) }
    }

    /// Adds a policy; a policy of the same name is replaced (so a package can override a built-in).
    public mutating func register(_ descriptor: PolicyDescriptor) {
        if let i = descriptors.firstIndex(where: { $0.name == descriptor.name }) {
            descriptors[i] = descriptor
        } else {
            descriptors.append(descriptor)
        }
    }

    /// Every registered name, in registration order.
    public var names: [String] { descriptors.map(\.name) }

    /// The descriptor of `name`.
    /// - Throws: `InputError` of `kind` naming `field`, with a "did you mean" hint.
    public func descriptor(_ name: String, kind: InputError.Kind = .flag, file: String? = nil, line: Int? = nil,
                           field: String? = "--schedulers") throws -> PolicyDescriptor {
        guard let descriptor = descriptors.first(where: { $0.name == name }) else {
            throw unknownNameError("scheduler", name, known: names, kind: kind, file: file, line: line, field: field)
        }
        return descriptor
    }

    /// Parses a comma-separated list of policy names (no empty or repeated names).
    public func parseList(_ text: String, field: String = "--schedulers") throws -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard !parts.isEmpty, !parts.contains(where: { $0.isEmpty }) else {
            throw InputError(.flag, field: field, "empty name in list '\(text)'",
                             hint: "separate scheduler names with commas, e.g. fcfs,dysta; known schedulers: \(names.joined(separator: ", "))")
        }
        var seen = Set<String>()
        for name in parts {
            _ = try descriptor(name, field: field)
            guard seen.insert(name).inserted else {
                throw InputError(.flag, field: field, "'\(name)' appears twice")
            }
        }
        return parts
    }

    /// The parameter values of each named policy after `assignments` (`name=value` applies to
    /// every listed policy that declares `name`; `policy.name=value` to that policy only).
    /// - Throws: `InputError` when an assignment names an unknown policy, a parameter no listed
    ///   policy declares (with a suggestion), or an invalid value.
    public func parameterValues(for policies: [String], assignments: [ParameterAssignment],
                                kind: InputError.Kind = .flag, file: String? = nil, line: Int? = nil,
                                field: String = "--param") throws -> [ParameterValues] {
        let chosen = try policies.map { try descriptor($0, kind: kind, file: file, line: line) }
        var values = chosen.map { ParameterValues($0.parameters) }
        for assignment in assignments {
            var applied = false
            if let owner = assignment.owner {
                let target = try descriptor(owner, kind: kind, file: file, line: line, field: field)
                guard let i = chosen.firstIndex(where: { $0.name == owner }) else {
                    throw InputError(kind, file: file, line: line, field: field,
                                     "'\(owner).\(assignment.name)' addresses scheduler '\(owner)', which this run does not use")
                }
                try values[i].set(assignment.name, assignment.value, owner: target.name, kind: kind, file: file, line: line)
                applied = true
            } else {
                for (i, descriptor) in chosen.enumerated() where descriptor.parameters.contains(where: { $0.name == assignment.name }) {
                    try values[i].set(assignment.name, assignment.value, owner: descriptor.name, kind: kind, file: file, line: line)
                    applied = true
                }
            }
            if !applied {
                let known = Array(Set(chosen.flatMap { $0.parameters.map(\.name) })).sorted()
                var error = unknownNameError("policy parameter", assignment.name, known: known, kind: kind, file: file, line: line, field: field)
                error.message = "no scheduler of this run (\(policies.joined(separator: ", "))) has a parameter '\(assignment.name)'"
                if known.isEmpty { error.hint = "these schedulers take no parameters; `baton list parameters` shows every parameter" }
                throw error
            }
        }
        return values
    }

    /// Builds policy `name` for one run.
    /// - Throws: `InputError` for an unknown name, a compatibility mode it does not support, or
    ///   what its factory throws.
    public func make(_ name: String, parameters: ParameterValues? = nil, compatibility: SimulationSettings.Compatibility = .none,
                     seed: UInt64 = 1,
                     resolvePredictor: @escaping PredictorResolver = GammaPredictor.named) throws -> any Scheduler {
        let descriptor = try descriptor(name)
        if compatibility != .none && !descriptor.supportsArtifactCompatibility {
            throw InputError(.flag, field: "--compat",
                             "scheduler '\(name)' has no '\(compatibility.rawValue)' mode",
                             hint: "schedulers with one: \(descriptors.filter(\.supportsArtifactCompatibility).map(\.name).joined(separator: ", "))")
        }
        let configuration = PolicyConfiguration(parameters: parameters ?? ParameterValues(descriptor.parameters),
                                                compatibility: compatibility, seed: seed, resolvePredictor: resolvePredictor)
        return try descriptor.make(configuration)
    }

    /// Names of the policies in a study's own comparison set, in registration order.
    public func studyPolicies(_ study: String) -> [String] {
        descriptors.filter { $0.studies.contains(study) }.map(\.name)
    }
}
