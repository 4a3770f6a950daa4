import BatonCore
import Foundation

/// The one way Baton runs a grid of points: `baton run`, `rtmm run`, every experiment and every
/// sweep expand to `SweepPoint`s and run here, on `jobs` threads, with results in point order (so
/// the output is the same for any `jobs`). `SweepExecutor` adds the results file, resuming and
/// sharding on top of the same queue.
public enum GridRunner {
    /// Applies `work` to every point, `jobs` at a time, and returns the results in point order.
    /// - Throws: the error of the lowest-index point that failed (no new point starts after a failure).
    public static func map<Result: Sendable>(_ points: [SweepPoint], jobs: Int = 1, progress: ProgressReporter? = nil,
                                             _ work: @escaping @Sendable (SweepPoint) throws -> Result) throws -> [Result] {
        guard jobs >= 1 else { throw InputError(.flag, field: "--jobs", "--jobs must be at least 1") }
        let results = ResultSlots<Result>(count: points.count)
        let queue = PointWorkQueue(points: points, work: work, deliver: { index, result in results.store(result, at: index) })
        progress?.start(total: points.count)
        queue.runWorkers(min(jobs, max(1, points.count)), progress: progress)
        progress?.finish()
        if let failure = queue.firstFailure { throw failure }
        return results.values()
    }

    /// Runs `runner` on every point: each point's metrics, in point order.
    public static func run(_ points: [SweepPoint], runner: any SweepPointRunner, jobs: Int = 1,
                           progress: ProgressReporter? = nil) throws -> [[(String, ResultValue)]] {
        try map(points, jobs: jobs, progress: progress) { try runner.run($0) }
    }
}

/// Result storage indexed by point (written under the queue's lock).
final class ResultSlots<Result>: @unchecked Sendable {
    private var slots: [Result?]
    init(count: Int) { slots = [Result?](repeating: nil, count: count) }
    func store(_ result: Result, at index: Int) { slots[index] = result }
    func values() -> [Result] { slots.map { $0! } }
}

/// The shared state of a parallel run of points: the next point to hand out, one delivery at a
/// time (under the lock), failures.
final class PointWorkQueue<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private let points: [SweepPoint]
    private let work: (SweepPoint) throws -> Result
    private let deliver: (Int, Result) throws -> Void
    private var next = 0
    private var failures: [(index: Int, error: any Error)] = []

    init(points: [SweepPoint], work: @escaping (SweepPoint) throws -> Result, deliver: @escaping (Int, Result) throws -> Void) {
        self.points = points
        self.work = work
        self.deliver = deliver
    }

    /// Runs `workers` threads (the calling thread alone when 1) until the points run out or one fails.
    func runWorkers(_ workers: Int, progress: ProgressReporter?) {
        if workers <= 1 {
            drain(progress)
            return
        }
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                drain(progress)
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// The failure of the lowest-index point that failed, with its key.
    var firstFailure: (any Error)? {
        lock.lock(); defer { lock.unlock() }
        guard let first = failures.min(by: { $0.index < $1.index }) else { return nil }
        let key = points[first.index].key
        if var input = first.error as? InputError {
            if !key.isEmpty { input.message = "point \(key): " + input.message }
            return input
        }
        if first.error is InvariantViolation { return first.error }
        return SweepPointFailure(key: key, message: String(describing: first.error))
    }

    private func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard failures.isEmpty, next < points.count else { return nil }
        next += 1
        return next - 1
    }

    private func drain(_ progress: ProgressReporter?) {
        while let index = take() {
            do {
                let result = try work(points[index])
                lock.lock()
                defer { lock.unlock() }
                try deliver(index, result)
                progress?.advance()
            } catch {
                lock.lock()
                failures.append((index, error))
                lock.unlock()
            }
        }
    }
}
