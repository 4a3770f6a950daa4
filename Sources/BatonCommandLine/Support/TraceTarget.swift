import BatonCore
import BatonExperiments
import Foundation

/// Where `--trace` writes: one file (the first run's schedule), or an existing folder (one Chrome
/// trace per run, named `NNNN-<scheduler>-seed<seed>.json` in point order).
enum TraceTarget {
    case file(String)
    case folder(String)

    /// The target `path` names (a folder if it exists as one or ends with `/`).
    static func of(_ path: String) throws -> TraceTarget {
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError(.flag, field: "--trace", "the trace folder '\(path)' does not exist", hint: "create it first")
            }
            return .folder(path)
        }
        _ = try AtomicFile.checkDestination(path, field: "--trace")
        return .file(path)
    }

    /// Records `points` (all, or the first for a file) with `record(point, recorder)` and writes the traces.
    func write(points: [SweepPoint], modelNames: [String], platform: Platform,
               record: (SweepPoint, ChromeTraceRecorder) throws -> Void) throws {
        switch self {
        case .file(let path):
            guard let first = points.first else { return }
            let recorder = ChromeTraceRecorder(modelNames: modelNames, platform: platform)
            try record(first, recorder)
            try recorder.write(to: path)
        case .folder(let directory):
            for (i, point) in points.enumerated() {
                let recorder = ChromeTraceRecorder(modelNames: modelNames, platform: platform)
                try record(point, recorder)
                let scheduler = point.parameter("scheduler")?.value.description ?? "run"
                let seed = point.parameter("seed")?.value.description ?? "1"
                let number = String(repeating: "0", count: max(0, 4 - String(i).count)) + String(i)
                try recorder.write(to: (directory as NSString).appendingPathComponent("\(number)-\(scheduler)-seed\(seed).json"))
            }
        }
    }
}
