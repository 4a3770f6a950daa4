import Foundation

/// A CSV file read whole, with a header row, that reports problems by file, line and column.
///
/// Baton's data formats are plain numeric CSV (one record per line); line numbers in messages
/// are 1-based and count the header as line 1.
public struct CSVTable: Sendable {
    /// Where the table came from (a path, or a label for in-memory text).
    public let source: String
    /// Column names, trimmed of spaces.
    public let header: [String]
    /// Data rows (header excluded), each with one field per header column.
    public let rows: [[String]]
    /// The 1-based file line of each data row.
    public let lineNumbers: [Int]

    /// Reads and validates a CSV file: it must exist, be UTF-8, fit `SimulationLimits.maxDataFileBytes`,
    /// have a header and at least one row.
    /// - Parameters:
    ///   - required: columns that must be present.
    ///   - optional: further columns that may be present; any other column is an error unless
    ///     `allowUnknownColumns` is set.
    public static func read(path: String, required: [String], optional: [String] = [],
                            allowUnknownColumns: Bool = false) throws -> CSVTable {
        try collect(InputFile.csvStream(path), required: required, optional: optional,
                    allowUnknownColumns: allowUnknownColumns)
    }

    /// Parses CSV text (see `read(path:required:optional:allowUnknownColumns:)`).
    public static func parse(text: String, source: String, required: [String], optional: [String] = [],
                             allowUnknownColumns: Bool = false) throws -> CSVTable {
        try collect(CSVStream(text: text, source: source), required: required, optional: optional,
                    allowUnknownColumns: allowUnknownColumns)
    }

    /// Reads every record of a stream into a table.
    static func collect(_ stream: CSVStream, required: [String], optional: [String],
                        allowUnknownColumns: Bool) throws -> CSVTable {
        let (header, rows, lines) = try records(stream, required: required, optional: optional,
                                                allowUnknownColumns: allowUnknownColumns) { record in
            (0..<record.fieldCount).map { record.text($0) }
        }
        return CSVTable(source: stream.source, header: header, rows: rows, lineNumbers: lines)
    }

    /// Reads a stream's header (checked as `read` checks it) and turns every record into a row with
    /// `row` (which reads the current record's fields from the stream); returns the header, the
    /// rows and each row's 1-based line. The one loop of every whole-table CSV reader.
    /// - Throws: `InputError` for a bad header, a malformed record, or a file without data rows.
    public static func records<Row>(_ stream: CSVStream, required: [String], optional: [String] = [],
                                    allowUnknownColumns: Bool = false,
                                    row: (CSVStream) throws -> Row) throws -> (header: [String], rows: [Row], lines: [Int]) {
        try stream.readHeader(required: required, optional: optional, allowUnknownColumns: allowUnknownColumns)
        var rows: [Row] = []
        var lines: [Int] = []
        while try stream.next() {
            rows.append(try row(stream))
            lines.append(stream.line)
        }
        if rows.isEmpty {
            throw InputError(.file, file: stream.source, "file has a header but no data rows")
        }
        return (stream.header, rows, lines)
    }

    /// The index of a column (which must exist: checked when the table was read).
    public func column(_ name: String) -> Int {
        guard let index = header.firstIndex(of: name) else {
            preconditionFailure("column \(name) was not validated")
        }
        return index
    }

    /// Whether a column is present.
    public func has(_ name: String) -> Bool { header.contains(name) }

    /// A finite number in row `row` (0-based data row), column `name`, within `range` if given.
    public func double(_ row: Int, _ name: String, in range: ClosedRange<Double>? = nil,
                       requirement: String? = nil) throws -> Double {
        let text = rows[row][column(name)]
        guard let value = Double(text) else {
            throw InputError(.file, file: source, line: lineNumbers[row], field: name,
                             "'\(InputError.echo(text))' is not a number")
        }
        guard value.isFinite else {
            throw InputError(.file, file: source, line: lineNumbers[row], field: name,
                             "value \(InputError.echo(text)) is not finite")
        }
        if let range, !range.contains(value) {
            throw InputError(.file, file: source, line: lineNumbers[row], field: name,
                             "value \(InputError.echo(text)) is out of range: \(requirement ?? "expected \(range)")")
        }
        return value
    }

    /// A whole number in row `row`, column `name`, within `range` if given.
    public func int(_ row: Int, _ name: String, in range: ClosedRange<Int>? = nil) throws -> Int {
        let text = rows[row][column(name)]
        var value = Int(text)
        if value == nil, let asDouble = Double(text), asDouble.rounded() == asDouble, abs(asDouble) < 1e15 {
            value = Int(asDouble)  // "3.0" written by numeric tools
        }
        guard let value else {
            throw InputError(.file, file: source, line: lineNumbers[row], field: name,
                             "'\(InputError.echo(text))' is not a whole number")
        }
        if let range, !range.contains(value) {
            throw InputError(.file, file: source, line: lineNumbers[row], field: name,
                             range.upperBound == Int.max ? "value \(value) is out of range (expected >= \(range.lowerBound))"
                                                         : "value \(value) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The text in row `row`, column `name`, which must not be empty.
    public func string(_ row: Int, _ name: String) throws -> String {
        let text = rows[row][column(name)]
        if text.isEmpty {
            throw InputError(.file, file: source, line: lineNumbers[row], field: name, "value is empty")
        }
        return text
    }

    /// An error located at a data row and field.
    public func error(_ row: Int, _ field: String?, _ message: String, hint: String? = nil) -> InputError {
        InputError(.file, file: source, line: lineNumbers[row], field: field, message, hint: hint)
    }
}
