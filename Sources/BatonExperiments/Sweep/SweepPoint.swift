import BatonCore
import BatonPolicies

/// One point of a sweep: every parameter (fixed and grid) with one value, and a stable key.
public struct SweepPoint: Sendable, Equatable {
    /// Position in the full expansion (0-based); sharding uses it.
    public var index: Int
    /// Parameters sorted by name.
    public var parameters: [SweepParameter]
    /// Canonical "name=value;name=value" text, parameters sorted by name (see `SweepPointKey`).
    public var key: String
    /// The sweep file (for error messages).
    public var source: String

    public init(index: Int, parameters: [SweepParameter], source: String = "sweep") {
        self.index = index
        self.parameters = parameters.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.key = SweepPointKey.make(self.parameters)
        self.source = source
    }

    /// The parameter with this name, if the point has it.
    public func parameter(_ name: String) -> SweepParameter? {
        parameters.first { $0.name == name }
    }

    /// Whether the point sets this parameter.
    public func has(_ name: String) -> Bool { parameter(name) != nil }

    /// A number parameter (whole numbers accepted), or `defaultValue` when absent.
    /// - Throws: `InputError` (.config) naming the sweep file, the value's line and the parameter.
    public func double(_ name: String, default defaultValue: Double? = nil,
                       in range: ClosedRange<Double>? = nil, requirement: String? = nil) throws -> Double {
        guard let parameter = parameter(name) else {
            if let defaultValue { return defaultValue }
            throw missing(name)
        }
        guard let value = parameter.value.doubleValue, value.isFinite else {
            throw error(parameter, "'\(parameter.value)' is not a number")
        }
        if let range, !range.contains(value) {
            throw error(parameter, "value \(parameter.value) is out of range: \(requirement ?? "expected \(range)")")
        }
        return value
    }

    /// A whole-number parameter, or `defaultValue` when absent.
    public func int(_ name: String, default defaultValue: Int? = nil, in range: ClosedRange<Int>? = nil) throws -> Int {
        guard let parameter = parameter(name) else {
            if let defaultValue { return defaultValue }
            throw missing(name)
        }
        let value: Int
        switch parameter.value {
        case .int(let v): value = v
        case .double(let v) where v == v.rounded() && abs(v) < 1e15: value = Int(v)
        default: throw error(parameter, "'\(parameter.value)' is not a whole number")
        }
        if let range, !range.contains(value) {
            throw error(parameter, "value \(value) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A text parameter (numbers are given as their text), or `defaultValue` when absent; with
    /// `allowed`, the value must be one of those names.
    public func string(_ name: String, default defaultValue: String? = nil, allowed: [String]? = nil) throws -> String {
        guard let parameter = parameter(name) else {
            if let defaultValue { return defaultValue }
            throw missing(name)
        }
        let text = parameter.value.description
        if let allowed, !allowed.contains(text) {
            throw unknownNameError(name, text, known: allowed, kind: .config, file: source,
                                   line: parameter.line > 0 ? parameter.line : nil, field: name)
        }
        return text
    }

    /// Throws if the point has a parameter outside `known` (with a "did you mean" hint).
    public func requireOnly(_ known: [String], study: String) throws {
        for parameter in parameters where !known.contains(parameter.name) {
            throw unknownNameError("\(study) parameter", parameter.name, known: known, kind: .config, file: source,
                                   line: parameter.line > 0 ? parameter.line : nil, field: parameter.name)
        }
    }

    /// A generator for this point and concern. The seed mixes the point's `seed` parameter (1 when
    /// absent) with the stream label only, so points that differ in other parameters (say the
    /// scheduler) see the same random workload: common random numbers across the grid.
    public func random(stream: String) throws -> SeededRandom {
        let seed = try int("seed", default: 1, in: 0...Int.max)
        return SeededRandom(seed: UInt64(seed), stream: stream)
    }

    private func missing(_ name: String) -> InputError {
        InputError(.config, file: source, field: name, "point \(key): missing parameter '\(name)'",
                   hint: "add \(name) to fixed: or grid:")
    }

    private func error(_ parameter: SweepParameter, _ message: String) -> InputError {
        InputError(.config, file: source, line: parameter.line > 0 ? parameter.line : nil, field: parameter.name, message)
    }
}

/// The canonical text of a point: `name=value` pairs sorted by name, joined by `;`.
///
/// Values print as `ResultValue.description` (shortest round-trip numbers, so 1 and 1.0 give the
/// same key); `\`, `;` and `=` inside a text value are escaped with a backslash.
public enum SweepPointKey {
    /// Builds the key of parameters already sorted by name.
    public static func make(_ sortedParameters: [SweepParameter]) -> String {
        sortedParameters.map { "\($0.name)=\(canonicalValue($0.value))" }.joined(separator: ";")
    }

    /// A value's text in a key.
    public static func canonicalValue(_ value: ResultValue) -> String {
        var out = ""
        for character in value.description {
            if character == "\\" || character == ";" || character == "=" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Parameter names: letters, digits, `_`, `-`, `.`; not empty and not the reserved `point`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name != "point"
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// The parameter names of a key (`name=value` pairs split on unescaped `;`), or nil when the
    /// text is not a key.
    public static func parameterNames(_ key: String) -> [String]? {
        var names: [String] = []
        var current = "", escaped = false, inValue = false
        for character in key {
            if escaped { escaped = false; if !inValue { current.append(character) }; continue }
            switch character {
            case "\\": escaped = true
            case "=" where !inValue: names.append(current); current = ""; inValue = true
            case ";": guard inValue else { return nil }; inValue = false
            default: if !inValue { current.append(character) }
            }
        }
        guard inValue, names.allSatisfy(isValidName) else { return nil }
        return names
    }

    /// Orders keys by their UTF-8 bytes (the same on every platform).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

extension SweepPoint {
    /// The value of a declared parameter (validated against its declaration), or its default
    /// when the point does not set it.
    /// - Throws: `InputError` (.config) naming the sweep file, the value's line and the parameter.
    public func value(_ declaration: ParameterDeclaration) throws -> ResultValue {
        guard let parameter = parameter(declaration.name) else { return declaration.defaultValue }
        return try declaration.validate(parameter.value, kind: .config, file: source,
                                        line: parameter.line > 0 ? parameter.line : nil)
    }

    /// A declared real parameter's value.
    public func double(_ declaration: ParameterDeclaration) throws -> Double { try value(declaration).doubleValue ?? .nan }
    /// A declared integer parameter's value.
    public func int(_ declaration: ParameterDeclaration) throws -> Int {
        if case .int(let v) = try value(declaration) { return v }
        return Int(exactly: try value(declaration).doubleValue ?? 0) ?? 0
    }
    /// A declared choice (or text) parameter's value.
    public func string(_ declaration: ParameterDeclaration) throws -> String { try value(declaration).description }

    /// The point's policy parameters: every parameter that is not one of `studyParameters`, applied
    /// to the point's policy when it declares it. A parameter that some other registered policy
    /// declares is skipped (a grid may cross schedulers with one policy's parameter); one that no
    /// registered policy declares is an error with a suggestion.
    public func policyParameters(for policy: PolicyDescriptor, studyParameters: [ParameterDeclaration],
                                 registry: PolicyRegistry, study: String) throws -> ParameterValues {
        var values = ParameterValues(policy.parameters)
        // (Called for every point of a grid, twice: the registry-wide name set is built only for
        // a parameter that is neither the study's nor this policy's.)
        for parameter in parameters where !studyParameters.contains(where: { $0.name == parameter.name }) {
            let line = parameter.line > 0 ? parameter.line : nil
            if policy.parameters.contains(where: { $0.name == parameter.name }) {
                try values.set(parameter.name, parameter.value, owner: policy.name, kind: .config, file: source, line: line)
                continue
            }
            let studyNames = Set(studyParameters.map(\.name))
            let allPolicyNames = Set(registry.descriptors.flatMap { $0.parameters.map(\.name) })
            if !allPolicyNames.contains(parameter.name) {
                throw unknownNameError("\(study) parameter", parameter.name, known: (studyNames.union(allPolicyNames)).sorted(),
                                       kind: .config, file: source, line: line, field: parameter.name)
            }
        }
        return values
    }
}

extension ParameterValues {
    /// The values that differ from their defaults, as point parameters (a policy's part of a point).
    public var nonDefaultSweepParameters: [SweepParameter] {
        nonDefault.map { SweepParameter(name: $0.name, value: $0.value) }
    }
}
