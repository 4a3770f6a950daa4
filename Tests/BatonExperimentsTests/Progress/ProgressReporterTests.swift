import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

/// Collects what a reporter writes.
final class TextSink: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ text: String) { lock.lock(); parts.append(text); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
}

@Suite("Progress reporter")
struct ProgressReporterTests {
    /// 250 of 1000 in 10 s: 25 %, 25 points/s, 750 left -> 30 s -> "0:30 left".
    @Test func lineByHand() {
        #expect(ProgressReporter.line(label: "demo", done: 250, total: 1000, elapsedSeconds: 10)
                == "demo  250/1000 (25.0%)  25.0/s  0:30 left")
        #expect(ProgressReporter.line(label: "demo", done: 0, total: 10, elapsedSeconds: 0) == "demo  0/10 (0.0%)")
        #expect(ProgressReporter.line(label: "d", done: 10, total: 10, elapsedSeconds: 4) == "d  10/10 (100.0%)  2.5/s")
    }

    @Test func durations() {
        #expect(ProgressReporter.duration(5) == "0:05")
        #expect(ProgressReporter.duration(59.2) == "1:00")
        #expect(ProgressReporter.duration(3725) == "1:02:05")
    }

    @Test func silentWhenDisabled() {
        let sink = TextSink()
        let reporter = ProgressReporter(label: "x", enabled: false, write: { sink.append($0) })
        reporter.start(total: 3)
        reporter.advance()
        reporter.finish()
        #expect(sink.text.isEmpty)
    }

    /// Enabled: redraws in place with a carriage return, and ends the line when finished.
    @Test func drawsOneUpdatingLine() {
        let sink = TextSink()
        let reporter = ProgressReporter(label: "x", enabled: true, write: { sink.append($0) })
        reporter.start(total: 2)
        reporter.advance()
        reporter.advance()
        reporter.finish()
        let text = sink.text
        #expect(text.hasPrefix("\rx  0/2 (0.0%)"))
        #expect(text.contains("\rx  2/2 (100.0%)"))
        #expect(text.hasSuffix("\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
    }

    /// A sweep with a progress reporter writes the same results as one without.
    @Test func doesNotChangeResults() throws {
        let spec = try SweepSpec.parse(text: smallSweepYAML, source: "s.yaml")
        let a = try makeTemporaryDirectory(), b = try makeTemporaryDirectory()
        let sink = TextSink()
        _ = try SweepExecutor.run(spec: spec, outDirectory: a, jobs: 2,
                                  progress: ProgressReporter(label: "s", enabled: true, write: { sink.append($0) }))
        _ = try SweepExecutor.run(spec: spec, outDirectory: b, jobs: 2)
        #expect(try readText(a + "/results.jsonl") == readText(b + "/results.jsonl"))
        #expect(sink.text.contains("12/12"))
    }
}
