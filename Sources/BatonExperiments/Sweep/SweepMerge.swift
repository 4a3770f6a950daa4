import BatonCore
import Foundation

/// What a merge found.
public struct SweepMergeSummary: Sendable, Equatable {
    /// Distinct points written.
    public var points: Int
    /// Identical duplicate lines removed.
    public var duplicatesRemoved: Int
    /// Points of the sweep missing from every input (0 when no sweep.yaml was found).
    public var missing: Int
    /// The first few missing point keys.
    public var missingExamples: [String]
    /// Points of the sweep (nil when no input had a sweep.yaml).
    public var pointsTotal: Int?
    /// Partial last lines (interrupted writes) ignored in the inputs.
    public var partialLinesIgnored: Int
}

/// Merges the output directories of sharded (or repeated) sweep runs into one directory whose
/// results.jsonl is what a single unsharded run writes: every line once, sorted by point key.
public enum SweepMerge {
    /// Merges `inputs` (directories holding results.jsonl, or results files themselves) into
    /// `outDirectory` (results.jsonl, sweep.yaml when the inputs have one, manifest.json).
    /// - Throws: `InputError` (.file) when the inputs come from different sweep files, or when a
    ///   point has two different result lines (naming both files and lines).
    public static func merge(inputs: [String], outDirectory: String, command: String = "baton merge") throws -> SweepMergeSummary {
        guard !inputs.isEmpty else { throw InputError(.flag, "merge needs at least one input directory") }
        var isDirectory: ObjCBool = false  // the output path first, before reading any input
        if FileManager.default.fileExists(atPath: outDirectory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw InputError(.flag, file: outDirectory, field: "--out", "is a file, expected a directory")
        }
        var sweepText: (text: String, path: String)?
        var byKey: [String: (line: SweepResultLine, file: String)] = [:]
        var order: [String] = []
        var duplicates = 0
        var partial = 0
        var conflicts: [String] = []
        for input in inputs {
            let (resultsPath, directory) = locate(input)
            if let directory {
                let yamlPath = joinPath(directory, "sweep.yaml")
                if FileManager.default.fileExists(atPath: yamlPath) {
                    let text = try readTextFile(yamlPath, kind: .config)
                    if let sweepText, sweepText.text != text {
                        throw InputError(.file, file: yamlPath, "this sweep.yaml differs from \(sweepText.path)",
                                         hint: "merge only the outputs of one sweep file")
                    }
                    sweepText = sweepText ?? (text, yamlPath)
                }
            }
            let contents = try SweepResultsFile.read(path: resultsPath)
            if contents.droppedPartialLine { partial += 1 }
            // Each line checked (metrics present; a key twice in one file with different results);
            // lines of points outside the sweep are refused below, once the sweep file is known.
            let checked = try SweepResultsFile.validate(contents.lines, path: resultsPath, points: nil)
            duplicates += contents.lines.count - checked.count
            for line in checked {
                if let earlier = byKey[line.key] {
                    if earlier.line.text == line.text {
                        duplicates += 1
                    } else {
                        conflicts.append("\(resultsPath):\(line.lineNumber) and \(earlier.file):\(earlier.line.lineNumber) differ for point \(line.key)")
                    }
                } else {
                    byKey[line.key] = (line, resultsPath)
                    order.append(line.key)
                }
            }
        }
        if !conflicts.isEmpty {
            let shown = conflicts.prefix(5).joined(separator: "\n  ")
            throw InputError(.file, "\(conflicts.count) point(s) have conflicting results:\n  \(shown)",
                             hint: "a runner gave different results for the same point; rerun those points")
        }
        let keys = order.sorted(by: SweepPointKey.precedes)
        let lines = keys.compactMap { byKey[$0]?.line }

        var spec: SweepSpec?
        if let sweepText { spec = try SweepSpec.parse(text: sweepText.text, source: sweepText.path) }
        var missing: [String] = []
        if let spec {
            let expanded = spec.points()
            for point in expanded where byKey[point.key] == nil { missing.append(point.key) }
            // Every line is a point of the sweep, with the point's parameters (foreign lines are
            // an error naming file and line, as on resume). The points are expanded once, not per
            // line (which made a merge quadratic in the points).
            let points = SweepPointParameters(sweepName: spec.name, points: expanded)
            for key in order {
                guard let entry = byKey[key] else { continue }
                _ = try SweepResultsFile.validate([entry.line], path: entry.file, points: points)
            }
        }

        try createDirectory(outDirectory)
        let lock = try SweepLock.acquire(directory: outDirectory)
        defer { lock.release() }
        try writeTextFileAtomically(SweepResultsFile.text(lines), to: joinPath(outDirectory, SweepResultsFile.fileName))
        if let spec {
            try writeTextFileAtomically(spec.text, to: joinPath(outDirectory, "sweep.yaml"))
            let manifest = SweepManifest(command: command, spec: spec, shard: nil, pointsSelected: spec.pointCount, inputs: inputs)
            try writeTextFileAtomically(manifest.json(), to: joinPath(outDirectory, SweepManifest.fileName))
        }
        return SweepMergeSummary(points: lines.count, duplicatesRemoved: duplicates, missing: missing.count,
                                 missingExamples: Array(missing.prefix(5)), pointsTotal: spec?.pointCount,
                                 partialLinesIgnored: partial)
    }

    /// The results file and (for a directory) the directory of an input path.
    private static func locate(_ input: String) -> (results: String, directory: String?) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
            return (joinPath(input, SweepResultsFile.fileName), input)
        }
        let directory = (input as NSString).deletingLastPathComponent
        return (input, directory.isEmpty ? "." : directory)
    }
}
