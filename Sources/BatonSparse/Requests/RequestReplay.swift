import BatonCore

extension SparseWorkload {
    /// Turns a request table into jobs for the simulator: `requestID` = row index; the true costs,
    /// both estimate tables and the observed-ratio table are those of the row's model and input.
    /// - Throws: `InputError` if a row names an unknown model or an input the model does not have.
    public func makeJobs(_ table: RequestTable) throws -> [JobSpec] {
        var jobs: [JobSpec] = []
        jobs.reserveCapacity(table.rows.count)
        for (i, row) in table.rows.enumerated() {
            guard let m = modelIndex(named: row.model) else {
                throw unknownNameError("model", row.model, known: modelNames, kind: .file, line: i + 2, field: "model")
            }
            let inputCount = models[m].inputCount
            guard row.input >= 0, row.input < inputCount else {
                throw InputError(.file, line: i + 2, field: "input",
                                 "input \(row.input) is out of range for model '\(row.model)' (0...\(inputCount - 1))")
            }
            jobs.append(job(requestID: i, model: m, input: row.input, arrivalSeconds: row.arrivalSeconds,
                            deadlineSeconds: row.deadlineSeconds, priority: row.priority))
        }
        return jobs
    }
}

/// A request table replayed straight from its file: rows are read as the simulation needs them,
/// so memory does not grow with the table. Row `i` (0-based) becomes request `i`, as in
/// `SparseWorkload.makeJobs`. After the first row, the rows are read ahead on a thread of their
/// own (`RequestPrefetcher`, a few thousand at a time), so that reading overlaps the simulation;
/// the jobs, their order and every error are those of reading in turn.
///
/// The engine's job sources cannot throw: the first invalid row ends the stream and is kept in
/// `failure`; a caller must check it after the simulation (`finish()` does).
public struct RequestTableSource: JobSource {
    private let reader: RequestTableReader
    private var peeked: JobSpec?
    private var peekedLine = 0
    /// The batch being taken from, and the next position in it.
    private var batch = RequestPrefetcher.Batch()
    private var position = 0
    private let state: State

    /// What copies of the source share: the reading thread, and what the engine took.
    final class State {
        var failure: (any Error)?
        var lastLine = 0
        var taken = 0
        var lastArrivalSeconds = 0.0
        var prefetcher: RequestPrefetcher?
        /// The last copy gone (the replay ended, or stopped early): the reading thread stops.
        deinit { prefetcher?.cancel() }
    }

    /// Opens the table and reads its first row and the batch of rows after it (then the rest
    /// ahead, on their own thread, if the table goes on: a table shorter than a batch, 4,096 rows,
    /// starts no thread).
    /// - Throws: `InputError` for an unreadable file, a bad header or a bad first row.
    public init(path: String, workload: SparseWorkload) throws {
        try self.init(path: path, workload: workload, batchRows: 4096, maxBatches: 4)
    }

    /// `init(path:workload:)` reading ahead `maxBatches` batches of `batchRows` rows at most.
    init(path: String, workload: SparseWorkload, batchRows: Int, maxBatches: Int) throws {
        reader = try RequestTableReader(path: path, workload: workload)
        state = State()
        peeked = try reader.next().map { Self.job($0, id: 0, workload: workload) }
        peekedLine = reader.line
        guard peeked != nil else { return }
        batch = RequestPrefetcher.read(reader, workload: workload, rows: batchRows)
        if !batch.isLast {
            state.prefetcher = RequestPrefetcher(reader: reader, workload: workload, batchRows: batchRows, maxBatches: maxBatches)
        }
    }

    /// The reading thread's prefetcher (tests: it is released once that thread has ended).
    var prefetcher: RequestPrefetcher? { state.prefetcher }

    /// The line of the row the engine took last (0 before the first): where a limit was reached.
    public var lastLine: Int { state.lastLine }

    /// `error` with this table and the last row taken as its place, if it names none (the
    /// engine's limits, such as the jobs in the system, know no file).
    public func locating(_ error: any Error) -> any Error {
        guard var input = error as? InputError, input.file == nil else { return error }
        input.file = reader.source
        input.line = state.lastLine
        return input
    }

    /// Rows the engine took so far (the whole table once the stream has ended).
    public var count: Int { state.taken }
    /// The arrival of the row the engine took last, seconds (the table's latest once the stream
    /// has ended: arrivals are sorted).
    public var lastArrivalSeconds: Double { state.lastArrivalSeconds }
    /// The first invalid row, if the stream stopped at one.
    public var failure: (any Error)? { state.failure }

    /// Throws the error that ended the stream early, if any.
    public func finish() throws {
        if let failure = state.failure { throw failure }
    }

    public func nextReadyTime() -> Double? { peeked?.readySeconds }

    public mutating func next() -> JobSpec? {
        guard let current = peeked else { return nil }
        state.lastLine = peekedLine
        state.taken += 1
        state.lastArrivalSeconds = current.arrivalSeconds
        peekNext()
        return current
    }

    /// Moves `peeked` to the next row read ahead (nil at the table's end or its first invalid
    /// row, which is kept in `failure`).
    private mutating func peekNext() {
        while position >= batch.jobs.count {
            if batch.isLast {
                if let failure = batch.failure { state.failure = failure }
                peeked = nil
                return
            }
            guard let prefetcher = state.prefetcher else {
                peeked = nil
                return
            }
            batch = prefetcher.take()
            position = 0
        }
        peeked = batch.jobs[position]
        peekedLine = batch.lines[position]
        position += 1
    }

    /// The job of `row`, request `id`.
    static func job(_ row: RequestTableReader.Row, id: Int, workload: SparseWorkload) -> JobSpec {
        workload.job(requestID: id, model: row.model, input: row.input, arrivalSeconds: row.arrivalSeconds,
                     deadlineSeconds: row.deadlineSeconds, priority: row.priority)
    }
}
