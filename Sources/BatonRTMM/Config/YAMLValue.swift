import BatonCore
import BatonExperiments
import Yams

/// A YAML node with its path (e.g. `scenario.models[2].fps`) and file, for typed reads that fail
/// with an `InputError` of kind `.config` naming the file, line and path.
struct YAMLValue {
    let node: Node
    let path: String
    let file: String?

    var line: Int? { node.mark?.line }

    func error(_ message: String, field: String? = nil, hint: String? = nil) -> InputError {
        InputError(.config, file: file, line: line, field: field ?? path, message, hint: hint)
    }

    /// The entries of a mapping, in file order; keys outside `allowed` are an error with a suggestion.
    func mapping(allowed: [String]) throws -> [(key: String, value: YAMLValue)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value lines)") }
        var entries: [(String, YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else { throw error("keys must be plain names") }
            let child = YAMLValue(node: valueNode, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            guard allowed.contains(key) else {
                let at = YAMLValue(node: keyNode, path: child.path, file: file)
                var failure = unknownNameError("key", key, known: allowed, kind: .config, file: file, line: at.line, field: child.path)
                failure.message = "unknown key '\(InputError.echo(key))'"
                throw failure
            }
            entries.append((key, child))
        }
        return entries
    }

    /// The value of `key` in a mapping read with `mapping(allowed:)`.
    static func find(_ key: String, in entries: [(key: String, value: YAMLValue)]) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// The value of a required key.
    static func require(_ key: String, in entries: [(key: String, value: YAMLValue)], parent: YAMLValue) throws -> YAMLValue {
        guard let value = find(key, in: entries) else {
            throw parent.error("missing required key '\(key)'", field: parent.path.isEmpty ? key : "\(parent.path).\(key)")
        }
        return value
    }

    /// The items of a sequence.
    func sequence() throws -> [YAMLValue] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { YAMLValue(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    /// A non-empty plain string.
    func string() throws -> String {
        guard let scalar = node.scalar else { throw error("expected a text value") }
        let text = scalar.string
        if text.isEmpty { throw error("value is empty") }
        return text
    }

    /// A finite number.
    func double() throws -> Double {
        guard let scalar = node.scalar, let value = Double(scalar.string), value.isFinite else {
            throw error("expected a number, got '\(InputError.echo(node.scalar?.string ?? "a list or mapping"))'")
        }
        return value
    }

    /// A whole number.
    func int() throws -> Int {
        guard let scalar = node.scalar, let value = Int(scalar.string) else {
            throw error("expected a whole number, got '\(InputError.echo(node.scalar?.string ?? "a list or mapping"))'")
        }
        return value
    }

    /// A number that must satisfy `check` (described by `requirement` in the message).
    func double(where check: (Double) -> Bool, _ requirement: String) throws -> Double {
        let value = try double()
        guard check(value) else { throw error("\(requirement), got \(scalarText)") }
        return value
    }

    /// A whole number that must satisfy `check`.
    func int(where check: (Int) -> Bool, _ requirement: String) throws -> Int {
        let value = try int()
        guard check(value) else { throw error("\(requirement), got \(scalarText)") }
        return value
    }

    /// A list of numbers.
    func doubles() throws -> [Double] { try sequence().map { try $0.double() } }

    var scalarText: String { InputError.echo(node.scalar?.string ?? "?") }

    /// Parses YAML text into its root value (an empty document is an error).
    static func parse(_ text: String, file: String?) throws -> YAMLValue {
        do {
            try YAMLKeyGuard.check(text, file: file)  // before Yams hashes keys (issue 12)
            guard let root = try Yams.compose(yaml: text) else {
                throw InputError(.config, file: file, "the YAML file is empty")
            }
            return YAMLValue(node: root, path: "", file: file)
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw InputError(.config, file: file, line: YAMLValue.line(of: error), "invalid YAML: \(YAMLValue.summary(of: error))")
        } catch {
            throw InputError(.config, file: file, "invalid YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key(s) " + duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
        default: return "\(error)"
        }
    }
}
