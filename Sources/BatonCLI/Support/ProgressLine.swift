import BatonCore
import BatonExperiments
import Foundation

/// A one-line progress display on standard error ("runs 12/40, 3.1/s, 9 s left"), for terminals.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let startNanoseconds = MonotonicClock.nanoseconds()
    private var lastDraw = 0.0
    private let lock = NSLock()

    init(label: String) { self.label = label }

    /// Reports `done` of `total` units finished.
    func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Double(MonotonicClock.nanoseconds() - startNanoseconds) * 1e-9
        guard done == total || elapsed - lastDraw >= 0.2 else { return }
        lastDraw = elapsed
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text = "\(label) \(done)/\(total), \(ResultTable.formatFixed(rate, digits: 1))/s, \(Int(left.rounded())) s left"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    /// Clears the line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

