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
        /// Each column's name as UTF-8 bytes (keys are compared as bytes, no string made).
        var columnBytes: [[UInt8]] = []
        var index: [String: Int] = [:]
        /// A line's keys that are not columns yet, with their values (kept to reuse the storage).
        var newFields: [(String, ResultValue)] = []
        // Rows in column order as far as the columns are known when the row is read (later
        // columns are padded with empty text at the end).
        var rows: [[ResultValue]] = []
        var text = text
        // Split on the LF byte, not on characters: a grapheme-aware split cost as much as parsing
        // the objects.
        try text.withUTF8 { utf8 in
            try JSONLineParser.forEachLine(utf8) { range, number, isBlank, isLast in
                if isBlank { return true }
                var row = [ResultValue](repeating: .text(""), count: columns.count)
                newFields.removeAll(keepingCapacity: true)
                do {
                    // A key given twice: the last value, as JSON readers do.
                    try JSONLineParser.forEachField(bytes: UnsafeBufferPointer(rebasing: utf8[range])) { position, key, value in
                        // Rows list their keys in one order as a rule: the column at the field's
                        // own position is tried first (its bytes compared, no string, no hashing).
                        if position < columns.count, key.equals(columnBytes[position]) {
                            row[position] = value
                            return
                        }
                        let name = key.string
                        if let known = index[name] { row[known] = value } else { newFields.append((name, value)) }
                    }
                } catch {
                    if isLast { return false }  // partial last line
                    throw InputError(.file, file: source, line: number, "invalid JSON object: \(error)")
                }
                // Keys no earlier row had become columns once their line has parsed (the remains of
                // an interrupted last line add none).
                for (name, value) in newFields {
                    let column: Int
                    if let known = index[name] {
                        column = known
                    } else {
                        column = columns.count
                        index[name] = column
                        columns.append(name)
                        columnBytes.append(Array(name.utf8))
                        row.append(.text(""))
                    }
                    row[column] = value
                }
                rows.append(row)
                rowLines.append(number)
                return true
            }
        }
        guard !rows.isEmpty else { throw InputError(.file, file: source, "no result rows") }
        var table = ResultTable(columns: columns)
        for var row in rows {
            if row.count < columns.count { row.append(contentsOf: repeatElement(.text(""), count: columns.count - row.count)) }
            table.append(row: row)
        }
        return Located(table: table, source: source, lines: rowLines)
    }

    /// Parses CSV text with a header row.
    public static func csv(text: String, source: String) throws -> ResultTable {
        try csvLocated(text: text, source: source).table
    }

    static func csvLocated(text: String, source: String) throws -> Located {
        // Each cell is read from its bytes: no string is made for a number.
        let (header, rows, lines) = try CSVTable.records(CSVStream(text: text, source: source), required: [],
                                                         allowUnknownColumns: true) { record in
            (0..<record.fieldCount).map { record.withBytes($0, value(ofCellBytes:)) }
        }
        var table = ResultTable(columns: header)
        for row in rows { table.append(row: row) }
        return Located(table: table, source: source, lines: lines)
    }

    /// A CSV cell as a value: whole number, other finite number, or text.
    public static func value(ofCell cell: String) -> ResultValue {
        var cell = cell
        return cell.withUTF8 { value(ofCellBytes: $0) }
    }

    /// `value(ofCell:)` from the cell's UTF-8 bytes: a whole number as `Int(String)` reads it, else
    /// a decimal number as `Double(String)` reads it (no letter but the exponent's `e`: `inf`,
    /// `nan` and hexadecimal spellings are not numbers here), else `nan`, `inf` and `-inf` as those
    /// values, else the text. A word is told from a number without the standard library's parsers.
    static func value(ofCellBytes bytes: UnsafeBufferPointer<UInt8>) -> ResultValue {
        if let int = DecimalParser.int(bytes) { return .int(int) }
        if let double = DecimalParser.decimal(bytes) { return .double(double) }
        let cell = String(decoding: bytes, as: UTF8.self)
        if cell == "nan" || cell == "inf" || cell == "-inf" { return .double(Double(cell) ?? .nan) }
        return .text(cell)
    }
}
