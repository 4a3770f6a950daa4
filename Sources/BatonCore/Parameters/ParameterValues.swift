/// Validated values of a set of declared parameters: every declared parameter has a value (its
/// default unless given).
public struct ParameterValues: Sendable, Equatable {
    /// The declarations, in declaration order.
    public let declarations: [ParameterDeclaration]
    private var values: [String: ResultValue]

    /// The defaults of `declarations`.
    public init(_ declarations: [ParameterDeclaration]) {
        self.declarations = declarations
        values = Dictionary(declarations.map { ($0.name, $0.defaultValue) }, uniquingKeysWith: { first, _ in first })
    }

    /// The defaults of `declarations` with `given` applied (each validated).
    /// - Throws: `InputError` for an unknown name (with a suggestion) or an invalid value.
    public init(_ declarations: [ParameterDeclaration], given: [(name: String, value: ResultValue)],
                owner: String, kind: InputError.Kind = .flag) throws {
        self.init(declarations)
        for (name, value) in given { try set(name, value, owner: owner, kind: kind) }
    }

    /// Sets one value after validating it against its declaration.
    public mutating func set(_ name: String, _ value: ResultValue, owner: String, kind: InputError.Kind = .flag,
                             file: String? = nil, line: Int? = nil) throws {
        guard let declaration = declarations.first(where: { $0.name == name }) else {
            let known = declarations.map(\.name)
            if known.isEmpty {
                throw InputError(kind, file: file, line: line, field: name, "\(owner) has no parameter '\(name)'",
                                 hint: "\(owner) takes no parameters; `baton list parameters` shows every parameter")
            }
            throw unknownNameError("parameter of \(owner)", name, known: known, kind: kind, file: file, line: line, field: name)
        }
        values[name] = try declaration.validate(value, kind: kind, file: file, line: line)
    }

    /// The value of a declared parameter.
    public subscript(name: String) -> ResultValue {
        guard let value = values[name] else { preconditionFailure("parameter '\(name)' is not declared") }
        return value
    }

    /// A real parameter's value.
    public func double(_ name: String) -> Double { self[name].doubleValue ?? .nan }
    /// An integer parameter's value.
    public func int(_ name: String) -> Int {
        if case .int(let v) = self[name] { return v }
        return Int(exactly: self[name].doubleValue ?? 0) ?? 0
    }
    /// A choice parameter's value.
    public func text(_ name: String) -> String { self[name].description }
    /// A flag parameter's value.
    public func flag(_ name: String) -> Bool { self[name].description == "true" }

    /// The values that differ from their defaults, in declaration order.
    public var nonDefault: [(name: String, value: ResultValue)] {
        declarations.compactMap { d in values[d.name] == d.defaultValue ? nil : (d.name, values[d.name]!) }
    }
}

/// Parses `NAME=VALUE` assignments (`--param beta=0.02`; `dysta.beta=0.02` addresses one policy).
public struct ParameterAssignment: Sendable, Equatable {
    /// The policy (or other owner) the assignment is limited to, if qualified.
    public var owner: String?
    public var name: String
    public var value: ResultValue

    public init(owner: String? = nil, name: String, value: ResultValue) {
        self.owner = owner
        self.name = name
        self.value = value
    }

    /// Parses `name=value` or `owner.name=value`.
    /// - Throws: `InputError` (.flag) naming `field` when there is no `=` or the name is empty.
    public static func parse(_ text: String, field: String = "--param") throws -> ParameterAssignment {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError(.flag, field: field, "expected NAME=VALUE, got '\(InputError.echo(text))'", hint: "for example --param beta=0.02 or --param dysta.beta=0.02")
        }
        let key = String(text[..<equals]).trimmingSpaces()
        let value = String(text[text.index(after: equals)...]).trimmingSpaces()
        var owner: String?
        var name = key
        if let dot = key.lastIndex(of: ".") {
            owner = String(key[..<dot])
            name = String(key[key.index(after: dot)...])
        }
        guard !name.isEmpty, owner.map({ !$0.isEmpty }) ?? true else {
            throw InputError(.flag, field: field, "expected NAME=VALUE, got '\(InputError.echo(text))'")
        }
        return ParameterAssignment(owner: owner, name: name, value: .text(value))
    }
}
