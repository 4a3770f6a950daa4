import BatonCore
import Yams

/// One named parameter value of a sweep, with the YAML line it came from (for error messages).
public struct SweepParameter: Sendable, Equatable {
    /// Parameter name (letters, digits, `_`, `-`, `.`).
    public var name: String
    /// The value: whole numbers become `.int`, other numbers `.double`, anything else (and any
    /// quoted scalar) `.text`.
    public var value: ResultValue
    /// 1-based line of the value in the sweep file (0 when not from a file).
    public var line: Int

    public init(name: String, value: ResultValue, line: Int = 0) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// A sweep as data: which study to run, parameters held fixed, and a grid of parameter values.
///
/// YAML form:
/// ```yaml
/// name: rate-sweep
/// study: synthetic          # sparse, rtmm or synthetic
/// fixed: {jobs: 200}
/// grid:
///   rate: [50, 100, 150]
///   scheduler: [edf, fcfs]
/// seeds: 3                  # shorthand for grid seed: [1, 2, 3]
/// ```
public struct SweepSpec: Sendable, Equatable {
    /// Studies a sweep may name.
    public static let studies = ["sparse", "rtmm", "synthetic"]

    /// Sweep name (used in the manifest and the report).
    public var name: String
    /// Study whose runner executes the points.
    public var study: String
    /// Parameters with one value for every point, in file order.
    public var fixed: [SweepParameter]
    /// Parameters with a list of values, in file order (values in file order).
    public var grid: [(name: String, values: [SweepParameter])]
    /// Where the spec came from (a path or a label).
    public var source: String
    /// The spec's text, copied verbatim into the output directory.
    public var text: String

    public init(name: String, study: String, fixed: [SweepParameter] = [],
                grid: [(name: String, values: [SweepParameter])] = [],
                source: String = "sweep", text: String = "") {
        self.name = name
        self.study = study
        self.fixed = fixed
        self.grid = grid
        self.source = source
        self.text = text
    }

    public static func == (lhs: SweepSpec, rhs: SweepSpec) -> Bool {
        lhs.name == rhs.name && lhs.study == rhs.study && lhs.fixed == rhs.fixed
            && lhs.grid.map(\.name) == rhs.grid.map(\.name) && lhs.grid.map(\.values) == rhs.grid.map(\.values)
            && lhs.source == rhs.source && lhs.text == rhs.text
    }

    /// Reads a sweep file; `studies` are the study names it may use (those with a runner).
    public static func load(path: String, studies: [String] = SweepSpec.studies) throws -> SweepSpec {
        let text = try readTextFile(path, kind: .config)
        return try parse(text: text, source: path, studies: studies)
    }

    /// Parses sweep YAML; every problem is an `InputError` of kind `.config` naming file, line and field.
    public static func parse(text: String, source: String, studies: [String] = SweepSpec.studies) throws -> SweepSpec {
        try SweepSpecParser(source: source, text: text, studies: studies).parse()
    }
}

/// Documented bounds of sweeps (docs/sweeps.md).
public enum SweepLimits {
    /// Points in one sweep (the product of the grid's list lengths).
    public static let maxPoints = 1_000_000
    /// The `seeds: K` shorthand's largest K.
    public static let maxSeeds = 100_000
}

/// Turns composed YAML into a `SweepSpec`, with located errors.
struct SweepSpecParser {
    let source: String
    let text: String
    var studies: [String] = SweepSpec.studies
    static let topLevelKeys = ["name", "study", "description", "fixed", "grid", "seeds"]

    func parse() throws -> SweepSpec {
        let root: Node?
        try YAMLKeyGuard.check(text, file: source)  // before Yams hashes keys (issue 12)
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw InputError(.config, file: source, "cannot parse YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw InputError(.config, file: source, line: root?.mark?.line,
                             "a sweep file is a YAML mapping with keys name, study, fixed, grid, seeds")
        }
        var name: String?
        var study: String?
        var fixed: [SweepParameter] = []
        var grid: [(name: String, values: [SweepParameter])] = []
        var seeds: (count: Int, line: Int)?
        for (keyNode, value) in top {
            let key = try scalarText(keyNode, field: "key")
            switch key {
            case "name": name = try scalarText(value, field: "name")
            case "description": _ = try scalarText(value, field: "description")
            case "study":
                let text = try scalarText(value, field: "study")
                guard studies.contains(text) else {
                    throw unknownNameError("study", text, known: studies, kind: .config,
                                           file: source, line: value.mark?.line, field: "study")
                }
                study = text
            case "fixed": fixed = try parseFixed(value)
            case "grid": grid = try parseGrid(value)
            case "seeds":
                let line = value.mark?.line ?? 0
                guard case .scalar(let scalar) = value, scalar.style == .plain || scalar.style == .any,
                      let count = Int(scalar.string), (1...SweepLimits.maxSeeds).contains(count) else {
                    throw InputError(.config, file: source, line: value.mark?.line, field: "seeds",
                                     "expected a whole number from 1 to \(SweepLimits.maxSeeds)",
                                     hint: "seeds: K is shorthand for grid seed: [1, ..., K]")
                }
                seeds = (count, line)
            default:
                throw unknownNameError("sweep key", key, known: SweepSpecParser.topLevelKeys, kind: .config,
                                       file: source, line: keyNode.mark?.line, field: key)
            }
        }
        guard let name, !name.isEmpty else {
            throw InputError(.config, file: source, field: "name", "missing sweep name", hint: "add a line: name: my-sweep")
        }
        guard let study else {
            throw InputError(.config, file: source, field: "study", "missing study",
                             hint: "add a line: study: \(studies.joined(separator: " | "))")
        }
        if let seeds {
            if grid.contains(where: { $0.name == "seed" }) || fixed.contains(where: { $0.name == "seed" }) {
                throw InputError(.config, file: source, line: seeds.line, field: "seeds",
                                 "seeds: \(seeds.count) conflicts with a 'seed' parameter in fixed or grid",
                                 hint: "keep one of them")
            }
            grid.append((name: "seed", values: (1...seeds.count).map {
                SweepParameter(name: "seed", value: .int($0), line: seeds.line)
            }))
        }
        for parameter in fixed {
            if let entry = grid.first(where: { $0.name == parameter.name }) {
                throw InputError(.config, file: source, line: entry.values.first?.line, field: "grid.\(parameter.name)",
                                 "parameter '\(parameter.name)' is both fixed and in the grid", hint: "keep one of them")
            }
        }
        var points = 1
        for entry in grid {
            let (product, overflow) = points.multipliedReportingOverflow(by: entry.values.count)
            points = overflow ? Int.max : product
            if points > SweepLimits.maxPoints {
                throw InputError(.limit, file: source, line: entry.values.first?.line, field: "grid.\(entry.name)",
                                 "the grid has more than \(SweepLimits.maxPoints) points",
                                 hint: "split the sweep into several files, or shorten the value lists")
            }
        }
        return SweepSpec(name: name, study: study, fixed: fixed, grid: grid, source: source, text: text)
    }

    private func parseFixed(_ node: Node) throws -> [SweepParameter] {
        guard case .mapping(let mapping) = node else {
            throw InputError(.config, file: source, line: node.mark?.line, field: "fixed",
                             "expected a mapping of parameter: value")
        }
        var result: [SweepParameter] = []
        for (keyNode, value) in mapping {
            let name = try parameterName(keyNode, section: "fixed")
            if result.contains(where: { $0.name == name }) {
                throw InputError(.config, file: source, line: keyNode.mark?.line, field: "fixed.\(name)", "parameter appears twice")
            }
            result.append(SweepParameter(name: name, value: try scalarValue(value, field: "fixed.\(name)"),
                                         line: value.mark?.line ?? 0))
        }
        return result
    }

    private func parseGrid(_ node: Node) throws -> [(name: String, values: [SweepParameter])] {
        guard case .mapping(let mapping) = node else {
            throw InputError(.config, file: source, line: node.mark?.line, field: "grid",
                             "expected a mapping of parameter: [values]")
        }
        var result: [(name: String, values: [SweepParameter])] = []
        for (keyNode, value) in mapping {
            let name = try parameterName(keyNode, section: "grid")
            let field = "grid.\(name)"
            if result.contains(where: { $0.name == name }) {
                throw InputError(.config, file: source, line: keyNode.mark?.line, field: field, "parameter appears twice")
            }
            guard case .sequence(let sequence) = value, !sequence.isEmpty else {
                throw InputError(.config, file: source, line: value.mark?.line ?? keyNode.mark?.line, field: field,
                                 "expected a non-empty list of values",
                                 hint: "write \(name): [a, b, c], or move a single value to fixed:")
            }
            var values: [SweepParameter] = []
            var seen: [String: Int] = [:]
            for element in sequence {
                let parameter = SweepParameter(name: name, value: try scalarValue(element, field: field),
                                               line: element.mark?.line ?? 0)
                let canonical = SweepPointKey.canonicalValue(parameter.value)
                if let first = seen[canonical] {
                    throw InputError(.config, file: source, line: parameter.line, field: field,
                                     "value \(canonical) appears twice (first on line \(first))")
                }
                seen[canonical] = parameter.line
                values.append(parameter)
            }
            result.append((name: name, values: values))
        }
        return result
    }

    private func parameterName(_ node: Node, section: String) throws -> String {
        let name = try scalarText(node, field: section)
        guard SweepPointKey.isValidName(name) else {
            throw InputError(.config, file: source, line: node.mark?.line, field: "\(section).\(name)",
                             "invalid parameter name", hint: "use letters, digits, '_', '-' and '.'; 'point' is reserved")
        }
        return name
    }

    private func scalarText(_ node: Node, field: String) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw InputError(.config, file: source, line: node.mark?.line, field: field, "expected a single value")
        }
        return scalar.string
    }

    /// A parameter value: plain scalars that read as whole numbers become `.int`, other finite
    /// numbers `.double`; quoted scalars and anything else stay text. Null and nested values are errors.
    private func scalarValue(_ node: Node, field: String) throws -> ResultValue {
        guard case .scalar(let scalar) = node else {
            throw InputError(.config, file: source, line: node.mark?.line, field: field,
                             "expected a number or a word, found a nested list or mapping")
        }
        let string = scalar.string
        let plain = scalar.style == .plain || scalar.style == .any
        if plain {
            if string.isEmpty || string == "~" || string == "null" || string == "Null" || string == "NULL" {
                throw InputError(.config, file: source, line: node.mark?.line, field: field, "value is empty (null)")
            }
            if let value = Int(string) { return .int(value) }
            if let value = Double(string), value.isFinite,
               string.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+" }) {
                return .double(value)
            }
        }
        if string.isEmpty {
            throw InputError(.config, file: source, line: node.mark?.line, field: field, "value is empty")
        }
        return .text(string)
    }

    private func yamlError(_ error: YamlError) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return InputError(.config, file: source, line: mark.line, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return InputError(.config, file: source, line: context.mark.line,
                              "key appears twice in a mapping: \(duplicates.joined(separator: ", "))")
        default:
            return InputError(.config, file: source, "invalid YAML: \(error)")
        }
    }
}
