import BatonCore

/// A JSON value with ordered object keys, printed deterministically (two-space indentation;
/// small arrays and objects on one line).
indirect enum JSONText {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case number(Double)
    case int(Int)
    case bool(Bool)
    case null

    /// A result value as JSON (non-finite numbers become null).
    init(_ value: ResultValue) {
        switch value {
        case .int(let v): self = .int(v)
        case .double(let v): self = v.isFinite ? .number(v) : .null
        case .text(let v): self = .string(v)
        }
    }

    /// Compact text, no spaces.
    var compact: String {
        switch self {
        case .object(let fields):
            return "{" + fields.map { ResultValue.jsonString($0.0) + ":" + $0.1.compact }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ",") + "]"
        case .string(let s): return ResultValue.jsonString(s)
        case .number(let v): return v.isFinite ? ResultValue.format(v) : "null"
        case .int(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .null: return "null"
        }
    }

    /// Indented text; containers whose compact form fits in `inlineWidth` stay on one line.
    func pretty(indent: Int = 0, inlineWidth: Int = 96) -> String {
        let flat = compact
        if flat.count + indent <= inlineWidth { return flat }
        let pad = String(repeating: "  ", count: indent / 2 + 1)
        let closing = String(repeating: "  ", count: indent / 2)
        switch self {
        case .object(let fields):
            let body = fields.map { pad + ResultValue.jsonString($0.0) + ": " + $0.1.pretty(indent: indent + 2, inlineWidth: inlineWidth) }
            return "{\n" + body.joined(separator: ",\n") + "\n" + closing + "}"
        case .array(let items):
            let body = items.map { pad + $0.pretty(indent: indent + 2, inlineWidth: inlineWidth) }
            return "[\n" + body.joined(separator: ",\n") + "\n" + closing + "]"
        default:
            return flat
        }
    }
}
