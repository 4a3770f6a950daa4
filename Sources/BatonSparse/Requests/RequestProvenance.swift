import BatonCore

/// How a request table was made, recorded as its leading `# key: value` comment lines so that a
/// replay can refuse a table made for another workload or mode (`baton requests generate` writes
/// them; `baton run --requests-csv` checks them).
///
/// Keys, in writing order: `generator` (always `baton requests generate`), `baton_version`,
/// `workload` (`pool attention`, `pool cnn`, or `traces DIR`), `inputs`, `benchmark_seed` (pools
/// only), `mode` (`none` or `dysta-artifact`), `rate` or `utilization`, `slo`, `requests`, `seed`.
/// Unknown keys are kept; lines that are not `# key: value` are ignored.
public struct RequestProvenance: Sendable, Equatable {
    /// The fields in file order.
    public var fields: [(key: String, value: String)]

    public static func == (a: RequestProvenance, b: RequestProvenance) -> Bool {
        a.fields.map(\.key) == b.fields.map(\.key) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    public init(fields: [(key: String, value: String)]) { self.fields = fields }

    /// The value of `key`, if recorded.
    public subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    /// The provenance of a generated table.
    public init(workload: SparseRunPlan.Workload, mode: SimulationSettings.Compatibility, load: RequestRate,
                sloMultiplier: Double, requests: Int, seed: UInt64) {
        var fields: [(key: String, value: String)] = [("generator", "baton requests generate"), ("baton_version", BatonVersion.current)]
        switch workload {
        case .pool(let pool, let inputs, let benchmarkSeed):
            fields += [("workload", "pool \(pool.rawValue)"), ("inputs", String(inputs)), ("benchmark_seed", String(benchmarkSeed))]
        case .traces:
            fields.append(("workload", Self.workloadName(workload)))
        }
        fields.append(("mode", mode.rawValue))
        switch load {
        case .perSecond(let rate): fields.append(("rate", ResultValue.format(rate)))
        case .utilisation(let target): fields.append(("utilization", ResultValue.format(target)))
        }
        fields += [("slo", ResultValue.format(sloMultiplier)), ("requests", String(requests)), ("seed", String(seed))]
        self.fields = fields
    }

    /// Parses the leading comment lines of a table (`# key: value`); nil when there is no field.
    public init?(commentLines: [String]) {
        var fields: [(key: String, value: String)] = []
        for line in commentLines {
            var text = Substring(line)
            guard text.first == "#" else { continue }
            text = text.dropFirst().drop { $0 == " " }
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[..<colon]).trimmingSpaces()
            let value = String(text[text.index(after: colon)...]).trimmingSpaces()
            if !key.isEmpty { fields.append((key, value)) }
        }
        guard !fields.isEmpty else { return nil }
        self.fields = fields
    }

    /// The provenance recorded in the file at `path`, or nil when it has none.
    /// - Throws: `InputError` when the file cannot be read.
    public static func read(path: String) throws -> RequestProvenance? {
        // Only the leading lines are read (a table may have millions of rows).
        RequestProvenance(commentLines: try InputFile.csvStream(path, expected: "a request table (CSV)", chunkBytes: 4096)
            .readLeadingComments())
    }

    /// The comment lines, one `# key: value` per field, each ending in a newline.
    public var commentText: String { fields.map { "# \($0.key): \($0.value)\n" }.joined() }

    /// The hint of a mismatch in `baton run`, which can override it.
    public static let runOverrideHint = "regenerate the table for this run, or pass --allow-provenance-mismatch to replay it anyway"

    /// The workload description this provenance expects of a replay (`pool attention`, `traces DIR`).
    public static func workloadName(_ workload: SparseRunPlan.Workload) -> String {
        switch workload {
        case .pool(let pool, _, _): "pool \(pool.rawValue)"
        case .traces(let directory): "traces \(directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory)"
        }
    }

    /// Checks that a table made under this provenance may be replayed on `workload` in `mode`.
    /// - Throws: `InputError` (.flag, `--requests-csv`) naming both the table's and the run's
    ///   workload or mode when they differ, with the override flag as the hint.
    public func checkReplay(path: String, workload: SparseRunPlan.Workload, mode: SimulationSettings.Compatibility,
                            overrideHint: String = RequestProvenance.runOverrideHint) throws {
        let hint = overrideHint
        if let made = self["mode"], made != mode.rawValue {
            throw InputError(.flag, file: path, field: "--requests-csv",
                             "the table was generated in mode '\(made)' but this run is in mode '\(mode.rawValue)'", hint: hint)
        }
        let expected = Self.workloadName(workload)
        if let made = self["workload"], made != expected {
            throw InputError(.flag, file: path, field: "--requests-csv",
                             "the table was generated for '\(made)' but this run replays it on '\(expected)'", hint: hint)
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" || s.last == "\r" { s.removeLast() }
        return String(s)
    }
}
