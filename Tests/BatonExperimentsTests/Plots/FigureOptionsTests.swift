import BatonCore
import Testing
@testable import BatonExperiments

@Suite("Figure options")
struct FigureOptionsTests {
    /// One row up to three panels; beyond, an even grid closest to a square (no empty cell).
    @Test func layoutWithoutEmptyCells() {
        #expect([1, 2, 3, 4, 6, 8, 9, 12].map { PlotLayout.columns(panels: $0) } == [1, 2, 3, 2, 3, 4, 3, 4])
        #expect(PlotLayout.columns(panels: 5) == 3)  // no even grid: 3 + 2
    }

    /// Three facets in one row: three panels of 560 px, then the legend.
    @Test func threeFacetsInOneRow() throws {
        let table = ResultTable(columns: ["scheduler", "rate", "violation_rate", "slo"], rows: [
            ["edf", 10, 0.1, 10], ["edf", 20, 0.2, 25], ["fcfs", 10, 0.3, 50], ["fcfs", 20, 0.4, 10]])
        let svg = try Plot.svg(table, PlotSpec(kind: .rate, facet: "slo"))
        let data = try PlotData.build(table, PlotSpec(kind: .rate, facet: "slo"))
        #expect(data.panels.count == 3)
        let legend = PlotRenderer(data: data, spec: PlotSpec(kind: .rate, facet: "slo")).rightLegendWidth
        #expect(svg.contains("width=\"\(SVGWriter.number(3 * 560 + legend + 12))\""))
        // Two columns asked for: 2 x 560 wide.
        let two = try Plot.svg(table, FigureOptions(facetColumns: 2).apply(to: PlotSpec(kind: .rate, facet: "slo")))
        #expect(two.contains("width=\"\(SVGWriter.number(2 * 560 + legend + 12))\""))
    }

    /// Width, font scale, legend position and title reach the drawing.
    @Test func optionsReachTheDrawing() throws {
        let options = FigureOptions(width: 900, fontScale: 2, logX: true, legend: .bottom, title: "Paper figure")
        let spec = options.apply(to: PlotSpec(kind: .rate))
        #expect(spec.logX && spec.fontScale == 2 && spec.legend == .bottom && spec.title == "Paper figure")
        let svg = try Plot.svg(smallResults, spec)
        #expect(svg.contains("width=\"900\""))
        #expect(svg.contains("font-size=\"32\""))  // the 16 px title at scale 2
        #expect(svg.contains(">Paper figure</text>"))
        let none = try Plot.svg(smallResults, FigureOptions(legend: .none).apply(to: PlotSpec(kind: .rate)))
        #expect(!none.contains(">Scheduler</text>"))
    }

    @Test func badValuesNameTheFlag() {
        for (options, flag) in [(FigureOptions(width: 50), "--width"), (FigureOptions(fontScale: 9), "--font-scale"),
                                (FigureOptions(facetColumns: 0), "--facet-columns")] {
            let error = #expect(throws: InputError.self) { try options.validate() }
            #expect(error?.field == flag)
        }
    }
}
