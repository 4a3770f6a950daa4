import BatonCore
import Foundation

/// What a sweep run did.
public struct SweepRunSummary: Sendable, Equatable {
    /// Points in the whole sweep.
    public var pointsTotal: Int
    /// Points of the selected shard (all points without a shard).
    public var pointsSelected: Int
    /// Selected points found in an earlier results file and skipped.
    public var alreadyDone: Int
    /// Points run now.
    public var ran: Int
    /// An interrupted write had left a partial last line, which was removed.
    public var droppedPartialLine: Bool
    /// Lines in the results file whose key is not a point of this sweep (kept as they are).
    public var foreignLines: Int
    /// Path of results.jsonl.
    public var resultsPath: String
}

/// A point that failed, with its key.
public struct SweepPointFailure: Error, CustomStringConvertible, Sendable {
    public var key: String
    public var message: String
    public var description: String { "error: point \(key): \(message)" }
}

/// Runs the points of a sweep, in parallel, appending one line per finished point to
/// DIR/results.jsonl, and resuming from what an earlier run left there.
///
/// Output: DIR/sweep.yaml (the spec's text), DIR/manifest.json and DIR/results.jsonl. Lines are
/// appended (by one writer, under a lock) as points finish, so their order depends on timing; when
/// every selected point has finished the file is rewritten sorted by point key, so a complete run
/// gives the same bytes whatever `jobs` is. The first failing point stops the hand-out of new
/// points; points already running finish and are kept; the error is thrown after.
public enum SweepExecutor {
    /// Default parallelism: every active core.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs a sweep.
    /// - Parameters:
    ///   - jobs: points run at once (threads), at least 1.
    ///   - shard: only the points of this shard (nil: all).
    ///   - resume: skip points already in DIR/results.jsonl; false starts the file afresh.
    ///   - progress: progress display (nil: none).
    ///   - registry: the runners by study.
    ///   - command: the command line, recorded in the manifest.
    public static func run(spec: SweepSpec, outDirectory: String, jobs: Int = defaultJobs, shard: SweepShard? = nil,
                           resume: Bool = true, progress: ProgressReporter? = nil,
                           registry: SweepRunnerRegistry = .standard, command: String = "baton sweep") throws -> SweepRunSummary {
        guard jobs >= 1 else { throw InputError(.flag, field: "--jobs", "--jobs must be at least 1") }
        let runner = try registry.runner(for: spec.study, source: spec.source)
        let points = spec.points()
        for point in points { try runner.check(point) }
        let pointParameters = SweepPointParameters(sweepName: spec.name, points: points)  // checks results lines
        let selected = shard.map { s in points.filter { s.contains($0.index) } } ?? points

        try createDirectory(outDirectory)
        let lock = try SweepLock.acquire(directory: outDirectory)  // one run per folder (issue 12)
        defer { lock.release() }
        let resultsPath = joinPath(outDirectory, SweepResultsFile.fileName)
        var doneKeys = Set<String>()
        var droppedPartial = false
        var existing: [SweepResultLine] = []
        var earlier: SweepResultsFile.Contents?
        if resume, FileManager.default.fileExists(atPath: resultsPath) {
            let contents = try SweepResultsFile.read(path: resultsPath)
            // Every line is checked before anything is written or run: metrics present, a point
            // of this sweep, no key twice with different results.
            existing = try SweepResultsFile.validate(contents.lines, path: resultsPath, points: pointParameters)
            droppedPartial = contents.droppedPartialLine
            doneKeys = Set(existing.map(\.key))
            earlier = contents
        }
        try writeTextFileAtomically(spec.text, to: joinPath(outDirectory, "sweep.yaml"))
        let manifest = SweepManifest(command: command, spec: spec, shard: shard, pointsSelected: selected.count)
        try writeTextFileAtomically(manifest.json(), to: joinPath(outDirectory, SweepManifest.fileName))

        if let earlier {
            try repairTail(path: resultsPath, earlier)
        } else {
            try writeTextFileAtomically("", to: resultsPath)
        }
        let allKeys = Set(points.map(\.key))
        let foreign = existing.filter { !allKeys.contains($0.key) }.count  // 0: `validate` refuses them
        let pending = selected.filter { !doneKeys.contains($0.key) }

        guard let handle = FileHandle(forWritingAtPath: resultsPath) else {
            throw InputError(.file, file: resultsPath, "cannot open results file for appending")
        }
        var closed = false
        defer { if !closed { try? handle.close() } }
        try handle.seekToEnd()
        // Lines are appended by one writer (under the queue's lock) as points finish.
        let queue = PointWorkQueue(points: pending, work: { point in
            try SweepResultLine.format(point: point, metrics: runner.run(point))
        }, deliver: { _, line in
            try handle.write(contentsOf: Data((line + "\n").utf8))
        })
        progress?.start(total: pending.count)
        queue.runWorkers(min(jobs, max(1, pending.count)), progress: progress)
        progress?.finish()
        closed = true
        do {
            try handle.close()  // checked: a failed close may lose appended lines
        } catch {
            throw InputError(.file, file: resultsPath, "cannot close the results file: \(error.localizedDescription)")
        }
        if let failure = queue.firstFailure { throw failure }

        try sortResultsFile(resultsPath, points: pointParameters)
        return SweepRunSummary(pointsTotal: points.count, pointsSelected: selected.count,
                               alreadyDone: selected.count - pending.count, ran: pending.count,
                               droppedPartialLine: droppedPartial, foreignLines: foreign, resultsPath: resultsPath)
    }

    /// Cuts a partial last line and adds a missing final newline, so appends start on a new line.
    static func repairTail(path: String, _ contents: SweepResultsFile.Contents) throws {
        guard contents.droppedPartialLine || contents.missingFinalNewline else { return }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError(.file, file: path, "cannot open results file to repair its last line")
        }
        defer { try? handle.close() }
        do {
            try handle.truncate(atOffset: UInt64(contents.completeByteCount))
            if contents.missingFinalNewline {
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("\n".utf8))
            }
        } catch {
            throw InputError(.file, file: path, "cannot repair the results file: \(error.localizedDescription)")
        }
    }

    /// Rewrites a results file sorted by point key (atomically), each line once and checked.
    static func sortResultsFile(_ path: String, points: SweepPointParameters? = nil) throws {
        let contents = try SweepResultsFile.read(path: path)
        let lines = try SweepResultsFile.validate(contents.lines, path: path, points: points)
        try writeTextFileAtomically(SweepResultsFile.text(SweepResultsFile.sortedByKey(lines)), to: path)
    }
}

