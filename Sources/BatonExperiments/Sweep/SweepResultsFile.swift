import BatonCore
import Foundation

/// One line of a sweep's results.jsonl: a JSON object whose `point` field is the point key.
public struct SweepResultLine: Sendable, Equatable {
    /// The point key (the line's `point` field).
    public var key: String
    /// The line's text, without its newline.
    public var text: String
    /// 1-based line number in the file it was read from.
    public var lineNumber: Int
    /// The line's field names, in order (filled when read from a file).
    public var fieldNames: [String]

    public init(key: String, text: String, lineNumber: Int = 0, fieldNames: [String] = []) {
        self.key = key
        self.text = text
        self.lineNumber = lineNumber
        self.fieldNames = fieldNames
    }

    /// The line for a finished point: `point` first, then the parameters sorted by name, then the
    /// runner's metrics in the runner's order.
    /// - Throws: `InputError` (.config) if a metric is named like a parameter or `point`.
    public static func format(point: SweepPoint, metrics: [(String, ResultValue)]) throws -> String {
        var text = "{\"point\":" + ResultValue.jsonString(point.key)
        var names = Set(point.parameters.map(\.name))
        names.insert("point")
        for parameter in point.parameters {
            text += "," + ResultValue.jsonString(parameter.name) + ":" + parameter.value.json
        }
        for (name, value) in metrics {
            guard names.insert(name).inserted else {
                throw InputError(.config, file: point.source, field: name,
                                 "the runner's metric '\(name)' has the same name as a sweep parameter or another metric",
                                 hint: "rename the sweep parameter")
            }
            text += "," + ResultValue.jsonString(name) + ":" + value.json
        }
        return text + "}"
    }
}

/// Reading and writing a sweep's results.jsonl.
public enum SweepResultsFile {
    /// File name of the results inside an output directory.
    public static let fileName = "results.jsonl"

    /// What was found in a results file.
    public struct Contents: Sendable {
        /// Complete lines, in file order.
        public var lines: [SweepResultLine]
        /// Bytes up to the end of the last complete line (where appending may resume).
        public var completeByteCount: Int
        /// The file ended in a partial line (an interrupted write), which was ignored.
        public var droppedPartialLine: Bool
        /// The file's last line is complete but lacks its newline.
        public var missingFinalNewline: Bool
    }

    /// Reads a results file. Blank lines are skipped. A last line without a newline that is not a
    /// valid object is taken as the remains of an interrupted write and ignored; any other
    /// invalid line is an error.
    /// - Throws: `InputError` (.file) naming the file and line.
    public static func read(path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.file, file: path, "cannot read results file (missing or unreadable)")
        }
        let bytes = [UInt8](data)
        var lines: [SweepResultLine] = []
        var completeByteCount = 0
        var droppedPartial = false
        var missingNewline = false
        try bytes.withUnsafeBufferPointer { buffer in
            try JSONLineParser.forEachLine(buffer) { range, lineNumber, isBlank, isLast in
                if isBlank {
                    if !isLast { completeByteCount = range.upperBound + 1 }
                    return true
                }
                guard let text = String(bytes: buffer[range], encoding: .utf8) else {
                    if isLast { droppedPartial = true; return false }
                    throw InputError(.file, file: path, line: lineNumber, "line is not valid UTF-8")
                }
                do {
                    let fields = try JSONLineParser.parse(text)
                    guard let key = fields.first(where: { $0.0 == "point" })?.1, case .text(let keyText) = key else {
                        throw InputError(.file, file: path, line: lineNumber, field: "point",
                                         "result line has no 'point' key (text)")
                    }
                    lines.append(SweepResultLine(key: keyText, text: text, lineNumber: lineNumber, fieldNames: fields.map(\.0)))
                    if isLast { missingNewline = true; completeByteCount = range.upperBound } else { completeByteCount = range.upperBound + 1 }
                } catch let failure as JSONLineParser.Failure {
                    if isLast { droppedPartial = true; return false }
                    throw InputError(.file, file: path, line: lineNumber, "invalid JSON object: \(failure)",
                                     hint: "each line must be one JSON object; remove or repair this line")
                }
                return true
            }
        }
        return Contents(lines: lines, completeByteCount: completeByteCount,
                        droppedPartialLine: droppedPartial, missingFinalNewline: missingNewline)
    }

    /// Checks every line of a results file read from `path` and returns them without identical
    /// repeats (a point run twice gives the same line: results are deterministic):
    /// - a line has metrics: a field other than `point` and the point's parameters;
    /// - with `points` (a sweep's points, expanded once for every file checked against it), its
    ///   key is a point of the sweep (else it is foreign: an edited sweep file or another sweep's
    ///   line) and it has every parameter of that point;
    /// - two lines with one key and different text are an error naming both lines.
    /// - Throws: `InputError` (.file) naming the file, the line and what is wrong.
    public static func validate(_ lines: [SweepResultLine], path: String, points: SweepPointParameters?) throws -> [SweepResultLine] {
        var seen: [String: SweepResultLine] = [:]
        var kept: [SweepResultLine] = []
        for line in lines {
            var names = Set(line.fieldNames)
            names.remove("point")
            // Made only when thrown: quoting the key costs more than checking the line.
            func noMetrics() -> InputError {
                InputError(.file, file: path, line: line.lineNumber, field: "point",
                           "the result line of point '\(InputError.echo(line.key, limit: 120))' has no metrics",
                           hint: "remove this line; its point will be run again")
            }
            guard !names.isEmpty else { throw noMetrics() }
            if let points {
                guard let expected = points.namesByKey[line.key] else {
                    throw InputError(.file, file: path, line: line.lineNumber, field: "point",
                                     "'\(InputError.echo(line.key, limit: 120))' is not a point of the sweep \(points.sweepName)",
                                     hint: "the sweep file changed or the line is from another sweep: remove the line, or use --fresh or another --out")
                }
                if let missing = expected.first(where: { !names.contains($0) }) {
                    throw InputError(.file, file: path, line: line.lineNumber, field: missing,
                                     "the result line lacks the point's parameter '\(missing)'",
                                     hint: "remove or repair this line; its point will be run again")
                }
                names.subtract(expected)
            } else if let parameterNames = SweepPointKey.parameterNames(line.key) {
                names.subtract(parameterNames)
            }
            guard !names.isEmpty else { throw noMetrics() }
            if let earlier = seen[line.key] {
                guard earlier.text == line.text else {
                    throw InputError(.file, file: path, line: line.lineNumber, field: "point",
                                     "point '\(InputError.echo(line.key, limit: 120))' also has different results on line \(earlier.lineNumber)",
                                     hint: "two runs wrote to this folder; remove one of the lines (or both, to run the point again)")
                }
                continue
            }
            seen[line.key] = line
            kept.append(line)
        }
        return kept
    }

    /// Lines sorted by point key (UTF-8 byte order), stable for equal keys.
    public static func sortedByKey(_ lines: [SweepResultLine]) -> [SweepResultLine] {
        lines.enumerated().sorted {
            if $0.element.key == $1.element.key { return $0.offset < $1.offset }
            return SweepPointKey.precedes($0.element.key, $1.element.key)
        }.map(\.element)
    }

    /// The text of a results file holding these lines.
    public static func text(_ lines: [SweepResultLine]) -> String {
        var out = ""
        for line in lines { out += line.text + "\n" }
        return out
    }
}

/// The parameter names of every point of a sweep, by point key: what `SweepResultsFile.validate`
/// checks result lines against. Expanding the grid costs O(points), so a caller checking many lines
/// (a merge of shards) builds this once, not once per line.
public struct SweepPointParameters: Sendable {
    /// The sweep's name (for messages).
    public let sweepName: String
    /// Each point's parameter names, by point key.
    let namesByKey: [String: [String]]


    /// From the points of sweep `sweepName`, already expanded.
    public init(sweepName: String, points: [SweepPoint]) {
        self.sweepName = sweepName
        var names: [String: [String]] = [:]
        names.reserveCapacity(points.count)
        for point in points { names[point.key] = point.parameters.map(\.name) }
        namesByKey = names
    }
}

