/// Rows of named values: what every run, experiment and sweep produces, in a fixed column order.
public struct ResultTable: Sendable, Equatable {
    /// Column names, in output order.
    public var columns: [String]
    /// Rows, each with one value per column.
    public var rows: [[ResultValue]]

    public init(columns: [String], rows: [[ResultValue]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row given as column-value pairs (missing columns become empty text).
    public mutating func append(_ values: [String: ResultValue]) {
        rows.append(columns.map { values[$0] ?? .text("") })
    }

    /// Appends a row given in column order.
    public mutating func append(row: [ResultValue]) {
        precondition(row.count == columns.count, "row has \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    /// The value in row `row`, column `name`, if the column exists.
    public func value(_ row: Int, _ name: String) -> ResultValue? {
        columns.firstIndex(of: name).map { rows[row][$0] }
    }

    /// CSV with a header line (RFC 4180 quoting where needed), full precision.
    public func csv() -> String {
        var out = ByteText(capacity: 64 + rows.count * columns.count * 12)
        out.append(columns.map(ResultTable.csvField).joined(separator: ","))
        out.append(byte: 0x0A)
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                if case .text(let text) = value { out.append(ResultTable.csvField(text)) } else { value.append(to: &out) }
            }
            out.append(byte: 0x0A)
        }
        return out.string
    }

    /// One JSON object per row, one per line, keys in column order.
    public func jsonLines() -> String {
        let keys: [ByteText] = columns.map {
            var key = ByteText()
            key.append(ResultValue.jsonString($0) + ":")
            return key
        }
        var out = ByteText(capacity: rows.count * columns.count * 24)
        for row in rows {
            out.append(byte: UInt8(ascii: "{"))
            for (i, value) in row.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(keys[i])
                value.appendJSON(to: &out)
            }
            out.append(byte: UInt8(ascii: "}"))
            out.append(byte: 0x0A)
        }
        return out.string
    }

    /// A GitHub-flavoured Markdown table; numbers rounded to `digits` significant decimals.
    public func markdown(digits: Int = 4) -> String {
        // A `|` inside a cell would end it: escaped as `\|`.
        let cells = displayCells(digits: digits).map { $0.map { $0.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") } }
        var out = "| " + columns.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in cells { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    /// An aligned plain-text table for terminals; numbers rounded to `digits` decimals.
    public func text(digits: Int = 4) -> String {
        let cells = displayCells(digits: digits)
        var widths = columns.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ values: [String], numeric: [Bool]) -> String {
            values.enumerated().map { i, v in
                let pad = String(repeating: " ", count: widths[i] - v.count)
                return numeric[i] ? pad + v : v + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let numeric = columns.indices.map { i in rows.allSatisfy { $0[i].doubleValue != nil } && !rows.isEmpty }
        var out = line(columns, numeric: numeric) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row, numeric: numeric) + "\n" }
        return out
    }

    /// Every cell as shown in a terminal or Markdown table: numbers rounded to `digits` decimals,
    /// except in a column whose numbers are all whole (counts, means of counts), which print as
    /// integers (`341`, not `341.0000`).
    public func displayCells(digits: Int) -> [[String]] {
        let whole = columns.indices.map { i in
            rows.contains { $0[i].doubleValue != nil } && rows.allSatisfy { row in
                guard let v = row[i].doubleValue else { return true }
                return v.isFinite && v == v.rounded() && abs(v) < 1e15
            }
        }
        return rows.map { row in
            row.enumerated().map { i, value in
                if whole[i], case .double(let v) = value { return String(Int(v)) }
                return ResultTable.display(value, digits: digits)
            }
        }
    }

    /// A value rounded for display (integers unchanged).
    public static func display(_ value: ResultValue, digits: Int) -> String {
        switch value {
        case .int, .text: return value.description
        case .double(let v):
            guard v.isFinite else { return value.description }
            return formatFixed(v, digits: digits)
        }
    }

    /// Fixed-point text with `digits` decimals, without Foundation (identical on every platform).
    /// (The rules live in `ByteText.appendFixed`.)
    public static func formatFixed(_ value: Double, digits: Int) -> String {
        var text = ByteText(capacity: 24)
        text.appendFixed(value, digits: digits)
        return text.string
    }

    public static func csvField(_ text: String) -> String {
        if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        return text
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
