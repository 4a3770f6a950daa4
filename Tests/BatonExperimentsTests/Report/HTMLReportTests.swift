import BatonCore
import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("HTML report")
struct HTMLReportTests {
    /// A sweep output directory plus a figure and a CSV in a subfolder.
    func reportDirectory() throws -> String {
        let dir = try makeTemporaryDirectory("baton-report")
        let spec = try SweepSpec.parse(text: smallSweepYAML, source: "small.yaml")
        _ = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2, command: "baton sweep small.yaml --out out")
        try FileManager.default.createDirectory(atPath: dir + "/plots", withIntermediateDirectories: true)
        let table = try ResultFileReader.read(path: dir + "/results.jsonl")
        try writeText(try Plot.svg(table, PlotSpec(kind: .rate)), dir + "/plots/rate.svg")
        try writeText(try Plot.vegaLite(table, PlotSpec(kind: .rate)), dir + "/plots/rate.vl.json")
        try writeText("scheduler,score\nedf,0.5\nfcfs,<b>&\n", dir + "/plots/summary.csv")
        try writeText("{\"a\":1}\nbroken\n{\"a\":2}\n", dir + "/bad.jsonl")
        return dir
    }

    @Test func containsProvenanceFiguresAndTables() throws {
        let dir = try reportDirectory()
        let html = try HTMLReport.build(directory: dir)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Baton report: small</title>"))
        #expect(html.contains("<code>baton sweep small.yaml --out out</code>"))
        #expect(html.contains("<dt>Baton version</dt><dd>\(BatonVersion.current)</dd>"))
        #expect(html.contains("<dt>Seeds</dt><dd>1, 2</dd>"))
        #expect(html.contains("<dt>Points</dt><dd>12</dd>"))
        // The SVG is inline, the Vega-Lite file is not a table, the CSV text is escaped.
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("<code>plots/rate.svg</code>"))
        #expect(!html.contains("rate.vl.json"))
        #expect(html.contains("<code>plots/summary.csv</code>"))
        #expect(html.contains("&lt;b&gt;&amp;"))
        #expect(html.contains("<code>results.jsonl</code>"))
        #expect(html.contains("12 rows, 14 columns."))
        // A broken table is reported, not fatal.
        #expect(html.contains("<p class=\"error\">error: "))
        // Self-contained: nothing is fetched.
        for pattern in ["<script", "<link", "src=", "url(", "@import"] { #expect(!html.contains(pattern), "\(pattern)") }
        // Deterministic.
        #expect(html == (try HTMLReport.build(directory: dir)))
    }

    @Test func longTablesAreCut() throws {
        var table = ResultTable(columns: ["i"])
        for i in 0..<30 { table.append(row: [.int(i)]) }
        let html = HTMLReport.tableHTML(table, maxRows: 10)
        #expect(html.contains("30 rows, 1 columns; the first 10 are shown."))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 11)  // header + 10
    }

    @Test func seedsFromTablesWithoutManifest() throws {
        let dir = try makeTemporaryDirectory("baton-report")
        try writeText("seed,x\n1,0\n2,0\n3,0\n4,0\n", dir + "/r.csv")
        let html = try HTMLReport.build(directory: dir)
        #expect(html.contains("<dt>Seeds</dt><dd>1–4 (4 seeds)</dd>"))
        #expect(html.contains("no manifest.json in this directory"))
    }

    @Test func missingDirectoryIsAnError() throws {
        let error = try #require(throws: InputError.self) { try HTMLReport.build(directory: "/nonexistent/baton") }
        #expect(error.file == "/nonexistent/baton")
    }

    @Test func inlineSVGDropsTheProlog() {
        #expect(HTMLReport.inlineSVG("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg a=\"1\"></svg>\n") == "<svg a=\"1\"></svg>")
    }
}

@Suite("Mean over seeds")
struct SeedSummaryTests {
    /// Two groups: (edf, 10) with seeds 1, 2 -> v = (0.1 + 0.3) / 2 = 0.2; (fcfs, 10) one seed.
    @Test func groupsAndAverages() {
        let table = ResultTable(columns: ["point", "rate", "scheduler", "seed", "v", "note"], rows: [
            ["k1", 10, "edf", 1, 0.1, "x"],
            ["k2", 10, "fcfs", 1, 0.5, "y"],
            ["k3", 10, "edf", 2, 0.3, "z"],
        ])
        let summary = SeedSummary.meanOverSeeds(table, parameters: ["rate", "scheduler", "seed"])
        #expect(summary.columns == ["rate", "scheduler", "seeds", "v", "v_sd", "v_ci_low", "v_ci_high"])
        #expect(summary.rows.count == 2)
        #expect(summary.rows[0][0...2] == [10, "edf", 2])
        // s = sqrt(0.02); half-width 12.706 x s / sqrt(2) = 1.2706.
        for (i, value) in [0.2, 0.1414213562, -1.0706, 1.4706].enumerated() {
            #expect(abs((summary.rows[0][3 + i].doubleValue ?? 0) - value) < 1e-9)
        }
        #expect(summary.rows[1] == [10, "fcfs", 1, 0.5, "", "", ""])
    }

    /// `--baseline edf`: fcfs against edf per (jobs, rate), paired on the two seeds.
    @Test func reportComparesWithABaseline() throws {
        let dir = try makeTemporaryDirectory("baton-report-baseline")
        _ = try SweepExecutor.run(spec: try SweepSpec.parse(text: smallSweepYAML, source: "s.yaml"), outDirectory: dir, jobs: 1)
        let html = try HTMLReport.build(directory: dir, baseline: "edf")
        #expect(html.contains("<h2>Paired differences against edf</h2>"))
        #expect(html.contains("fcfs vs edf: violation_rate"))
        let error = #expect(throws: InputError.self) { try HTMLReport.build(directory: dir, baseline: "llf") }
        #expect(error?.field == "--baseline")
    }

    @Test func reportShowsItForSweeps() throws {
        let dir = try makeTemporaryDirectory("baton-report")
        _ = try SweepExecutor.run(spec: try SweepSpec.parse(text: smallSweepYAML, source: "s.yaml"), outDirectory: dir, jobs: 1)
        let html = try HTMLReport.build(directory: dir)
        #expect(html.contains("<h2>Mean over seeds</h2>"))
        // 3 rates x 2 schedulers; columns jobs, rate, scheduler, seeds and the 9 synthetic metrics with sd and interval.
        #expect(html.contains("6 rows, 40 columns."))
    }
}
