import BatonCore
import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

/// Four rows: EDF twice at rate 10 (violation 0.1 and 0.3), once at rate 20 (0.5); FCFS once (0.25).
let smallResults = ResultTable(columns: ["scheduler", "rate", "violation_rate", "antt", "scenario"], rows: [
    ["edf", 10, 0.1, 1.5, "a"],
    ["edf", 10, 0.3, 2.5, "a"],
    ["edf", 20, 0.5, 4.0, "b"],
    ["fcfs", 10, 0.25, 3.0, "a"],
])

/// Golden files live next to the tests; `BATON_UPDATE_GOLDEN=1 swift test` rewrites them.
func checkGolden(_ text: String, _ name: String) throws {
    let path = testSourceDirectory() + "/Golden/" + name
    if ProcessInfo.processInfo.environment["BATON_UPDATE_GOLDEN"] != nil {
        try writeText(text, path)
        return
    }
    let expected = try readText(path)
    #expect(text == expected, "output differs from \(name); rerun with BATON_UPDATE_GOLDEN=1 after checking it")
}

@Suite("Plots")
struct PlotTests {
    /// Line chart data: edf at x = 10 has mean (10% + 30%) / 2 = 20% over 2 rows, s = sqrt(200),
    /// 95% interval 20 -+ 12.706 x sqrt(200) / sqrt(2) = 20 -+ 127.06, drawn within 0...100 %; at x = 20 it has 50% (one
    /// row, no interval). fcfs has one point, 25%.
    @Test func aggregatesByHand() throws {
        let data = try PlotData.build(smallResults, PlotSpec(kind: .rate))
        #expect(data.seriesNames == ["fcfs", "edf"])  // palette order
        #expect(data.xTitle == "Arrival rate (requests/s)")
        let panel = try #require(data.panels.first)
        let edf = try #require(panel.series.first { $0.name == "edf" })
        #expect(edf.points.map(\.x) == [10, 20])
        #expect(abs(edf.points[0].mean - 20) < 1e-12)
        // Drawn clipped to the metric's range: [0, 100] % (the t interval itself is [-107.06, 147.06]).
        #expect(edf.points[0].low == 0 && edf.points[0].high == 100 && edf.points[0].count == 2)
        #expect(!edf.points[1].hasInterval)
        #expect(abs(edf.points[1].mean - 50) < 1e-12)
        let fcfs = try #require(panel.series.first { $0.name == "fcfs" })
        #expect(fcfs.points.count == 1 && abs(fcfs.points[0].mean - 25) < 1e-12)
    }

    /// A mean-over-seeds table's own interval columns give the error bars (bars) and bands (lines):
    /// violation_rate 0.2 in [0.1, 0.3] is drawn as 20% in [10%, 30%].
    @Test func intervalsFromMeanOverSeedsColumns() throws {
        let table = ResultTable(columns: ["scheduler", "rate", "violation_rate", "violation_rate_ci_low", "violation_rate_ci_high", "scenario"],
                                rows: [["edf", 10, 0.2, 0.1, 0.3, "a"], ["edf", 20, 0.4, 0.35, 0.45, "a"], ["fcfs", 10, 0.25, "", "", "a"]])
        let data = try PlotData.build(table, PlotSpec(kind: .rate))
        let edf = try #require(data.panels.first?.series.first { $0.name == "edf" })
        #expect(abs(edf.points[0].low - 10) < 1e-12 && abs(edf.points[0].high - 30) < 1e-12)
        let fcfs = try #require(data.panels.first?.series.first { $0.name == "fcfs" })
        #expect(!fcfs.points[0].hasInterval)
        #expect(try Plot.svg(table, PlotSpec(kind: .rate)).contains("fill-opacity=\"0.15\""))  // a band under edf's line
        let bars = try Plot.svg(table, PlotSpec(kind: .bars, x: "scenario", y: ["violation_rate"]))
        #expect(bars.contains("stroke=\"#222\""))  // an error bar on edf's bar
    }

    /// Trade-off: edf's mean marker is at x = (10 + 30 + 50) / 3 = 30 %, y = (1.5 + 2.5 + 4) / 3 = 8/3.
    @Test func tradeoffMeans() throws {
        let data = try PlotData.build(smallResults, PlotSpec(kind: .tradeoff))
        let edf = try #require(data.panels.first?.series.first { $0.name == "edf" })
        #expect(edf.points.count == 1)
        #expect(abs(edf.points[0].xMean - 30) < 1e-12)
        #expect(abs(edf.points[0].mean - 8.0 / 3) < 1e-12)
        #expect(edf.raw.count == 3)
    }

    /// Bars: categories in order of appearance; edf in "a" averages 1.5 and 2.5.
    @Test func barsByCategory() throws {
        let data = try PlotData.build(smallResults, PlotSpec(kind: .bars, y: ["antt"]))
        #expect(data.categories == ["a", "b"])
        let edf = try #require(data.panels.first?.series.first { $0.name == "edf" })
        #expect(edf.points.map(\.category) == ["a", "b"])
        #expect(edf.points.map(\.mean) == [2, 4])
    }

    @Test func facetsAndSeveralYColumns() throws {
        let data = try PlotData.build(smallResults, PlotSpec(kind: .rate, y: ["violation_rate", "antt"], facet: "scenario"))
        #expect(data.panels.map(\.title) == [
            "SLO violation rate (%), scenario = a", "SLO violation rate (%), scenario = b",
            "ANTT (× isolated latency), scenario = a", "ANTT (× isolated latency), scenario = b",
        ])
        let svg = try Plot.svg(smallResults, PlotSpec(kind: .rate, y: ["violation_rate", "antt"], facet: "scenario"))
        #expect(XMLCheck.parse(svg) != nil)
    }

    @Test func columnErrorsNameTheFlag() throws {
        let x = try #require(throws: InputError.self) { try Plot.svg(smallResults, PlotSpec(kind: .rate, x: "rte")) }
        #expect(x.field == "--x" && x.description.contains("did you mean 'rate'"))
        let y = try #require(throws: InputError.self) { try Plot.svg(smallResults, PlotSpec(kind: .rate, y: ["nope"])) }
        #expect(y.field == "--y")
        let text = try #require(throws: InputError.self) { try Plot.svg(smallResults, PlotSpec(kind: .rate, x: "scenario")) }
        #expect(text.description.contains("no numeric values"))
        let series = try #require(throws: InputError.self) { try Plot.svg(smallResults, PlotSpec(kind: .rate, series: "policy")) }
        #expect(series.field == "--series")
    }

    /// Without the default series column the chart has one unnamed series and no legend.
    @Test func singleSeriesWhenDefaultColumnIsAbsent() throws {
        let table = ResultTable(columns: ["layer", "rmse"], rows: [[0, 0.5], [1, 0.25]])
        let data = try PlotData.build(table, PlotSpec(kind: .predictor))
        #expect(data.seriesNames == [""])
        let svg = try Plot.svg(table, PlotSpec(kind: .predictor))
        #expect(!svg.contains(">Predictor</text>"))
        #expect(svg.contains(">RMSE vs layer position</text>"))
    }

    @Test(arguments: PlotKind.allCases)
    func everyKindDrawsWellFormedSVG(kind: PlotKind) throws {
        let table = ResultTable(columns: ["scheduler", "rate", "slo", "violation_rate", "antt", "scenario", "uxcost",
                                          "predictor", "layer", "rmse", "window"], rows: [
            ["dysta", 10, 5, 0.1, 2, "s1", 0.4, "average", 0, 0.01, 0],
            ["prema", 20, 10, 0.3, 5, "s2", 0.6, "last-one", 1, 0.02, 1],
            ["dysta", 20, 10, 0.2, 3, "s2", 0.5, "average", 1, 0.005, 1],
        ])
        let svg = try Plot.svg(table, PlotSpec(kind: kind))
        let xml = try #require(XMLCheck.parse(svg))
        #expect((xml.counts["text"] ?? 0) > 5)
        let json = try Plot.vegaLite(table, PlotSpec(kind: kind))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["$schema"] as? String == "https://vega.github.io/schema/vega-lite/v5.json")
        #expect(((root["data"] as? [String: Any])?["values"] as? [Any])?.count == 3)
    }

    @Test func logAxis() throws {
        let svg = try Plot.svg(smallResults, PlotSpec(kind: .rate, y: ["antt"], logY: true))
        // ANTT 1.5 ... 4: decades 10^0 ... 10^1 with 2x and 5x ticks.
        for label in [">1</text>", ">2</text>", ">5</text>", ">10</text>"] { #expect(svg.contains(label)) }
    }

    @Test func sameInputSameBytesAndGoldenFiles() throws {
        let spec = PlotSpec(kind: .rate, title: "Violation rate vs arrival rate")
        let svg = try Plot.svg(smallResults, spec)
        #expect(svg == (try Plot.svg(smallResults, spec)))
        try checkGolden(svg, "rate-small.svg")
        try checkGolden(try Plot.vegaLite(smallResults, spec), "rate-small.vl.json")
        try checkGolden(try Plot.vegaLite(smallResults, PlotSpec(kind: .bars, y: ["antt", "violation_rate"], facet: "scenario")),
                        "bars-facet.vl.json")
    }

    /// The Vega-Lite colour scale carries the fixed scheduler colours, in legend order.
    @Test func vegaLiteColours() throws {
        let json = try Plot.vegaLite(smallResults, PlotSpec(kind: .rate))
        #expect(json.contains(#""domain": ["fcfs", "edf"]"#) || json.contains(#""domain":["fcfs","edf"]"#))
        #expect(json.contains(##"["#7f7f7f","#17becf"]"##) || json.contains(##"["#7f7f7f", "#17becf"]"##))
        #expect(json.contains(#""calculate":"datum[\"violation_rate\"] * 100""#))
    }
}
