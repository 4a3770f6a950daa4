import ArgumentParser
import BatonCore
import BatonExperiments

/// The figure flags of `plot`, `experiment` and `reproduce`, declared once (`FigureOptions`).
struct FigureFlags: ParsableArguments {
    @Option(help: "Figure width in pixels (the panels are sized to fit).")
    var width: Double?

    @Option(help: "Figure height in pixels (the panels are sized to fit).")
    var height: Double?

    @Option(name: .customLong("font-scale"), help: "Multiply every font size (0.5 to 4).")
    var fontScale: Double = 1

    @Option(name: .customLong("facet-columns"), help: "Panels per row (default: a layout without empty cells where one exists).")
    var facetColumns: Int?

    @Flag(name: .customLong("log-x"), help: "Logarithmic x axis.")
    var logX = false

    @Flag(name: .customLong("log-y"), help: "Logarithmic y axis.")
    var logY = false

    @Option(help: "Legend position: \(FigureOptions.LegendPosition.allCases.map(\.rawValue).joined(separator: ", ")).")
    var legend: String = FigureOptions.LegendPosition.right.rawValue

    @Option(help: "Chart title.")
    var title: String?

    /// The validated options.
    func options() throws -> FigureOptions {
        guard let position = FigureOptions.LegendPosition(rawValue: legend) else {
            throw unknownNameError("legend position", legend, known: FigureOptions.LegendPosition.allCases.map(\.rawValue), field: "--legend")
        }
        let options = FigureOptions(width: width, height: height, fontScale: fontScale, facetColumns: facetColumns,
                                    logX: logX, logY: logY, legend: position, title: title)
        try options.validate()
        return options
    }

    /// Writes PDF and PNG copies of an SVG when `rsvg-convert` is installed, else says how to get it.
    static func rasterCopies(of svgPath: String) throws -> [String] {
        let written = try RasterExport.write(svgPath: svgPath)
        if RasterExport.toolPath == nil { Terminal.error(RasterExport.missingMessage) }
        return written
    }
}
