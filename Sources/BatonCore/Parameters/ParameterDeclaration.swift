/// One tunable parameter, declared once: its name, type, unit, default, valid values and help.
///
/// Policies, workloads, cost models and studies declare their parameters with this type. From the
/// declaration come the command-line `--param NAME=VALUE` values, sweep grid keys, validation
/// errors (with "did you mean"), `baton list parameters` and the generated table in
/// `docs/parameters.md`. A parameter has one name everywhere (lower-case, `_` between words).
public struct ParameterDeclaration: Sendable, Equatable {
    /// The values a parameter takes.
    public enum Kind: Sendable, Equatable {
        /// A finite real number within the range.
        case real(ClosedRange<Double>)
        /// A whole number within the range.
        case integer(ClosedRange<Int>)
        /// One of these names.
        case choice([String])
        /// true or false.
        case flag
        /// Free text: a name checked elsewhere (a registered policy, a scenario) or a path.
        case text
    }

    /// Name used on the command line (`--param beta=0.02`), in sweep files and in result records.
    public var name: String
    /// What values it takes.
    public var kind: Kind
    /// Unit of a number ("s", "ms", "requests/s"); empty for dimensionless values and names.
    public var unit: String
    /// Value used when none is given.
    public var defaultValue: ResultValue
    /// One line: what the parameter does.
    public var help: String

    public init(_ name: String, _ kind: Kind, default defaultValue: ResultValue, unit: String = "", help: String) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The type's name as documentation shows it.
    public var typeName: String {
        switch kind {
        case .real: "real"
        case .integer: "integer"
        case .choice: "choice"
        case .flag: "flag"
        case .text: "text"
        }
    }

    /// The valid values as documentation shows them ("0...1e9", "average | last-one").
    public var validValues: String {
        switch kind {
        case .real(let range): "\(ResultValue.format(range.lowerBound))...\(ResultValue.format(range.upperBound))"
        case .integer(let range): "\(range.lowerBound)...\(range.upperBound)"
        case .choice(let names): names.joined(separator: " | ")
        case .flag: "true | false"
        case .text: "text"
        }
    }

    /// Checks and normalises a value (numbers given as text are parsed; whole reals become
    /// integers for integer parameters).
    /// - Throws: `InputError` of `kind` naming `field` (the parameter's name by default), with the
    ///   valid values as a hint.
    public func validate(_ value: ResultValue, kind errorKind: InputError.Kind = .flag,
                         file: String? = nil, line: Int? = nil, field: String? = nil) throws -> ResultValue {
        let field = field ?? name
        func failure(_ message: String) -> InputError {
            InputError(errorKind, file: file, line: line, field: field, message, hint: "\(name): \(validValues)\(unit.isEmpty ? "" : " (\(unit))")")
        }
        switch kind {
        case .real(let range):
            let number: Double?
            switch value {
            case .text(let text): number = Double(text.trimmingSpaces())
            default: number = value.doubleValue
            }
            guard let number, !number.isNaN else { throw failure("'\(InputError.echo("\(value)"))' is not a number") }
            guard number.isFinite else { throw failure("'\(InputError.echo("\(value)"))' is not a finite number") }
            guard range.contains(number) else { throw failure("\(ResultValue.format(number)) is out of range \(validValues)") }
            return .double(number)
        case .integer(let range):
            let number: Int?
            switch value {
            case .int(let v): number = v
            case .double(let v): number = v == v.rounded() && abs(v) < 9e15 ? Int(v) : nil
            case .text(let text): number = Int(text.trimmingSpaces())
            }
            guard let number else { throw failure("'\(InputError.echo("\(value)"))' is not a whole number") }
            guard range.contains(number) else { throw failure("\(number) is out of range \(validValues)") }
            return .int(number)
        case .choice(let names):
            let text = value.description
            guard names.contains(text) else {
                throw unknownNameError("value of \(name)", text, known: names, kind: errorKind, file: file, line: line, field: field)
            }
            return .text(text)
        case .text:
            let text = value.description
            guard !text.isEmpty else { throw failure("expected a non-empty value") }
            return .text(text)
        case .flag:
            switch value.description.lowercased() {
            case "true", "yes", "on", "1": return .text("true")
            case "false", "no", "off", "0": return .text("false")
            default: throw failure("'\(InputError.echo("\(value)"))' is not true or false")
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (ASCII only, no Foundation).
    public func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
