import BatonCore

/// What an output directory holds and how it was made (DIR/manifest.json). Deterministic: no
/// time stamps, host names or thread counts, so identical runs write identical manifests.
public struct SweepManifest: Sendable, Equatable {
    /// File name inside an output directory.
    public static let fileName = "manifest.json"

    /// The command line that produced the directory.
    public var command: String
    /// Baton's version.
    public var version: String = BatonVersion.current
    /// Sweep name and study.
    public var sweep: String
    public var study: String
    /// Points in the whole sweep.
    public var pointsTotal: Int
    /// The shard this directory holds ("I/N"), or nil for all points.
    public var shard: SweepShard?
    /// Points this directory was asked to hold (the shard's points, or all).
    public var pointsSelected: Int
    /// Distinct values of the `seed` parameter, sorted (empty when the sweep has none).
    public var seeds: [Int]
    /// Input directories (for a merge), in the order given.
    public var inputs: [String] = []

    public init(command: String, spec: SweepSpec, shard: SweepShard?, pointsSelected: Int, inputs: [String] = []) {
        self.command = command
        self.sweep = spec.name
        self.study = spec.study
        self.pointsTotal = spec.pointCount
        self.shard = shard
        self.pointsSelected = pointsSelected
        self.inputs = inputs
        var seeds = Set<Int>()
        for parameter in spec.fixed where parameter.name == "seed" {
            if case .int(let seed) = parameter.value { seeds.insert(seed) }
        }
        for entry in spec.grid where entry.name == "seed" {
            for parameter in entry.values { if case .int(let seed) = parameter.value { seeds.insert(seed) } }
        }
        self.seeds = seeds.sorted()
    }

    /// The manifest as pretty JSON with a fixed key order.
    public func json() -> String {
        var fields: [(String, String)] = [
            ("command", ResultValue.jsonString(command)),
            ("baton_version", ResultValue.jsonString(version)),
            ("sweep", ResultValue.jsonString(sweep)),
            ("study", ResultValue.jsonString(study)),
            ("points_total", String(pointsTotal)),
            ("shard", shard.map { ResultValue.jsonString($0.description) } ?? "null"),
            ("points_selected", String(pointsSelected)),
            ("seeds", "[" + seeds.map(String.init).joined(separator: ", ") + "]"),
            ("results", ResultValue.jsonString(SweepResultsFile.fileName)),
        ]
        if !inputs.isEmpty {
            fields.append(("inputs", "[" + inputs.map(ResultValue.jsonString).joined(separator: ", ") + "]"))
        }
        return "{\n" + fields.map { "  \(ResultValue.jsonString($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
