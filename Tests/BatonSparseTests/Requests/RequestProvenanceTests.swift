import BatonTestSupport
import Foundation
import BatonExperiments
import BatonCore
import Testing
@testable import BatonSparse

@Suite("Request table provenance")
struct RequestProvenanceTests {
    static let made = RequestProvenance(workload: .pool(.attention, inputsPerFile: 200, benchmarkSeed: 1), mode: .dystaArtifact,
                                        load: .perSecond(30), sloMultiplier: 10, requests: 1000, seed: 7)

    /// The comment lines, and back: the same fields.
    @Test func roundTrip() throws {
        let text = Self.made.commentText
        #expect(text == """
            # generator: baton requests generate
            # baton_version: \(BatonVersion.current)
            # workload: pool attention
            # inputs: 200
            # benchmark_seed: 1
            # mode: dysta-artifact
            # rate: 30
            # slo: 10
            # requests: 1000
            # seed: 7

            """)
        let stream = CSVStream(text: text + "arrival_s,model\n# not,a comment here\n", source: "t.csv")
        let comments = try stream.readLeadingComments()
        try stream.readHeader(required: ["arrival_s", "model"])
        #expect(comments.count == 10 && stream.header == ["arrival_s", "model"])
        #expect(try stream.next() && stream.text(0) == "# not" && stream.line == 12)  // only leading lines are comments
        #expect(RequestProvenance(commentLines: comments) == Self.made)
        #expect(RequestProvenance(commentLines: ["#   utilization :0.9 ", "no colon", "# free text"])?.fields.map(\.value) == ["0.9"])
        #expect(RequestProvenance(commentLines: []) == nil)
    }

    /// Replay in another mode or on another workload names both; the same ones pass.
    @Test func replayChecks() throws {
        try Self.made.checkReplay(path: "r.csv", workload: .pool(.attention, inputsPerFile: 50, benchmarkSeed: 1), mode: .dystaArtifact)
        let mode = #expect(throws: InputError.self) {
            try Self.made.checkReplay(path: "r.csv", workload: .pool(.attention, inputsPerFile: 200, benchmarkSeed: 1), mode: .none)
        }
        #expect(mode?.message == "the table was generated in mode 'dysta-artifact' but this run is in mode 'none'")
        #expect(mode?.field == "--requests-csv" && mode?.file == "r.csv" && mode?.hint?.contains("--allow-provenance-mismatch") == true)
        let traces = #expect(throws: InputError.self) {
            try Self.made.checkReplay(path: "r.csv", workload: .traces(directory: "traces/"), mode: .dystaArtifact)
        }
        #expect(traces?.message == "the table was generated for 'pool attention' but this run replays it on 'traces traces'")
    }

    /// A table with provenance lines reads as without them; error lines count the comment lines.
    @Test func tablesWithCommentsParse() throws {
        let workload = try RequestTests.tinyWorkload()
        let csv = RequestTests.golden.csv()
        let table = try RequestTable.parse(text: Self.made.commentText + csv, source: "t.csv", workload: workload)
        #expect(table == RequestTests.golden)
        let broken = Self.made.commentText + "arrival_s,model,priority,input,deadline_s\n0.5,load_balance_tiny_test_128,3,1,x\n"
        let error = #expect(throws: InputError.self) { try RequestTable.parse(text: broken, source: "t.csv", workload: workload) }
        #expect(error?.line == 12 && error?.field == "deadline_s")  // 10 comment lines, the header, then the row
    }

    /// A sweep point replaying a table made in another mode is refused when the sweep is checked.
    @Test func sweepPointsCheckProvenance() throws {
        let path = ScratchSpace.uniqueFile("provenance", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (Self.made.commentText + RequestTests.golden.csv()).write(toFile: path, atomically: true, encoding: .utf8)
        let runner = SparseSweepRunner()
        func point(compat: String) -> SweepPoint {
            SweepPoint(index: 0, parameters: [
                SweepParameter(name: "pool", value: .text("attention")), SweepParameter(name: "inputs", value: .int(200)),
                SweepParameter(name: "scheduler", value: .text("fcfs")), SweepParameter(name: "requests_csv", value: .text(path)),
                SweepParameter(name: "compat", value: .text(compat)), SweepParameter(name: "seed", value: .int(1)),
            ])
        }
        try runner.check(point(compat: "dysta-artifact"))
        let error = #expect(throws: InputError.self) { try runner.check(point(compat: "none")) }
        #expect(error?.message.contains("mode 'dysta-artifact'") == true && error?.file == path)
        #expect(error?.hint == "regenerate the table for this sweep")
        // `baton run`'s runner: the same check, with its override flag named, and the override.
        var plan = SparseRunPlan()
        let runRunner = SparseStudy.runner(plan)
        let runError = #expect(throws: InputError.self) { try runRunner.check(point(compat: "none")) }
        #expect(runError?.hint?.contains("--allow-provenance-mismatch") == true)
        plan.allowProvenanceMismatch = true
        try SparseStudy.runner(plan).check(point(compat: "none"))
    }
}
