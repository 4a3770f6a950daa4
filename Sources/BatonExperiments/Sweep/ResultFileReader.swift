import BatonCore
import Foundation

/// Reads a result file (CSV with a header, or JSON lines) into a `ResultTable`.
///
/// Columns are the union of the keys in first-seen order (a JSON-lines row without a key gets
/// empty text there). CSV cells that read as whole numbers become `.int`, other numbers `.double`,
/// the rest text.
public enum ResultFileReader {
    /// Reads `path`; `.jsonl`/`.ndjson`/`.json` files (or text starting with `{`) are JSON lines.
    /// A directory stands for its results.jsonl (a sweep output directory).
    /// - Throws: `InputError` (.file) naming the file and line.
    public static func read(path given: String) throws -> ResultTable {
        try readLocated(path: given).table
    }

    /// A table with the file it came from and the 1-based line of each row, for messages that
    /// blame a cell of the file.
    public struct Located: Sendable {
        public var table: ResultTable
        public var source: String
        public var lines: [Int]
    }

    /// `read(path:)`, keeping the file and each row's line.
    public static func readLocated(path given: String) throws -> Located {
        var isDirectory: ObjCBool = false
        let isFolder = FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory) && isDirectory.boolValue
        let path = isFolder ? joinPath(given, SweepResultsFile.fileName) : given
        let text = try readTextFile(path)
        let lower = path.lowercased()
        let isJSON = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json")
            || (!lower.hasSuffix(".csv") && text.drop { $0 == " " || $0 == "\n" || $0 == "\u{FEFF}" }.first == "{")
        return isJSON ? try jsonLinesLocated(text: text, source: path) : try csvLocated(text: text, source: path)
    }

    /// Parses JSON-lines text (a partial last line, from an interrupted write, is ignored).
    public static func jsonLines(text: String, source: String) throws -> ResultTable {
        try jsonLinesLocated(text: text, source: source).table
    }

    static func jsonLinesLocated(text: String, source: String) throws -> Located {
        var rowLines: [Int] = []
        var columns: [String] = []
        var index: [String: Int] = [:]
        var rows: [[String: ResultValue]] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            let fields: [(String, ResultValue)]
            do {
                fields = try JSONLineParser.parse(line)
            } catch {
                if number == lines.count - 1 { break }  // partial last line
                throw InputError(.file, file: source, line: number + 1, "invalid JSON object: \(error)")
            }
            var row: [String: ResultValue] = [:]
            for (key, value) in fields {
                if index[key] == nil { index[key] = columns.count; columns.append(key) }
                row[key] = value
            }
            rows.append(row)
            rowLines.append(number + 1)
        }
        guard !rows.isEmpty else { throw InputError(.file, file: source, "no result rows") }
        var table = ResultTable(columns: columns)
        for row in rows { table.append(row) }
        return Located(table: table, source: source, lines: rowLines)
    }

    /// Parses CSV text with a header row.
    public static func csv(text: String, source: String) throws -> ResultTable {
        try csvLocated(text: text, source: source).table
    }

    static func csvLocated(text: String, source: String) throws -> Located {
        let csv = try CSVTable.parse(text: text, source: source, required: [], allowUnknownColumns: true)
        var table = ResultTable(columns: csv.header)
        for row in csv.rows { table.append(row: row.map(value(ofCell:))) }
        return Located(table: table, source: source, lines: csv.lineNumbers)
    }

    /// A CSV cell as a value: whole number, other finite number, or text.
    public static func value(ofCell cell: String) -> ResultValue {
        if let int = Int(cell) { return .int(int) }
        if let double = Double(cell), !cell.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) { return .double(double) }
        if cell == "nan" || cell == "inf" || cell == "-inf" { return .double(Double(cell) ?? .nan) }
        return .text(cell)
    }
}
