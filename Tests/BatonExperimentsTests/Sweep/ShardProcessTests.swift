import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

/// The built `baton` executable, if it exists and has the `sweep` and `merge` subcommands.
enum BatonBinary {
    /// Where `swift build` / `swift test` put the executable: next to the test bundle, or in the
    /// package's .build/debug.
    static let candidates: [String] = {
        var paths = [Bundle.main.bundleURL.appendingPathComponent("baton").path,
                     Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("baton").path]
        var root = testSourceDirectory()
        for _ in 0..<2 { root = (root as NSString).deletingLastPathComponent }
        paths.append(root + "/.build/debug/baton")
        return paths
    }()

    static let path: String? = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The executable, when `baton sweep --help` documents `--shard` (the lead wires the
    /// subcommands into main.swift; until then this is nil and the process test is skipped).
    static let sweepCapable: String? = {
        guard let path else {
            print("note: no baton executable found (looked in \(candidates.joined(separator: ", "))); skipping process tests")
            return nil
        }
        guard let result = try? run(path, ["sweep", "--help"]), result.status == 0, result.output.contains("--shard") else {
            print("note: \(path) has no 'sweep' subcommand yet; skipping the multi-process shard test")
            return nil
        }
        return path
    }()

    /// Runs the executable and returns its exit status and standard output + error.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("Sharded sweep across processes")
struct ShardProcessTests {
    /// Three `baton sweep --shard i/3` processes run at once, `baton merge` joins them, and the
    /// merged results equal an in-process unsharded run byte for byte.
    @Test(.enabled(if: BatonBinary.sweepCapable != nil, "needs a baton executable with the sweep subcommand"))
    func shardsInSeparateProcessesMergeToTheSingleRun() throws {
        let baton = try #require(BatonBinary.sweepCapable)
        let dir = try makeTemporaryDirectory("baton-shards")
        let sweepPath = dir + "/small.yaml"
        try writeText(smallSweepYAML, sweepPath)

        let processes = try (0..<3).map { i -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: baton)
            process.arguments = ["sweep", sweepPath, "--out", "\(dir)/shard-\(i)", "--shard", "\(i)/3", "--jobs", "1", "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let merge = try BatonBinary.run(baton, ["merge", "\(dir)/shard-0", "\(dir)/shard-1", "\(dir)/shard-2", "--out", "\(dir)/merged"])
        #expect(merge.status == 0, "\(merge.output)")

        let single = dir + "/single"
        _ = try SweepExecutor.run(spec: try SweepSpec.load(path: sweepPath), outDirectory: single, jobs: 2)
        let merged = try readText("\(dir)/merged/results.jsonl")
        #expect(merged == (try readText(single + "/results.jsonl")))
        #expect(merged.split(separator: "\n").count == 12)
    }
}
