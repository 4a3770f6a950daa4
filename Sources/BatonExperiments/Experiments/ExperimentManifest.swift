import Foundation
import BatonCore

/// What an experiment output directory holds and how it was made (DIR/manifest.json), read by
/// `baton report`: the exact command, Baton's version, the experiments and their seeds.
/// Deterministic (no time stamps or host names).
public struct ExperimentManifest: Sendable, Equatable {
    public var command: String
    public var version: String = BatonVersion.current
    /// Experiment names, in the order they ran.
    public var experiments: [String]
    /// Seeds used by the experiments' runs.
    public var seeds: [Int]
    /// CI-sized runs.
    public var quick: Bool

    public init(command: String, experiments: [String], seeds: [Int], quick: Bool) {
        self.command = command
        self.experiments = experiments
        self.seeds = seeds
        self.quick = quick
    }

    public func json() -> String {
        let fields: [(String, String)] = [
            ("command", ResultValue.jsonString(command)),
            ("baton_version", ResultValue.jsonString(version)),
            ("study", ResultValue.jsonString("experiments: " + experiments.joined(separator: ", "))),
            ("experiments", "[" + experiments.map(ResultValue.jsonString).joined(separator: ", ") + "]"),
            ("seeds", "[" + seeds.map(String.init).joined(separator: ", ") + "]"),
            ("quick", quick ? "true" : "false"),
        ]
        return "{\n" + fields.map { "  \(ResultValue.jsonString($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Writes DIR/manifest.json (atomically).
    public func write(to directory: String) throws {
        try AtomicFile.write(json(), to: (directory as NSString).appendingPathComponent("manifest.json"), field: "--out")
    }
}
