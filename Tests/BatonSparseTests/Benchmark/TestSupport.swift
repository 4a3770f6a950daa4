import BatonTestSupport
import BatonCore
import Foundation
@testable import BatonSparse

/// Helpers shared by the sparse-benchmark tests.
enum Fixtures {
    /// Absolute path of a file under the test target's Fixtures folder.
    static func path(_ relative: String) -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            return "Fixtures/" + relative
        }
        return url.path + "/" + relative
    }

    /// The bytes of a fixture as text ("" if missing, which makes the comparing test fail).
    static func text(_ relative: String) -> String {
        guard let data = FileManager.default.contents(atPath: path(relative)) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A fresh, empty scratch directory for one test (named after the process and the test).
    static func scratchDirectory(_ name: String) -> String {
        (try? ScratchSpace.directory("sparse-\(name)")) ?? ScratchSpace.root + "/sparse-\(name)"
    }

    /// The two golden trace files as a benchmark.
    static func tinyBenchmark(_ options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseBenchmark {
        try SparseBenchmark.load(directory: path("traces"), options: options)
    }
}

/// Parses a trace text and returns the error it throws (nil if it parses).
func traceError(_ text: String, stem: String = "net_unstructured_sparse20",
                options: SparseBenchmarkOptions = SparseBenchmarkOptions()) -> InputError? {
    do {
        _ = try TraceFile.parse(text: text, stem: stem, source: stem + ".csv", options: options)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        return InputError(.file, "unexpected error type: \(error)")
    }
}

/// |a - b| <= tolerance * max(1, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}
