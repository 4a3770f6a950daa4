import BatonCore
import Foundation
import Testing
@testable import BatonExperiments

/// A sweep's output folder cannot be corrupted by a second run, and every line is checked on
/// resume and merge (issue 12, class 5).
@Suite("Sweep output robustness")
struct SweepOutputRobustnessTests {
    let spec: SweepSpec
    init() throws { spec = try SweepSpec.parse(text: smallSweepYAML, source: "small.yaml") }

    /// A complete run's line for one point, to build damaged files from.
    func completeLines() throws -> [String] {
        let dir = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + SweepLock.fileName))  // released
        return try readText(dir + "/results.jsonl").split(separator: "\n").map(String.init)
    }

    /// A lock held by a live process (this one) stops a second run, naming the holder; nothing
    /// in the folder changes.
    @Test func aHeldLockStopsASecondRun() throws {
        let dir = try makeTemporaryDirectory()
        let lock = try SweepLock.acquire(directory: dir)
        defer { lock.release() }
        let error = try #require(throws: InputError.self) { try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1) }
        #expect(error.kind == .flag && error.field == "--out")
        #expect(error.message.contains("in use by another run (pid \(getpid()) host "))
        #expect(error.hint?.contains(SweepLock.fileName) == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [SweepLock.fileName])
    }

    /// A lock left by a process of this host that no longer exists is taken over.
    @Test func aStaleLockOfThisHostIsTakenOver() throws {
        let dir = try makeTemporaryDirectory()
        // Process ids are below 2^22 on Linux; this one does not exist.
        try writeText("pid 2147483646 host \(SweepLock.hostName) since 2020-01-01T00:00:00Z\n", dir + "/" + SweepLock.fileName)
        let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1)
        #expect(summary.ran == 12)
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + SweepLock.fileName))
    }

    /// A lock of another host is never taken over.
    @Test func aLockOfAnotherHostIsKept() throws {
        let dir = try makeTemporaryDirectory()
        try writeText("pid 1 host elsewhere.example since 2020-01-01T00:00:00Z\n", dir + "/" + SweepLock.fileName)
        let error = try #require(throws: InputError.self) { try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1) }
        #expect(error.message.contains("host elsewhere.example"))
    }

    /// Damaged middle lines: a key without metrics, a key twice with different results. Each is
    /// an error naming the file and line; resume does not run or sort anything.
    @Test func damagedLinesAreRefusedOnResume() throws {
        let lines = try completeLines()
        let key = String(lines[3].prefix { $0 != "," }) + "}"  // {"point":"..."} only
        var different = lines[5]
        different = different.replacingOccurrences(of: "\"completed\":", with: "\"completed\":1")
        let cases: [(text: [String], line: Int, fragment: String)] = [
            (Array(lines[0..<3]) + [key] + Array(lines[4...]), 4, "has no metrics"),
            (Array(lines[0..<6]) + [different] + Array(lines[6...]), 7, "also has different results on line 6"),
            (Array(lines[0..<2]) + ["{\"point\":\"rate=100\",\"x\":1}"] + Array(lines[2...]), 3, "is not a point of the sweep"),
        ]
        for (text, line, fragment) in cases {
            let dir = try makeTemporaryDirectory()
            let body = text.joined(separator: "\n") + "\n"
            try writeText(body, dir + "/results.jsonl")
            let error = try #require(throws: InputError.self) { try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1) }
            #expect(error.file == dir + "/results.jsonl" && error.line == line, "\(fragment)")
            #expect(error.message.contains(fragment))
            #expect(try readText(dir + "/results.jsonl") == body)  // left as it was
            // merge names the same line (with the sweep file beside the results, as a sweep leaves it)
            try writeText(smallSweepYAML, dir + "/sweep.yaml")
            let merged = try makeTemporaryDirectory()
            let mergeError = try #require(throws: InputError.self) { try SweepMerge.merge(inputs: [dir], outDirectory: merged) }
            #expect(mergeError.line == line, "\(fragment)")
        }
    }

    /// A line written twice (identical) is kept once, on resume and in the sorted file.
    @Test func identicalRepeatsAreKeptOnce() throws {
        let lines = try completeLines()
        let dir = try makeTemporaryDirectory()
        try writeText((lines + [lines[2]]).joined(separator: "\n") + "\n", dir + "/results.jsonl")
        let summary = try SweepExecutor.run(spec: spec, outDirectory: dir, jobs: 1)
        #expect(summary.ran == 0 && summary.alreadyDone == 12)
        #expect(try readText(dir + "/results.jsonl") == lines.joined(separator: "\n") + "\n")
    }

    /// Merging a sweep's own output (complete or partial, once or twice) always succeeds and
    /// gives the same sorted file.
    @Test func mergeOfOwnOutputAlwaysSucceeds() throws {
        let full = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: full, jobs: 2)
        let partial = try makeTemporaryDirectory()
        _ = try SweepExecutor.run(spec: spec, outDirectory: partial, jobs: 1, shard: try SweepShard(index: 1, count: 2))
        let merged = try makeTemporaryDirectory()
        let summary = try SweepMerge.merge(inputs: [full, partial, full], outDirectory: merged)
        #expect(summary.points == 12 && summary.missing == 0 && summary.duplicatesRemoved == 18)
        #expect(try readText(merged + "/results.jsonl") == readText(full + "/results.jsonl"))
        let again = try makeTemporaryDirectory()
        _ = try SweepMerge.merge(inputs: [merged], outDirectory: again)
        #expect(try readText(again + "/results.jsonl") == readText(full + "/results.jsonl"))
    }

    /// `--shard I/N` with a different `--shards M` is refused; the same N is accepted.
    @Test func contradictoryShardFlagsAreRefused() throws {
        let error = try #require(throws: InputError.self) { try SweepShard.resolve(explicit: "1/4", shards: 3, environment: [:]) }
        #expect(error.field == "--shards" && error.message.contains("disagree"))
        #expect(try SweepShard.resolve(explicit: "1/4", shards: 4, environment: [:]) == SweepShard(index: 1, count: 4))
    }

    /// Key parsing used to tell parameters from metrics when no sweep file is known.
    @Test func keyParameterNames() {
        #expect(SweepPointKey.parameterNames("jobs=40;rate=100;scheduler=edf") == ["jobs", "rate", "scheduler"])
        #expect(SweepPointKey.parameterNames("name=a\\;b=c;x=1") == ["name", "x"])
        #expect(SweepPointKey.parameterNames("not a key") == nil)
    }
}

/// Bounded resources (issue 12, class 8): inputs beyond what fits the budget are refused up
/// front, large tables are streamed.
@Suite("Resource bounds")
struct ResourceBoundTests {
    /// A trace file over the timeline's bound is a limit error before it is read (a sparse file:
    /// no disk space is used).
    @Test func aTraceOverTheBoundIsRefusedUnread() throws {
        let path = try makeTemporaryDirectory() + "/huge.json"
        FileManager.default.createFile(atPath: path, contents: Data("[".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(ChromeTraceReader.maxTraceBytes + 1))
        try handle.close()
        let error = try #require(throws: InputError.self) { try ChromeTraceReader.read(path: path) }
        #expect(error.kind == .limit && error.exitCode == 67)
        #expect(error.message.contains("beyond the limit of \(ChromeTraceReader.maxTraceBytes)"))
    }

    /// The streamed prefix of a results file: the first rows, and every row counted (blank lines
    /// are not rows), for CSV and JSON lines, with and without a final newline.
    @Test func prefixReadsTheFirstRowsAndCountsTheRest() throws {
        let dir = try makeTemporaryDirectory()
        let csv = "a,b\n" + (1...2500).map { "\($0),x\n" }.joined() + "\n"
        try writeText(csv, dir + "/t.csv")
        let prefix = try ResultFileReader.readPrefix(path: dir + "/t.csv", maxRows: 1000)
        #expect(prefix.table.rows.count == 1000 && prefix.totalRows == 2500)
        #expect(prefix.table.rows.last?.first == .int(1000))
        let jsonl = (1...30).map { "{\"k\":\($0)}" }.joined(separator: "\n")
        try writeText(jsonl, dir + "/t.jsonl")
        let small = try ResultFileReader.readPrefix(path: dir + "/t.jsonl", maxRows: 10)
        #expect(small.table.rows.count == 10 && small.totalRows == 30)
        let whole = try ResultFileReader.readPrefix(path: dir + "/t.jsonl", maxRows: 100)
        #expect(whole.table.rows.count == 30 && whole.totalRows == 30)
    }
}
