import BatonCore
import Foundation

/// One named result table of an experiment.
public struct NamedTable: Sendable, Equatable {
    /// File-name stem (e.g. "dysta-tradeoff-attention").
    public var name: String
    /// One-line caption.
    public var caption: String
    public var table: ResultTable

    public init(name: String, caption: String, table: ResultTable) {
        self.name = name
        self.caption = caption
        self.table = table
    }
}

/// What a built-in experiment produces: tables and a Markdown summary of what they show.
public struct ExperimentOutput: Sendable, Equatable {
    /// Experiment name (e.g. "dysta-tradeoff").
    public var name: String
    /// Title for reports.
    public var title: String
    public var tables: [NamedTable]
    /// Markdown paragraphs: the headline comparisons, set beside the study's claims.
    public var summary: String

    public init(name: String, title: String, tables: [NamedTable], summary: String) {
        self.name = name
        self.title = title
        self.tables = tables
        self.summary = summary
    }

    /// The whole output as one Markdown document.
    public func markdown(digits: Int = 4) -> String {
        var text = "## \(title) (`\(name)`)\n\n"
        if !summary.isEmpty { text += summary.trimmingCharacters(in: .newlines) + "\n\n" }
        for table in tables {
            text += "### \(table.caption)\n\n" + table.table.markdown(digits: digits) + "\n"
        }
        return text
    }

    /// Writes `<table>.csv` for every table and `<name>.md` into `directory` (created if missing).
    /// Every file is written to a temporary name and renamed when complete.
    /// - Returns: the paths written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(.flag, field: "--out", "cannot create directory \(directory): \(error.localizedDescription)")
        }
        var written: [String] = []
        for table in tables {
            let path = (directory as NSString).appendingPathComponent(table.name + ".csv")
            try writeAtomically(table.table.csv(), to: path)
            written.append(path)
        }
        let path = (directory as NSString).appendingPathComponent(name + ".md")
        try writeAtomically(markdown(), to: path)
        written.append(path)
        return written
    }
}

/// Writes text to a temporary file beside `path` and renames it into place (`AtomicFile`).
func writeAtomically(_ text: String, to path: String) throws {
    try AtomicFile.write(text, to: path, field: "--out")
}
