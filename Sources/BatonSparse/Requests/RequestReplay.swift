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
            let model = models[m]
            guard row.input >= 0, row.input < model.inputCount else {
                throw InputError(.file, line: i + 2, field: "input",
                                 "input \(row.input) is out of range for model '\(row.model)' (0...\(model.inputCount - 1))")
            }
            jobs.append(JobSpec(requestID: i, model: m, arrivalSeconds: row.arrivalSeconds,
                                deadlineSeconds: row.deadlineSeconds, priority: row.priority,
                                trueCosts: model.inputTables[row.input], patternEstimate: model.patternEstimate,
                                architectureEstimate: model.architectureEstimate,
                                observedRatios: model.ratioTables[row.input]))
        }
        return jobs
    }
}

/// A request table replayed straight from its file: rows are read as the simulation needs them,
/// so memory does not grow with the table. Row `i` (0-based) becomes request `i`, as in
/// `SparseWorkload.makeJobs`.
///
/// The engine's job sources cannot throw: the first invalid row ends the stream and is kept in
/// `failure`; a caller must check it after the simulation (`finish()` does).
public struct RequestTableSource: JobSource {
    private let reader: RequestTableReader
    private let workload: SparseWorkload
    private var peeked: JobSpec?
    private var peekedLine = 0
    private let state: State

    final class State {
        var failure: (any Error)?
        var lastLine = 0
    }

    /// Opens the table and reads its first row.
    /// - Throws: `InputError` for an unreadable file, a bad header or a bad first row.
    public init(path: String, workload: SparseWorkload) throws {
        reader = try RequestTableReader(path: path, workload: workload)
        self.workload = workload
        state = State()
        peeked = try reader.next().map { job($0, id: 0) }
        peekedLine = reader.line
    }

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

    /// Rows read so far.
    public var count: Int { reader.count }
    /// The latest arrival read so far (seconds).
    public var lastArrivalSeconds: Double { reader.lastArrivalSeconds }
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
        do {
            peeked = try reader.next().map { job($0, id: reader.count - 1) }
            peekedLine = reader.line
        } catch {
            state.failure = error
            peeked = nil
        }
        return current
    }

    private func job(_ row: RequestTableReader.Row, id: Int) -> JobSpec {
        let model = workload.models[row.model]
        return JobSpec(requestID: id, model: row.model, arrivalSeconds: row.arrivalSeconds,
                       deadlineSeconds: row.deadlineSeconds, priority: row.priority,
                       trueCosts: model.inputTables[row.input], patternEstimate: model.patternEstimate,
                       architectureEstimate: model.architectureEstimate,
                       observedRatios: model.ratioTables[row.input])
    }
}
