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

/// A chart of one of an experiment's tables.
public struct ExperimentPlot: Sendable, Equatable {
    /// File-name stem (SVG and `.vl.json` are written).
    public var name: String
    /// Name of the `NamedTable` it draws.
    public var table: String
    public var spec: PlotSpec
    /// Columns whose values, joined, label the panels (one panel per combination); empty: none.
    public var panelsBy: [String]

    public init(name: String, table: String, spec: PlotSpec, panelsBy: [String] = []) {
        self.name = name
        self.table = table
        self.spec = spec
        self.panelsBy = panelsBy
    }

    /// A short label for one value of a panel column ("study rates", "30 req/s", "model bert").
    static func panelLabel(column: String, value: ResultValue) -> String {
        switch (column, value) {
        case ("setting", .text("study-rate")): return "study rates"
        case ("setting", .text("equivalent-utilization")): return "equivalent utilisation"
        case ("study_rate", _), ("rate", _): return "\(value.description) req/s"
        case (_, .text(let text)): return text
        default: return "\(column.replacingOccurrences(of: "_", with: " ")) \(value.description)"
        }
    }

    /// The table to draw: `table` with a `panel` column when `panelsBy` is set.
    func data(from table: ResultTable) -> (ResultTable, PlotSpec) {
        guard !panelsBy.isEmpty else { return (table, spec) }
        var out = ResultTable(columns: table.columns + ["panel"])
        for r in table.rows.indices {
            let label = panelsBy.map { column in
                ExperimentPlot.panelLabel(column: column, value: table.value(r, column) ?? .text(""))
            }.joined(separator: ", ")
            out.append(row: table.rows[r] + [.text(label)])
        }
        var spec = self.spec
        spec.facet = "panel"
        return (out, spec)
    }
}

/// What a built-in experiment produces: tables, plots and a Markdown summary of what they show.
public struct ExperimentOutput: Sendable, Equatable {
    /// Experiment name (e.g. "dysta-tradeoff").
    public var name: String
    /// Title for reports.
    public var title: String
    public var tables: [NamedTable]
    /// Charts written next to the tables.
    public var plots: [ExperimentPlot]
    /// Markdown paragraphs: the headline comparisons, set beside the study's claims.
    public var summary: String

    public init(name: String, title: String, tables: [NamedTable], plots: [ExperimentPlot] = [], summary: String) {
        self.name = name
        self.title = title
        self.tables = tables
        self.plots = plots
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

    /// Writes `<table>.csv` for every table, `<plot>.svg` and `<plot>.vl.json` for every plot (drawn
    /// with `figure`; PDF and PNG too when `RasterExport` can), and `<name>.md` into `directory`
    /// (created if missing).
    /// Every file is written to a temporary name and renamed when complete.
    /// - Returns: the paths written.
    @discardableResult
    public func write(to directory: String, figure: FigureOptions = FigureOptions()) throws -> [String] {
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
        for plot in plots {
            guard let named = tables.first(where: { $0.name == plot.table }) else { continue }
            let (data, drawn) = plot.data(from: named.table)
            let spec = figure.apply(to: drawn)
            let stem = (directory as NSString).appendingPathComponent(plot.name)
            try writeAtomically(try Plot.svg(data, spec), to: stem + ".svg")
            try writeAtomically(try Plot.vegaLite(data, spec), to: stem + ".vl.json")
            written += [stem + ".svg", stem + ".vl.json"]
            written += try RasterExport.write(svgPath: stem + ".svg")
        }
        let path = (directory as NSString).appendingPathComponent(tables.first.map { $0.name } ?? name) + ".md"
        try writeAtomically(markdown(), to: path)
        written.append(path)
        return written
    }
}

/// Writes text to a temporary file beside `path` and renames it into place (`AtomicFile`).
func writeAtomically(_ text: String, to path: String) throws {
    try AtomicFile.write(text, to: path, field: "--out")
}
