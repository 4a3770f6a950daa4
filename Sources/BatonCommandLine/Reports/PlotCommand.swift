import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies

/// `baton plot RESULTS --kind KIND --out FILE.svg`: draws a chart from a CSV or JSON-lines result
/// file, as SVG and as Vega-Lite JSON (FILE.vl.json).
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a chart (SVG and Vega-Lite) from a result table.",
        discussion: """
            Kinds: tradeoff (violation rate vs ANTT), slo, rate (a metric vs the SLO multiplier or the \
            arrival rate), bars (a metric per scenario and scheduler), predictor (error by layer \
            position), tuning (a value over tuning windows). Columns default per kind; see \
            docs/plots-and-reports.md.
            """)

    @Argument(help: "Result file: CSV with a header, or JSON lines (e.g. a sweep's results.jsonl).")
    var results: String

    @Option(help: "Chart kind: \(PlotKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Option(help: "The x column.")
    var x: String?

    @Option(help: "The y column, or several separated by commas (one panel each).")
    var y: String?

    @Option(help: "The series column (one colour each), or 'none'.")
    var series: String?

    @Option(help: "The facet column (one panel per value).")
    var facet: String?

    @Option(help: "x axis title.")
    var xLabel: String?

    @Option(help: "y axis title.")
    var yLabel: String?

    @OptionGroup(title: "Figure")
    var figure: FigureFlags

    @Option(help: "Output SVG file; the Vega-Lite specification goes next to it as .vl.json.")
    var out: String

    func run() throws {
        try ReportsCLI.run {
            guard let plotKind = PlotKind(rawValue: kind) else {
                throw unknownNameError("plot kind", kind, known: PlotKind.allCases.map(\.rawValue), field: "--kind")
            }
            let columns = y.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            if let columns, columns.isEmpty || columns.contains(where: \.isEmpty) {
                throw InputError(.flag, field: "--y", "empty column name in '\(y ?? "")'")
            }
            if out == AtomicFile.standardOutputPath {
                throw InputError(.flag, field: "--out", "plot writes two files (SVG and Vega-Lite), so '-' (standard output) cannot name them",
                                 hint: "give a file path such as chart.svg")
            }
            try AtomicFile.checkDestination(out, field: "--out")
            let located = try ResultFileReader.readLocated(path: results)
            let table = located.table
            let spec = try figure.options().apply(to: PlotSpec(kind: plotKind, x: x, y: columns, series: series, facet: facet,
                                                                xLabel: xLabel, yLabel: yLabel))
            try Plot.checkNumericCells(located, spec)  // a bad number is the data file's fault
            try ReportsCLI.write(try Plot.svg(table, spec), to: out)
            let vegaLitePath = (out.hasSuffix(".svg") ? String(out.dropLast(4)) : out) + ".vl.json"
            try ReportsCLI.write(try Plot.vegaLite(table, spec), to: vegaLitePath)
            let raster = try FigureFlags.rasterCopies(of: out)
            try Terminal.output("wrote " + ([out, vegaLitePath] + raster).joined(separator: ", ") + "\n")
        }
    }
}
