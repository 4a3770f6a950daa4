/// A problem with something the user gave Baton: a file, a flag, a config value.
///
/// Every message names where the problem is (file, line or YAML path, field) and, where the fix
/// is obvious, suggests it. The command-line tool prints `description` and exits with `exitCode`.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of input was wrong; each kind has its own documented exit code.
    public enum Kind: String, Sendable, Equatable {
        /// A command-line flag or argument.
        case flag
        /// A data file (CSV trace, request table, cost table).
        case file
        /// A YAML configuration (model, scenario, platform, experiment).
        case config
        /// A value that exceeds one of Baton's documented limits.
        case limit
    }

    public var kind: Kind
    /// The file path, if the problem is in a file.
    public var file: String?
    /// 1-based line number in `file`, if known.
    public var line: Int?
    /// The field, column or YAML path.
    public var field: String?
    /// What is wrong.
    public var message: String
    /// How to fix it, when obvious.
    public var hint: String?

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, field: String? = nil,
                _ message: String, hint: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// Process exit code: 64 flags, 65 data files, 66 configs, 67 limits (see docs/errors.md).
    public var exitCode: Int32 {
        switch kind {
        case .flag: 64
        case .file: 65
        case .config: 66
        case .limit: 67
        }
    }

    /// The message: file and field have control characters escaped (they are one line), and a
    /// message or hint over 4,000 characters is cut (a safety net; each echoed value is already
    /// short and on one line, see `InputError.echo`; a message may list items on several lines).
    public var description: String {
        var location = ""
        if let file { location += Self.singleLine(file) }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if let field { location += location.isEmpty ? "field '\(Self.echo(field, limit: 200))'" : ": field '\(Self.echo(field, limit: 200))'" }
        let message = Self.bounded(self.message)
        var text = location.isEmpty ? "error: \(message)" : "error: \(location): \(message)"
        if let hint { text += "\n  hint: \(Self.bounded(hint))" }
        return text
    }
}

/// Suggests the closest known name to an unknown one ("did you mean ...?"), or nil if none is close.
public func closestName(to name: String, in candidates: [String]) -> String? {
    let lowered = name.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(lowered, candidate.lowercased())
        if distance <= max(2, candidate.count / 3), best == nil || distance < best!.1 {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// Builds the standard "unknown name" error with a suggestion and the list of valid names.
public func unknownNameError(_ what: String, _ name: String, known: [String], kind: InputError.Kind = .flag,
                             file: String? = nil, line: Int? = nil, field: String? = nil) -> InputError {
    var hint = "known \(plural(what)): \(known.joined(separator: ", "))"
    if name.count <= 100, let suggestion = closestName(to: name, in: known) {  // no edit distance on a huge value
        hint = "did you mean '\(suggestion)'? " + hint
    }
    return InputError(kind, file: file, line: line, field: field, "unknown \(what) '\(InputError.echo(name))'", hint: hint)
}

/// The plural of a short English noun phrase ("study" -> "studies", "pool" -> "pools").
func plural(_ noun: String) -> String {
    if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) {
        return noun.dropLast() + "ies"
    }
    if noun.hasSuffix("s") || noun.hasSuffix("x") || noun.hasSuffix("ch") || noun.hasSuffix("sh") { return noun + "es" }
    return noun + "s"
}

/// Levenshtein distance between two short strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
