import BatonCore
import Foundation

/// Reads a request table's rows ahead of a replay on a thread of its own, in batches, so that
/// parsing and validating the file overlaps the simulation (on two cores a 10-million-row replay
/// no longer waits for the reader). The rows come out in file order, as `RequestTableReader` gives
/// them, with the same errors: the schedule and every message are those of reading in turn.
///
/// At most `maxBatches` batches of `batchRows` rows wait at a time (memory stays bounded whatever
/// the table's length). The thread ends at the table's end, at its first invalid row (whose error
/// ends the batches), or when `cancel` is called (the replay stopped early).
final class RequestPrefetcher: @unchecked Sendable {
    /// Rows made into jobs, with their lines; `failure` (the first invalid row) or the table's end
    /// after the last one when `isLast`.
    struct Batch {
        var jobs: [JobSpec] = []
        var lines: [Int] = []
        var failure: (any Error)?
        var isLast = false
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [Batch] = []
    private var cancelled = false
    // The producer's own (touched by its thread only, once started).
    private let reader: RequestTableReader
    private let workload: SparseWorkload
    private let batchRows: Int
    private let maxBatches: Int

    /// Starts reading the rows after those `reader` has read already.
    init(reader: RequestTableReader, workload: SparseWorkload, batchRows: Int = 4096, maxBatches: Int = 4) {
        precondition(batchRows > 0 && maxBatches > 0, "a prefetch needs room for a row")
        self.reader = reader
        self.workload = workload
        self.batchRows = batchRows
        self.maxBatches = maxBatches
        let thread = Thread { [self] in produce() }
        thread.name = "baton request reader"
        thread.start()
    }

    /// The next batch, in order (waits for the reading thread). After a batch with `isLast`, none.
    func take() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty { condition.wait() }
        let batch = ready.removeFirst()
        condition.signal()  // room for the reader
        return batch
    }

    /// Stops the reading thread (it ends at its next batch); batches not taken are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Reads up to `rows` rows from `reader` into a batch, on the caller's thread; the batch is the
    /// last if the table ended or a row was invalid (its error in `failure`).
    static func read(_ reader: RequestTableReader, workload: SparseWorkload, rows: Int) -> Batch {
        var batch = Batch()
        batch.jobs.reserveCapacity(rows)
        batch.lines.reserveCapacity(rows)
        do {
            while batch.jobs.count < rows {
                guard let row = try reader.next() else {
                    batch.isLast = true
                    break
                }
                batch.jobs.append(RequestTableSource.job(row, id: reader.count - 1, workload: workload))
                batch.lines.append(reader.line)
            }
        } catch {
            batch.failure = error
            batch.isLast = true
        }
        return batch
    }

    private func produce() {
        var finished = false
        while !finished {
            let batch = Self.read(reader, workload: workload, rows: batchRows)
            finished = batch.isLast
            condition.lock()
            while ready.count >= maxBatches && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            ready.append(batch)
            condition.signal()
            condition.unlock()
        }
    }
}
