/// One cell of a result table: a number, a whole number or text.
public enum ResultValue: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case text(String)

    /// The value as a Double, if numeric.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case .text: nil
        }
    }

    /// The value as text (numbers in full precision, shortest round-trip form).
    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .double(let v): ResultValue.format(v)
        case .text(let v): v
        }
    }

    /// Full-precision, platform-independent text for a Double ("nan"/"inf" spelled out).
    /// (The rules live in `ByteText.append(_: Double)`, which the file writers use.)
    public static func format(_ value: Double) -> String {
        var text = ByteText(capacity: 24)
        text.append(value)
        return text.string
    }

    /// Appends `description` to `text`.
    public func append(to text: inout ByteText) {
        switch self {
        case .int(let v): text.append(v)
        case .double(let v): text.append(v)
        case .text(let v): text.append(v)
        }
    }

    /// Appends `json` to `text`.
    public func appendJSON(to text: inout ByteText) {
        switch self {
        case .int(let v): text.append(v)
        case .double(let v): if v.isFinite { text.append(v) } else { text.append("null") }
        case .text(let v): text.append(ResultValue.jsonString(v))
        }
    }

    /// JSON text for the value (non-finite numbers become null).
    public var json: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return v.isFinite ? ResultValue.format(v) : "null"
        case .text(let v): return ResultValue.jsonString(v)
        }
    }

    /// A JSON string literal.
    public static func jsonString(_ text: String) -> String {
        // Most keys and names need no escaping.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension ResultValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .text(value) }
}
