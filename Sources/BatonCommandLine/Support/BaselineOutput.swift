import BatonCore
import BatonExperiments

/// What `--baseline NAME` prints: the paired comparison of every other policy against it.
enum BaselineOutput {
    /// Prints the result table and the comparison. Table and Markdown: the result table, the
    /// comparison table and one sentence per headline metric, on standard output. CSV and JSON: the
    /// comparison table only (one table per stream), the sentences on standard error.
    static func print(results: ResultTable, rows: [PairedComparison.Row], baseline: String, headline: [String], format: OutputFormat) throws {
        let comparison = PairedComparison.table(rows)
        let sentences = PairedComparison.summaryLines(rows, metrics: headline)
        switch format {
        case .csv, .json:
            try Terminal.output(format.render(comparison))
            if !sentences.isEmpty { Terminal.error(sentences.joined(separator: "\n")) }
        case .table, .markdown:
            var text = format.render(results)
            text += "\nPaired differences against \(baseline) (policy minus baseline on the same seeds; 95% interval):\n\n"
            text += format.render(comparison)
            if !sentences.isEmpty { text += "\n" + sentences.joined(separator: "\n") + "\n" }
            try Terminal.output(text)
        }
    }
}
