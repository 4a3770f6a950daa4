#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// A one-line progress display for long sweeps: points done / total, rate and time left, redrawn
/// in place on standard error. It is silent unless enabled (by default only when standard error is
/// a terminal and `--quiet` is off), and never writes to standard output, so results stay
/// byte-identical whatever it shows. Safe to call from several threads.
public final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    /// Whether anything is written.
    public let isEnabled: Bool
    private let write: @Sendable (String) -> Void
    private var total = 0
    private var done = 0
    private var started = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var lastLength = 0

    /// - Parameters:
    ///   - label: shown first on the line (e.g. the sweep name).
    ///   - enabled: draw at all.
    ///   - write: where text goes (standard error by default).
    public init(label: String, enabled: Bool,
                write: @escaping @Sendable (String) -> Void = ProgressReporter.writeToStandardError) {
        self.label = label
        self.isEnabled = enabled
        self.write = write
    }

    /// A reporter that draws only when standard error is a terminal and `quiet` is false.
    public static func standardError(label: String, quiet: Bool) -> ProgressReporter {
        ProgressReporter(label: label, enabled: !quiet && isatty(2) != 0)
    }

    /// Starts counting `total` units of work (already-done work is not included in the rate).
    public func start(total: Int) {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        done = 0
        started = .now
        lastDraw = nil
        draw(force: true)
    }

    /// Records `count` more finished units.
    public func advance(by count: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        done += count
        draw(force: done >= total)
    }

    /// Sets the absolute progress (`done` of `total`), for callers that count it themselves.
    public func update(done: Int, total: Int) {
        lock.lock(); defer { lock.unlock() }
        if self.total != total { self.total = total }
        self.done = done
        draw(force: done >= total)
    }

    /// Draws the final state and ends the line.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard isEnabled else { return }
        draw(force: true)
        write("\n")
    }

    private func draw(force: Bool) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        if !force, let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let elapsed = now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let text = ProgressReporter.line(label: label, done: done, total: total, elapsedSeconds: seconds)
        let padding = String(repeating: " ", count: max(0, lastLength - text.count))
        lastLength = text.count
        write("\r" + text + padding)
    }

    /// The progress line: "label  done/total (percent)  rate/s  time left".
    public static func line(label: String, done: Int, total: Int, elapsedSeconds: Double) -> String {
        let percent = total > 0 ? 100 * Double(done) / Double(total) : 100
        var text = "\(label)  \(done)/\(total) (\(formatOneDecimal(percent))%)"
        if done > 0, elapsedSeconds > 0 {
            let rate = Double(done) / elapsedSeconds
            text += "  \(formatOneDecimal(rate))/s"
            if done < total { text += "  \(duration(Double(total - done) / rate)) left" }
        }
        return text
    }

    /// "m:ss" or "h:mm:ss".
    public static func duration(_ seconds: Double) -> String {
        let whole = max(0, Int(saturating: seconds, rounding: .up))  // an estimate may be infinite
        let (h, m, s) = (whole / 3600, (whole / 60) % 60, whole % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }

    private static func formatOneDecimal(_ value: Double) -> String {
        let tenths = Int(saturating: value * 10, rounding: .toNearestOrAwayFromZero)
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Writes text to standard error, unbuffered.
    public static let writeToStandardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }
}
