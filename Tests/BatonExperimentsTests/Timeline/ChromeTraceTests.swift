import BatonCore
import BatonPolicies
import Foundation
import Testing
@testable import BatonExperiments
import BatonStudies
import BatonRTMM
import BatonSparse

/// The hand-made run: one accelerator, FCFS (earliest arrival).
/// A (model a, layers 1 s + 1 s) arrives 0, deadline 10; B (model b, 1 s) arrives 0.5,
/// deadline 2.5; C (model b) arrives 0.7 but is dropped on arrival.
/// Schedule: A.l0 [0,1), A.l1 [1,2), B [2,3) -> B misses its deadline by 0.5 s.
/// Events: 2 arrivals (C never enters), 3 layers, 1 drop, 1 miss.
func recordHandMadeRun(platform: Platform = .single(name: "one", dataflow: "WS")) throws -> ChromeTraceRecorder {
    let catalog = WorkloadCatalog(modelNames: ["a", "b"], costTables: [
        CostTable(latencySeconds: [1, 1]), CostTable(latencySeconds: [1]),
    ])
    let jobs = [
        JobSpec(requestID: 10, model: 0, arrivalSeconds: 0, deadlineSeconds: 10, trueCosts: 0),
        JobSpec(requestID: 11, model: 1, arrivalSeconds: 0.5, deadlineSeconds: 2.5, trueCosts: 1, frameIndex: 4),
        JobSpec(requestID: 12, model: 1, arrivalSeconds: 0.7, deadlineSeconds: 3, trueCosts: 1, droppedOnArrival: true),
    ]
    let recorder = ChromeTraceRecorder(modelNames: catalog.modelNames, platform: platform)
    var simulator = Simulator(catalog: catalog, platform: platform, scheduler: FCFS(),
                              source: ListSource(jobs), settings: SimulationSettings(checkInvariants: true))
    simulator.observer = recorder
    _ = try simulator.run()
    return recorder
}

@Suite("Chrome trace recorder and reader")
struct ChromeTraceTests {
    @Test func traceStructureAndCounts() throws {
        let recorder = try recordHandMadeRun()
        let json = recorder.json()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        #expect(root["displayTimeUnit"] as? String == "ms")
        func count(_ phase: String, _ name: String? = nil) -> Int {
            events.filter { $0["ph"] as? String == phase && (name == nil || $0["name"] as? String == name) }.count
        }
        #expect(count("M") == 5)  // process_name, jobs name + sort index, acc0 name + sort index
        #expect(count("X") == 3)
        #expect(count("i", "arrival") == 2)
        #expect(count("i", "drop") == 1)
        #expect(count("i", "deadline miss") == 1)
        #expect(events.count == 12)

        let threadNames = events.filter { $0["name"] as? String == "thread_name" }
            .compactMap { ($0["tid"] as? Int, ($0["args"] as? [String: Any])?["name"] as? String) }
        #expect(threadNames.map(\.0) == [0, 1])
        #expect(threadNames.map(\.1) == ["jobs", "acc0 (WS)"])

        let layers = events.filter { $0["ph"] as? String == "X" }
        #expect(layers.map { $0["ts"] as? Double } == [0, 1_000_000, 2_000_000])
        #expect(layers.map { $0["dur"] as? Double } == [1_000_000, 1_000_000, 1_000_000])
        #expect(layers.map { $0["tid"] as? Int } == [1, 1, 1])
        #expect(layers.map { $0["name"] as? String } == ["a", "a", "b"])
        let bArgs = try #require(layers[2]["args"] as? [String: Any])
        #expect(bArgs["job"] as? Int == 11)
        #expect(bArgs["model"] as? String == "b")
        #expect(bArgs["frame"] as? Int == 4)
        #expect(bArgs["layer"] as? Int == 0)
        #expect(bArgs["deadline"] as? Double == 2_500_000)
        #expect((layers[1]["args"] as? [String: Any])?["layer"] as? Int == 1)

        let miss = try #require(events.first { $0["name"] as? String == "deadline miss" })
        #expect(miss["tid"] as? Int == 1)
        #expect(miss["ts"] as? Double == 3_000_000)
        #expect(miss["s"] as? String == "t")
        #expect((miss["args"] as? [String: Any])?["late_by"] as? Double == 500_000)
        let drop = try #require(events.first { $0["name"] as? String == "drop" })
        #expect(drop["tid"] as? Int == 0)
        #expect(drop["ts"] as? Double == 700_000)
        #expect((drop["args"] as? [String: Any])?["job"] as? Int == 12)
    }

    @Test func oneTrackPerAccelerator() throws {
        let platform = Platform(name: "pair", accelerators: [Accelerator(name: "fast", dataflow: "WS"),
                                                             Accelerator(name: "slow", dataflow: "OS")])
        let table = CostTable(layerCount: 1, acceleratorCount: 2, latencySeconds: [1, 2])
        let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [table])
        let jobs = (0..<2).map { JobSpec(requestID: $0, model: 0, arrivalSeconds: 0, deadlineSeconds: 5, trueCosts: 0) }
        let recorder = ChromeTraceRecorder(modelNames: ["m"], platform: platform, recordsArrivals: false)
        var simulator = Simulator(catalog: catalog, platform: platform, scheduler: FCFS(), source: ListSource(jobs))
        simulator.observer = recorder
        _ = try simulator.run()
        let timeline = try ChromeTraceReader.parse(data: Data(recorder.json().utf8), source: "t.json")
        #expect(timeline.rows.map(\.name) == ["fast (WS)", "slow (OS)"])
        #expect(timeline.bars.map(\.row) == [0, 1])
        #expect(timeline.bars.map(\.endSeconds) == [1, 2])
        #expect(timeline.markers.isEmpty)
        #expect(timeline.title == "pair")
    }

    @Test func readerRoundTripsTheRecorder() throws {
        let recorder = try recordHandMadeRun()
        let direct = recorder.timeline()
        let read = try ChromeTraceReader.parse(data: Data(recorder.json().utf8), source: "t.json")
        #expect(read.rows == direct.rows)
        #expect(read.bars.count == direct.bars.count)
        for (a, b) in zip(read.bars, direct.bars) {
            #expect(a.row == b.row && a.model == b.model && a.job == b.job && a.layer == b.layer)
            #expect(abs(a.startSeconds - b.startSeconds) < 1e-9 && abs(a.endSeconds - b.endSeconds) < 1e-9)
        }
        #expect(read.markers.map(\.kind) == direct.markers.map(\.kind))
        #expect(read.markers.map(\.row) == direct.markers.map(\.row))
    }

    @Test func sameRunSameBytes() throws {
        #expect(try recordHandMadeRun().json() == recordHandMadeRun().json())
    }

    @Test func readerErrors() throws {
        #expect(throws: InputError.self) { try ChromeTraceReader.parse(data: Data("nope".utf8), source: "x") }
        let missing = try #require(throws: InputError.self) { try ChromeTraceReader.parse(data: Data("{}".utf8), source: "x") }
        #expect(missing.field == "traceEvents")
        let noDur = try #require(throws: InputError.self) {
            try ChromeTraceReader.parse(data: Data(#"[{"ph":"X","ts":1,"tid":1}]"#.utf8), source: "x")
        }
        #expect(noDur.field == "traceEvents[0]")
        // The bare array form works.
        let bare = try ChromeTraceReader.parse(data: Data(#"[{"ph":"X","ts":1000,"dur":500,"tid":3,"name":"k"}]"#.utf8), source: "x")
        #expect(bare.rows.map(\.name) == ["thread 3"])
        #expect(bare.bars.first?.model == "k")
    }
}

@Suite("Gantt chart")
struct GanttChartTests {
    @Test func drawsRowsBarsAndMarkers() throws {
        let timeline = try recordHandMadeRun().timeline(title: "hand-made")
        let svg = try GanttChart.svg(timeline)
        let xml = try #require(XMLCheck.parse(svg))
        // A's two layers join into one bar; B is another: 2 bars, each with a tooltip.
        let bars = xml.attributes.filter { $0.0 == "rect" && $0.1["height"] == "24" }
        #expect(bars.count == 2)
        #expect(svg.contains("<title>a job 10: 0.000–2000.000 ms</title>"))
        #expect(svg.contains("<title>b job 11: 2000.000–3000.000 ms</title>"))
        #expect(svg.contains("deadline miss: b job 11 at 3000.000 ms"))
        #expect(svg.contains(">drops</text>"))
        #expect(svg.contains(">time (ms)</text>"))
        #expect(svg.contains(">acc0 (WS)</text>"))
    }

    @Test func windowClipsBars() throws {
        let timeline = try recordHandMadeRun().timeline()
        let svg = try GanttChart.svg(timeline, fromSeconds: 1.5, toSeconds: 2.5)
        #expect(svg.contains("<title>a job 10: 1500.000–2000.000 ms</title>"))
        #expect(svg.contains("<title>b job 11: 2000.000–2500.000 ms</title>"))
        #expect(!svg.contains("deadline miss:"))  // the miss at 3 s is outside
        #expect(!svg.contains(">drops</text>"))    // the drop at 0.7 s is outside
        #expect(throws: InputError.self) { try GanttChart.svg(timeline, fromSeconds: 2, toSeconds: 1) }
    }

    /// Bars on one row: job 1 [0,1) and [1,2) join; job 2 [2,3) stays apart; two slivers of
    /// model m narrower than half a pixel (1 px = 1 s here) fold into one.
    @Test func coalescing() {
        let bars = [
            Timeline.Bar(row: 0, startSeconds: 0, endSeconds: 1, model: "m", job: 1),
            Timeline.Bar(row: 0, startSeconds: 1, endSeconds: 2, model: "m", job: 1),
            Timeline.Bar(row: 0, startSeconds: 2, endSeconds: 3, model: "m", job: 2),
            Timeline.Bar(row: 0, startSeconds: 5, endSeconds: 5.1, model: "m", job: 3),
            Timeline.Bar(row: 0, startSeconds: 5.1, endSeconds: 5.2, model: "m", job: 4),
            Timeline.Bar(row: 1, startSeconds: 0, endSeconds: 1, model: "m", job: 1),
        ]
        let result = GanttChart.coalesce(bars, from: 0, to: 10, pixelsPerSecond: 1)
        #expect(result.map(\.startSeconds) == [0, 2, 5, 0])
        #expect(result.map(\.endSeconds) == [2, 3, 5.2, 1])
        #expect(result.map(\.job) == [1, 2, -1, 1])
    }
}
