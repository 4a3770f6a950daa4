import BatonTestSupport
import BatonCore
import BatonPolicies
import Foundation
import Testing
@testable import BatonSparse

/// Replaying a request table streamed from its file gives exactly the jobs (and the schedule) of
/// replaying the table read whole; a bad row ends the stream with that row's error.
@Suite("Request table replayed streamed")
struct RequestTableSourceTests {
    static func workload() throws -> SparseWorkload {
        try SparseBenchmark.generate(pool: .attention, inputsPerFile: 12, seed: 3).makeCatalog(compatibility: .none)
    }

    static func scratch(_ text: String) throws -> String {
        let path = ScratchSpace.uniqueFile("replay", suffix: ".csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// 400 requests at utilisation 0.9 (seed 2), and the file holding them.
    static func table400(_ workload: SparseWorkload) throws -> (table: RequestTable, path: String) {
        let table = try RequestGenerator.generate(workload: workload, count: 400, rate: .utilisation(0.9), sloMultiplier: 10, seed: 2)
        return (table, try scratch(table.csv()))
    }

    /// `table` written with an unknown model in data row 299 (line 301); the file's path.
    static func badModelAtLine301(_ table: RequestTable) throws -> String {
        var text = table.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = text[300].split(separator: ",").map(String.init)
        fields[1] = "no-such-model"
        text[300] = fields.joined(separator: ",")
        return try scratch(text.joined(separator: "\n"))
    }

    /// Takes every job of `source` (the table of `badModelAtLine301`): the 299 rows before the bad
    /// one, then the stream ends with the bad row's error (file, line 301, field `model`).
    static func expectStopsAtLine301(_ source: inout RequestTableSource, path: String) throws {
        var taken = 0
        while source.next() != nil { taken += 1 }
        #expect(taken == 299)
        let error = try #require(source.failure as? InputError)
        #expect(error.line == 301 && error.field == "model" && error.file == path)
    }

    @Test("The stream emits the jobs of the whole table, in order")
    func sameJobs() throws {
        let workload = try Self.workload()
        let (table, path) = try Self.table400(workload)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = try RequestTableSource(path: path, workload: workload)
        var streamed: [JobSpec] = []
        while let time = source.nextReadyTime() {
            let next = source.next()
            let job = try #require(next)
            #expect(job.readySeconds == time)
            streamed.append(job)
        }
        try source.finish()
        #expect(streamed == (try workload.makeJobs(table)))
        #expect(source.count == 400)
        #expect(source.lastArrivalSeconds == table.rows.last!.arrivalSeconds)
    }

    /// Read ahead in batches of 7 rows (two waiting at most): the same jobs, lines and errors
    /// across many batches, a bad row in a late batch included.
    @Test("Rows read ahead in small batches are the table's, in order")
    func smallBatches() throws {
        let workload = try Self.workload()
        let (table, path) = try Self.table400(workload)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = try RequestTableSource(path: path, workload: workload, batchRows: 7, maxBatches: 2)
        var streamed: [JobSpec] = []
        var lines: [Int] = []
        while let job = source.next() {
            streamed.append(job)
            lines.append(source.lastLine)
        }
        try source.finish()
        #expect(streamed == (try workload.makeJobs(table)))
        #expect(lines == Array(2...401))  // the header is line 1
        #expect(source.count == 400 && source.lastArrivalSeconds == table.rows.last!.arrivalSeconds)

        let badPath = try Self.badModelAtLine301(table)
        defer { try? FileManager.default.removeItem(atPath: badPath) }
        var bad = try RequestTableSource(path: badPath, workload: workload, batchRows: 7, maxBatches: 2)
        try Self.expectStopsAtLine301(&bad, path: badPath)
    }

    /// A table whose rows after the first are fewer than a batch is read when opened, on the
    /// caller's thread: no reading thread starts, and the jobs, lines and errors are the same.
    @Test("A table of one batch is read without a thread")
    func oneBatchNoThread() throws {
        let workload = try Self.workload()
        let (table, path) = try Self.table400(workload)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var source = try RequestTableSource(path: path, workload: workload, batchRows: 400, maxBatches: 2)
        #expect(source.prefetcher == nil)
        var streamed: [JobSpec] = []
        while let job = source.next() { streamed.append(job) }
        try source.finish()
        #expect(streamed == (try workload.makeJobs(table)))
        #expect(source.lastLine == 401 && source.count == 400)
        // A batch as long as the rows after the first: the table's end is not seen yet, a thread
        // reads on (and finds it).
        let longer = try RequestTableSource(path: path, workload: workload, batchRows: 399, maxBatches: 2)
        #expect(longer.prefetcher != nil)

        let badPath = try Self.badModelAtLine301(table)
        defer { try? FileManager.default.removeItem(atPath: badPath) }
        var bad = try RequestTableSource(path: badPath, workload: workload)
        #expect(bad.prefetcher == nil)
        try Self.expectStopsAtLine301(&bad, path: badPath)
    }

    /// A replay that stops early (the engine's limit) leaves the reading thread blocked on a full
    /// queue; releasing the source stops it (its prefetcher is then released too).
    @Test("The reading thread stops when a replay ends early")
    func earlyStopEndsTheReader() async throws {
        let workload = try Self.workload()
        let table = try RequestGenerator.generate(workload: workload, count: 2_000, rate: .perSecond(1e6), sloMultiplier: 10, seed: 1)
        let path = try Self.scratch(table.csv())
        defer { try? FileManager.default.removeItem(atPath: path) }
        weak var prefetcher: RequestPrefetcher?
        do {
            let source = try RequestTableSource(path: path, workload: workload, batchRows: 5, maxBatches: 1)
            prefetcher = source.prefetcher
            #expect(prefetcher != nil)  // 2,000 rows in batches of 5: a reading thread runs
            #expect(throws: InputError.self) {
                _ = try simulate(try PolicyRegistry.builtIn.make("fcfs"), catalog: workload.catalog, source: source,
                                 settings: SimulationSettings(maxJobsInSystem: 3))
            }
        }
        // Liveness, not speed: the thread ends at its next batch; wait for it (up to a minute).
        var waited = 0
        while prefetcher != nil && waited < 60_000 {
            try await Task.sleep(nanoseconds: 1_000_000)
            waited += 1
        }
        #expect(prefetcher == nil)
    }

    @Test("Streamed and whole replays give identical results", arguments: ["fcfs", "prema", "dysta"])
    func sameResults(scheduler: String) throws {
        let workload = try Self.workload()
        let table = try RequestGenerator.generate(workload: workload, count: 300, rate: .utilisation(0.95), sloMultiplier: 5, seed: 4)
        let path = try Self.scratch(table.csv())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try simulate(try PolicyRegistry.builtIn.make(scheduler), catalog: workload.catalog,
                                 source: ListSource(try workload.makeJobs(table)))
        let streamed = try simulate(try PolicyRegistry.builtIn.make(scheduler), catalog: workload.catalog,
                                    source: try RequestTableSource(path: path, workload: workload))
        #expect(streamed.metrics.antt == whole.metrics.antt)
        #expect(streamed.metrics.violationRate == whole.metrics.violationRate)
        #expect(streamed.metrics.completed == 300)
    }

    @Test("A bad row in the middle fails the replay with its line and field")
    func badRowFails() throws {
        let workload = try Self.workload()
        let table = try RequestGenerator.generate(workload: workload, count: 50, rate: .perSecond(20), sloMultiplier: 10, seed: 1)
        var lines = table.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[31].split(separator: ",").map(String.init)  // data row 30 is line 32
        fields[2] = "-1"  // priority
        lines[31] = fields.joined(separator: ",")
        let path = try Self.scratch(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var plan = SparseRunPlan(workload: .pool(.attention, inputsPerFile: 12, benchmarkSeed: 3))
        plan.schedulers = ["fcfs"]
        plan.load = .requestTables(paths: [path])
        plan.seeds = [1]
        do {
            _ = try SparseStudy.simulateOne(plan, workload: workload)
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.line == 32)
            #expect(error.field == "priority")
            #expect(error.file == path)
        }
    }

    /// Ten requests at t = 0 with room for three jobs: the engine's limit (which knows no file)
    /// is reported at the table's line of the fourth row, line 5 after the header.
    @Test("The jobs-in-system limit names the table and the row")
    func limitNamesTheRow() throws {
        let workload = try Self.workload()
        let table = try RequestGenerator.generate(workload: workload, count: 10, rate: .perSecond(20), sloMultiplier: 10, seed: 1)
        let lines = table.csv().split(separator: "\n").enumerated().map { k, line -> String in
            guard k > 0 else { return String(line) }
            var fields = line.split(separator: ",").map(String.init)
            fields[0] = "0"
            return fields.joined(separator: ",")
        }
        let path = try Self.scratch(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try RequestTableSource(path: path, workload: workload)
        do {
            _ = try simulate(try PolicyRegistry.builtIn.make("fcfs"), catalog: workload.catalog, source: source,
                             settings: SimulationSettings(maxJobsInSystem: 3))
            Issue.record("no error")
        } catch {
            let located = try #require(source.locating(error) as? InputError)
            #expect(located.kind == .limit)
            #expect(located.file == path)
            #expect(located.line == 5)
        }
    }
}
