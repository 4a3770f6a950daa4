import BatonCore
import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

/// A small synthetic sweep: 3 rates x 2 schedulers x 2 seeds = 12 points.
let smallSweepYAML = """
    name: small
    study: synthetic
    fixed: {jobs: 40}
    grid:
      rate: [100, 200, 300]
      scheduler: [edf, fcfs]
    seeds: 2
    """

/// A runner that fails on one rate and otherwise echoes the rate.
struct FailingRunner: SweepPointRunner {
    var study: String { "synthetic" }
    func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let rate = try point.double("rate")
        if rate == 200 { throw InputError(.limit, "overloaded") }
        return [("echo", .double(rate))]
    }
}

/// A runner whose metric collides with a parameter name.
struct CollidingRunner: SweepPointRunner {
    var study: String { "synthetic" }
    func run(_ point: SweepPoint) throws -> [(String, ResultValue)] { [("rate", 1)] }
}

@Suite("Sweep executor")
struct SweepExecutorTests {
    let spec: SweepSpec

    init() throws { spec = try SweepSpec.parse(text: smallSweepYAML, source: "small.yaml") }

    @Test func writesResultsManifestAndCopy() throws {
        let dir = try makeTemporaryDirectory()
        let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2, command: "baton sweep small.yaml")
        #expect(summary == SweepRunSummary(pointsTotal: 12, pointsSelected: 12, alreadyDone: 0, ran: 12,
                                           droppedPartialLine: false, foreignLines: 0, resultsPath: dir + "/results.jsonl"))
        let lines = try readText(dir + "/results.jsonl").split(separator: "\n").map(String.init)
        #expect(lines.count == 12)
        let keys = try lines.map { line in
            let fields = try JSONLineParser.parse(line)
            #expect(fields.map(\.0) == ["point", "jobs", "rate", "scheduler", "seed"] + SyntheticSweepRunner.metricNames)
            return try #require(fields.first?.1.description)
        }
        #expect(keys == keys.sorted(by: SweepPointKey.precedes))
        #expect(Set(keys) == Set(spec.points().map(\.key)))
        #expect(try readText(dir + "/sweep.yaml") == smallSweepYAML)
        #expect(try readText(dir + "/manifest.json") == """
            {
              "command": "baton sweep small.yaml",
              "baton_version": "\(BatonVersion.current)",
              "sweep": "small",
              "study": "synthetic",
              "points_total": 12,
              "shard": null,
              "points_selected": 12,
              "seeds": [1, 2],
              "results": "results.jsonl"
            }

            """)
    }

    /// The set of lines, and after the final sort the bytes, do not depend on --jobs.
    @Test func parallelismDoesNotChangeResults() throws {
        let one = try makeTemporaryDirectory(), three = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: one, jobs: 1)
        _ = try SweepExecutor.run(spec: spec, outDirectory: three, jobs: 3)
        #expect(try readText(one + "/results.jsonl") == readText(three + "/results.jsonl"))
    }

    @Test func resumeSkipsDoneAndDropsPartialLine() throws {
        let dir = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2)
        let complete = try readText(dir + "/results.jsonl")
        var lines = complete.split(separator: "\n").map(String.init)
        // Keep 9 lines, in shuffled order, then half a line (an interrupted write).
        lines = Array(lines.prefix(9)).reversed()
        let interrupted = lines.joined(separator: "\n") + "\n" + "{\"point\":\"jobs=40;ra"
        try writeText(interrupted, dir + "/results.jsonl")
        let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2)
        #expect(summary.alreadyDone == 9)
        #expect(summary.ran == 3)
        #expect(summary.droppedPartialLine)
        #expect(try readText(dir + "/results.jsonl") == complete)
        // Nothing left to do: a third run runs nothing and changes nothing.
        let again = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2)
        #expect(again.ran == 0 && again.alreadyDone == 12)
        #expect(try readText(dir + "/results.jsonl") == complete)
    }

    @Test func resumeAcceptsCompleteLastLineWithoutNewline() throws {
        let dir = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1)
        let complete = try readText(dir + "/results.jsonl")
        let lines = complete.split(separator: "\n").map(String.init)
        try writeText(lines.prefix(5).joined(separator: "\n"), dir + "/results.jsonl")  // no final newline
        let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1)
        #expect(summary.alreadyDone == 5 && summary.ran == 7 && !summary.droppedPartialLine)
        #expect(try readText(dir + "/results.jsonl") == complete)
    }

    @Test func corruptMiddleLineIsAnError() throws {
        let dir = try makeTemporaryDirectory()
        try writeText("{\"point\":\"a\"}\nnot json\n{\"point\":\"b\"}\n", dir + "/results.jsonl")
        let error = try #require(throws: InputError.self) { try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1) }
        #expect(error.file == dir + "/results.jsonl")
        #expect(error.line == 2)
    }

    @Test func noResumeStartsAfresh() throws {
        let dir = try makeTemporaryDirectory()
        try writeText("{\"point\":\"stale\"}\n", dir + "/results.jsonl")
        let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2, resume: false)
        #expect(summary.ran == 12 && summary.foreignLines == 0)
        #expect(!(try readText(dir + "/results.jsonl")).contains("stale"))
    }

    /// A line whose key is not a point of this sweep (an edited sweep file, another sweep's line)
    /// is an error naming the file and line (issue 12; such lines were formerly kept).
    @Test func foreignLinesAreAnError() throws {
        let dir = try makeTemporaryDirectory()
        try writeText("{\"point\":\"zzz=1\",\"x\":1}\n", dir + "/results.jsonl")
        let error = try #require(throws: InputError.self) { try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2) }
        #expect(error.file == dir + "/results.jsonl" && error.line == 1 && error.field == "point")
        #expect(error.message.contains("is not a point of the sweep"))
    }

    /// Shard i/3 holds the points with index mod 3 == i; together they are the whole sweep.
    @Test func shardsPartitionThePoints() throws {
        let full = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: full, jobs: 2)
        var shardDirs: [String] = []
        var seen: [String] = []
        for i in 0..<3 {
            let dir = try makeTemporaryDirectory()
            let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2, shard: try SweepShard(index: i, count: 3))
            #expect(summary.pointsSelected == 4)
            let keys = try SweepResultsFile.read(path: dir + "/results.jsonl").lines.map(\.key)
            let expected = spec.points().filter { $0.index % 3 == i }.map(\.key)
            #expect(Set(keys) == Set(expected))
            #expect(try readText(dir + "/manifest.json").contains("\"shard\": \"\(i)/3\""))
            seen += keys
            shardDirs.append(dir)
        }
        #expect(seen.count == 12 && Set(seen).count == 12)
        let merged = try makeTemporaryDirectory()
        let summary = try SweepMerge.merge(inputs: shardDirs.reversed(), outDirectory: merged)
        #expect(summary.points == 12 && summary.missing == 0 && summary.duplicatesRemoved == 0)
        #expect(try readText(merged + "/results.jsonl") == readText(full + "/results.jsonl"))
        #expect(try readText(merged + "/sweep.yaml") == smallSweepYAML)
    }

    @Test func failingPointStopsTheSweepAndNamesTheKey() throws {
        let dir = try makeTemporaryDirectory()
        let registry = SweepRunnerRegistry([FailingRunner()])
        let error = try #require(throws: InputError.self) {
            try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1, registry: registry)
        }
        // Points in order: rate=100 (4 points) run, then the first rate=200 point fails.
        #expect(error.kind == .limit)
        #expect(error.message == "point jobs=40;rate=200;scheduler=edf;seed=1: overloaded")
        let lines = try SweepResultsFile.read(path: dir + "/results.jsonl").lines
        #expect(lines.count == 4)
    }

    @Test func metricNamedLikeAParameterIsAnError() throws {
        let dir = try makeTemporaryDirectory()
        let error = try #require(throws: InputError.self) {
            try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2, registry: SweepRunnerRegistry([CollidingRunner()]))
        }
        #expect(error.field == "rate")
    }

    /// A known study whose runner a registry lacks (the standard registry has every study's).
    @Test func studyWithoutRunner() throws {
        let rtmm = try SweepSpec.parse(text: "name: r\nstudy: rtmm\n", source: "r.yaml")
        let error = try #require(throws: InputError.self) {
            try SweepExecutor.run(spec: rtmm, outDirectory: try makeTemporaryDirectory(), jobs: 1,
                                  registry: SweepRunnerRegistry([SyntheticSweepRunner()]))
        }
        #expect(error.description.contains("no sweep runner"))
    }

    @Test func invalidPointsAreRejectedBeforeAnyRun() throws {
        let bad = try SweepSpec.parse(text: "name: b\nstudy: synthetic\ngrid:\n  rate: [10, -1]\n", source: "b.yaml")
        let dir = try makeTemporaryDirectory()
        let error = try #require(throws: InputError.self) { try SweepExecutor.run(spec: bad, outDirectory: dir, jobs: 1) }
        #expect(error.line == 4 && error.field == "rate")
        #expect(!FileManager.default.fileExists(atPath: dir + "/results.jsonl"))
    }
}

/// Lets the first two points wait for each other: with two worker threads both arrive and
/// both report `together = 1`; a serial executor would leave the first one waiting until the
/// (generous) time-out and report 0.
final class MeetingPoint: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0

    func meet(expected: Int, timeoutSeconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        while arrived < expected {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }
}

struct MeetingRunner: SweepPointRunner {
    let meeting = MeetingPoint()
    var study: String { "synthetic" }
    func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let rate = try point.int("rate")
        guard rate == 100 else { return [("together", -1)] }
        return [("together", .int(meeting.meet(expected: 2, timeoutSeconds: 60) ? 1 : 0))]
    }
}

@Suite("Sweep executor parallelism")
struct SweepParallelismTests {
    /// Points with rate 100 are indices 0...3; the first two are handed to the two threads at
    /// once, meet, and both finish; the other two find the meeting already complete.
    @Test func twoJobsRunTwoPointsAtOnce() throws {
        let spec = try SweepSpec.parse(text: smallSweepYAML, source: "small.yaml")
        let dir = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 2, registry: SweepRunnerRegistry([MeetingRunner()]))
        let table = try ResultFileReader.read(path: dir + "/results.jsonl")
        let together = (0..<table.rows.count).compactMap { table.value($0, "together") }
        #expect(together.filter { $0 == .int(1) }.count == 4)
        #expect(together.filter { $0 == .int(0) }.isEmpty)
    }
}
