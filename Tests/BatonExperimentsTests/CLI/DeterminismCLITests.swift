import BatonTestSupport
import Foundation
import Testing

/// The same command twice gives byte-identical output: every built-in experiment in its quick
/// form (names taken from `baton experiment --list`), `baton reproduce --quick`, and the sparse
/// commands that write files. Each command runs twice in its own scratch folder; the standard
/// output and every file written must match byte for byte.
@Suite("Determinism of the baton command")
struct DeterminismCLITests {
    /// Experiment names from `baton experiment --list --format csv` (first column, header skipped).
    static let experiments: [String] = {
        guard let outcome = try? BatonProcess.run(["experiment", "--list", "--format", "csv"]),
              outcome.exitCode == 0 else { return [] }
        return outcome.stdout.split(separator: "\n").dropFirst().compactMap {
            $0.split(separator: ",", maxSplits: 1).first.map(String.init)
        }
    }()

    @Test func theExperimentListIsNotEmpty() {
        #expect(Self.experiments.count >= 5, "baton experiment --list gave \(Self.experiments)")
        #expect(Set(Self.experiments).count == Self.experiments.count)
    }

    @Test("Each experiment's quick form is byte-identical across runs", arguments: experiments)
    func experimentIsDeterministic(_ name: String) async throws {
        try await expectIdenticalRuns(["experiment", name, "--quick", "--format", "csv", "--quiet", "--out", "@out"], label: name)
    }

    @Test func reproduceIsDeterministic() async throws {
        try await expectIdenticalRuns(["reproduce", "--quick", "--quiet"], label: "reproduce")
    }

    @Test func sparseCommandsAreDeterministic() async throws {
        try await expectIdenticalRuns(["run", "--requests", "150", "--seeds", "2", "--schedulers", "fcfs,prema,dysta",
                                       "--format", "csv", "--quiet"], label: "run")
        try await expectIdenticalRuns(["benchmark", "generate", "--pool", "cnn", "--inputs", "3", "--out", "@out"], label: "benchmark")
        try await expectIdenticalRuns(["requests", "generate", "--pool", "attention", "--inputs", "5", "--rate", "30",
                                       "--requests", "200", "--out", "@out.csv"], label: "requests", printsOutput: false)
    }

    /// Runs `arguments` twice at the same time, each in a fresh scratch folder (`@` in an argument
    /// is replaced by that folder's path plus "/"), and expects exit 0, the same standard output
    /// (with the folder path normalised; non-empty if `printsOutput`) and the same files with the
    /// same bytes, none of them a leftover temporary file.
    func expectIdenticalRuns(_ arguments: [String], label: String, printsOutput: Bool = true) async throws {
        let folders = (0..<2).map {
            URL(fileURLWithPath: ScratchSpace.root).appendingPathComponent("determinism-\(label)-\($0)")
        }
        for folder in folders {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        let runs = folders.map { folder in arguments.map { $0.replacingOccurrences(of: "@", with: folder.path + "/") } }
        async let first = BatonProcess.run(runs[0])
        async let second = BatonProcess.run(runs[1])
        let outcomes = try await [first, second]
        var outputs: [String] = []
        var trees: [[String: Data]] = []
        for (run, outcome) in outcomes.enumerated() {
            #expect(outcome.exitCode == 0, "\(label) run \(run): \(outcome.stderr)")
            outputs.append(outcome.stdout.replacingOccurrences(of: folders[run].path, with: "FOLDER"))
            // Files may record the command line (manifest.json), which names the run's own folder.
            trees.append(Self.contents(of: folders[run]).mapValues {
                Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: folders[run].path, with: "FOLDER").utf8)
            })
        }
        #expect(outputs[0].isEmpty != printsOutput, "\(label): unexpected output: \(outputs[0].prefix(200))")
        #expect(outputs[0] == outputs[1], "\(label): standard output differs between two runs")
        #expect(trees[0].keys.sorted() == trees[1].keys.sorted(), "\(label): different files written")
        for (path, bytes) in trees[0] {
            #expect(trees[1][path] == bytes, "\(label): \(path) differs between two runs")
            #expect(!path.hasSuffix(".partial"), "\(label): temporary file \(path) left behind")
        }
    }

    /// Every regular file under `folder`, by relative path.
    static func contents(of folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }
}
