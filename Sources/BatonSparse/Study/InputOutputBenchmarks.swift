import BatonCore
import BatonExperiments
import BatonPolicies
import Foundation

/// Reading and writing speed of each file kind, and replaying a request table at scale.
/// Wall-clock figures; run them on a release build (`swift run -c release baton bench --only io`).
public enum InputOutputBenchmarks {
    /// MB/s (10^6 bytes per second, best of `repeats` passes, more for small files; per wall second and per CPU second of the
    /// measuring thread, which a busy machine does not distort) reading and writing Sanger and Eyeriss-V2
    /// trace folders, a request table (read whole, and streamed row by row as a replay does),
    /// a result table (CSV and JSON lines) and a Chrome trace. Files go to a temporary folder that
    /// is removed afterwards.
    public static func throughput(quick: Bool, repeats: Int = 3) throws -> ResultTable {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-io-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var table = ResultTable(columns: ["file_kind", "operation", "bytes", "rows", "seconds", "mb_per_second",
                                         "cpu_seconds", "mb_per_cpu_second"])
        func record(_ kind: String, _ operation: String, bytes: Int, rows: Int, seconds: (wall: Double, cpu: Double)) {
            table.append(row: [.text(kind), .text(operation), .int(bytes), .int(rows), .double(seconds.wall),
                               .double(Double(bytes) / seconds.wall / 1e6), .double(seconds.cpu),
                               .double(Double(bytes) / seconds.cpu / 1e6)])
        }
        // Best of `repeats`, by wall time and by this thread's CPU time (one core); a small file
        // (a few milliseconds) is read again until 0.1 s has passed (at most 100 times), so that
        // one slow pass does not decide its figure.
        func best(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
            var fastest = (wall: Double.infinity, cpu: Double.infinity)
            var passes = 0, spent = 0.0
            while passes < repeats || (spent < 0.1 && passes < 100) {
                let time = try MonotonicClock.measureWithCPU(body)
                fastest = (min(fastest.wall, time.wall), min(fastest.cpu, time.cpu))
                passes += 1
                spent += time.wall
            }
            return fastest
        }

        // Trace folders of both formats.
        let inputs = quick ? 50 : 400
        for (pool, kind) in [(SparsePool.attention, "trace-sanger"), (SparsePool.cnn, "trace-eyeriss-v2")] {
            let benchmark = try SparseBenchmark.generate(pool: pool, inputsPerFile: inputs, seed: 1)
            let directory = folder + "/" + kind
            var paths: [String] = []
            let writeSeconds = try best { paths = try benchmark.write(to: directory) }
            let bytes = try paths.reduce(0) { $0 + (try InputFile.size($1)) }
            let rows = benchmark.models.reduce(0) { $0 + $1.layerCount * $1.inputs.count }
            record(kind, "write", bytes: bytes, rows: rows, seconds: writeSeconds)
            let parseSeconds = try best { for path in paths { _ = try TraceFile.read(path: path) } }
            record(kind, "read (files)", bytes: bytes, rows: rows, seconds: parseSeconds)
            let readSeconds = try best { _ = try SparseBenchmark.load(directory: directory) }
            record(kind, "read (+ benchmark)", bytes: bytes, rows: rows, seconds: readSeconds)
        }

        // A request table on the attention pool.
        let workload = try SparseStudy.loadWorkload(SparseRunPlan())
        let requests = quick ? 20_000 : 200_000
        let requestTable = try RequestGenerator.generate(workload: workload, count: requests, rate: .utilisation(0.9),
                                                         sloMultiplier: 10, seed: 1)
        let requestPath = folder + "/requests.csv"
        let writeSeconds = try best { try requestTable.write(to: requestPath) }
        let requestBytes = try InputFile.size(requestPath)
        record("request-table", "write", bytes: requestBytes, rows: requests, seconds: writeSeconds)
        let readSeconds = try best { _ = try RequestTable.read(path: requestPath, workload: workload) }
        record("request-table", "read (whole table)", bytes: requestBytes, rows: requests, seconds: readSeconds)
        let streamSeconds = try best {
            let reader = try RequestTableReader(path: requestPath, workload: workload)
            while try reader.next() != nil {}
        }
        record("request-table", "read (streamed rows)", bytes: requestBytes, rows: requests, seconds: streamSeconds)

        // A result table (the shape of `baton run --per-seed` rows) and a Chrome trace.
        var results = ResultTable(columns: ["scheduler", "rate", "seed", "violation_rate", "antt", "stp", "latency_p99_s"])
        var random = SeededRandom(seed: 5)
        for i in 0..<(quick ? 20_000 : 200_000) {
            results.append(row: [.text(["fcfs", "dysta", "prema"][i % 3]), .double(10 + Double(i % 4) * 10), .int(i % 5 + 1),
                                 .double(random.nextUnit()), .double(1 + random.nextUnit()), .double(30 * random.nextUnit()),
                                 .double(random.nextUnit())])
        }
        var csvBytes = 0
        let csvSeconds = try best { let text = results.csv(); csvBytes = text.utf8.count; try AtomicFile.write(text, to: folder + "/results.csv") }
        record("result-table", "write (CSV)", bytes: csvBytes, rows: results.rows.count, seconds: csvSeconds)
        var jsonBytes = 0
        let jsonSeconds = try best { let text = results.jsonLines(); jsonBytes = text.utf8.count; try AtomicFile.write(text, to: folder + "/results.jsonl") }
        record("result-table", "write (JSON lines)", bytes: jsonBytes, rows: results.rows.count, seconds: jsonSeconds)
        // As `baton report`, `plot` and `merge` read them: into typed cells.
        let readResults = try best { _ = try ResultFileReader.read(path: folder + "/results.csv") }
        record("result-table", "read (CSV)", bytes: csvBytes, rows: results.rows.count, seconds: readResults)
        let readJSONResults = try best { _ = try ResultFileReader.read(path: folder + "/results.jsonl") }
        record("result-table", "read (JSON lines)", bytes: jsonBytes, rows: results.rows.count, seconds: readJSONResults)

        let recorder = ChromeTraceRecorder(modelNames: workload.modelNames, platform: .single())
        let stream = try RequestStream(workload: workload, count: quick ? 2_000 : 20_000, rate: .utilisation(0.9),
                                       sloMultiplier: 10, seed: 1)
        let run = try simulate(try PolicyRegistry.builtIn.make("fcfs"), catalog: workload.catalog, source: stream, observer: recorder)
        var traceBytes = 0
        let traceSeconds = try best { let text = recorder.json(); traceBytes = text.utf8.count; try AtomicFile.write(text, to: folder + "/trace.json") }
        record("chrome-trace", "write", bytes: traceBytes, rows: run.metrics.acceleratorLayers.reduce(0, +), seconds: traceSeconds)
        return table
    }

    /// Writes a `requests`-row request table (streamed to a temporary file), then replays it with
    /// `scheduler` straight from the file; reports both times and the process's peak memory.
    public static func replay(requests: Int, scheduler: String = "fcfs") throws -> ResultTable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-replay-bench-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workload = try SparseStudy.loadWorkload(SparseRunPlan())
        let writeSeconds = try MonotonicClock.measure {
            try RequestGenerator.write(workload: workload, count: requests, rate: .utilisation(0.9), sloMultiplier: 10,
                                       seed: 1, to: path)
        }
        let bytes = try InputFile.size(path)
        var plan = SparseRunPlan()
        plan.schedulers = [scheduler]
        plan.load = .requestTables(paths: [path])
        plan.seeds = [1]
        var record: SparseRunRecord?
        let replaySeconds = try MonotonicClock.measure {
            record = try SparseStudy.simulateOne(plan, workload: workload)
        }
        var table = ResultTable(columns: ["benchmark", "requests", "bytes", "write_seconds", "replay_seconds",
                                         "replay_mb_per_second", "peak_rss_mb", "violation_rate"])
        table.append(row: [.text("replay \(scheduler) from a request table (streamed)"), .int(record!.requests), .int(bytes),
                           .double(writeSeconds), .double(replaySeconds), .double(Double(bytes) / replaySeconds / 1e6),
                           .double(Double(PeakMemory.residentBytes()) / 1_048_576), .double(record!.violationRate)])
        return table
    }
}
