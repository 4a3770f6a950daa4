import ArgumentParser
import BatonCore
import BatonExperiments

/// How a command prints its result table.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// CSV with a header line, full precision.
    case csv
    /// One JSON object per line, full precision.
    case json
    /// A Markdown table.
    case markdown

    /// Renders a result table in this format (table and Markdown show each metric's 95% interval
    /// in its mean's cell, `IntervalDisplay.compact`).
    func render(_ table: ResultTable) -> String {
        switch self {
        case .table: IntervalDisplay.compact(table).text()
        case .csv: table.csv()
        case .json: table.jsonLines()
        case .markdown: IntervalDisplay.compact(table).markdown()
        }
    }
}
