import BatonCore

/// One run's figures for a paired comparison: where it ran (`context`: every parameter but the
/// policy, its parameters and the seed), which policy, which seed, and its metrics.
public struct PairedSample: Sendable {
    public var context: [(name: String, value: ResultValue)]
    public var policy: String
    public var seed: Int
    public var metrics: [(name: String, value: Double)]

    public init(context: [(name: String, value: ResultValue)], policy: String, seed: Int, metrics: [(name: String, value: Double)]) {
        self.context = context
        self.policy = policy
        self.seed = seed
        self.metrics = metrics
    }

    /// Parameters that name the policy or its settings rather than where it ran.
    public static let policyFields: Set<String> = ["scheduler", "policy_parameters", "seed"]

    /// A run record as a sample (`scheduler` is the policy; `policy_parameters` is left out of the context).
    public init<R: RunRecord>(_ record: R) {
        let fields = record.parameterFields
        policy = fields.first { $0.name == "scheduler" }?.value.description ?? ""
        seed = fields.first { $0.name == "seed" }.flatMap { $0.value.doubleValue }.map { Int($0) } ?? 0
        context = fields.filter { !Self.policyFields.contains($0.name) }
        metrics = record.metricFields
    }
}

extension PairedSample {
    /// Samples from a per-seed result table (a sweep's results.jsonl): the policy is `scheduler`,
    /// the seed `seed`, the context the other `parameters`, the metrics every other numeric column
    /// (as `SeedSummary`). Rows without a scheduler or seed are left out.
    public static func fromTable(_ table: ResultTable, parameters: [String]) -> [PairedSample] {
        guard let policyIndex = table.columns.firstIndex(of: "scheduler"), let seedIndex = table.columns.firstIndex(of: "seed") else { return [] }
        let contextIndices = parameters.filter { !policyFields.contains($0) }.compactMap { table.columns.firstIndex(of: $0) }
        let skipped = Set(parameters + ["point", "scheduler", "seed"])
        let metricIndices = table.columns.indices.filter { i in
            !skipped.contains(table.columns[i]) && table.rows.contains { $0[i].doubleValue != nil }
                && table.rows.allSatisfy { $0[i].doubleValue != nil || $0[i] == .text("") }
        }
        return table.rows.compactMap { row in
            guard let seed = row[seedIndex].doubleValue else { return nil }
            return PairedSample(context: contextIndices.map { (table.columns[$0], row[$0]) }, policy: row[policyIndex].description,
                                seed: Int(seed), metrics: metricIndices.map { (table.columns[$0], row[$0].doubleValue ?? .nan) })
        }
    }
}

/// Per-seed paired differences against a baseline policy (`--baseline`): for every other policy
/// and every metric, the differences `policy - baseline` on the same seeds (the same requests or
/// frames) in the same context, with their mean, standard deviation and 95% interval
/// (`SeedStatistics`), and how many seeds the policy won, lost or tied (by the metric's
/// `MetricDescription.better`). Pairing removes the seed-to-seed variation the two runs share, so
/// the interval is far narrower than comparing two separate intervals.
public enum PairedComparison {
    /// The columns after the context's: `scheduler`, `baseline`, `metric`, `seeds`, `difference`,
    /// `difference_sd`, `difference_ci_low`, `difference_ci_high`, `wins`, `losses`, `ties`,
    /// `interval_contains_0`.
    public static let columns = ["scheduler", "baseline", "metric", "seeds"] + SeedStatistics.columnNames("difference")
        + ["wins", "losses", "ties", "interval_contains_0"]

    /// One comparison: a policy against the baseline on one metric in one context.
    public struct Row: Sendable {
        public var context: [(name: String, value: ResultValue)]
        public var policy: String
        public var baseline: String
        public var metric: String
        public var statistics: SeedStatistics
        /// Seeds on which the policy was better / worse / equal (nil when the metric has no direction).
        public var wins: Int?
        public var losses: Int?
        public var ties: Int

        /// Whether the interval contains 0 (true when there is no interval: nothing is shown).
        public var intervalContainsZero: Bool { !(statistics.low.isFinite && statistics.high.isFinite) || statistics.contains(0) }
    }

    /// The comparisons of every policy but `baseline` in every context, metrics in sample order
    /// (those with a better direction in `MetricCatalog`, restricted to `metrics` when given). Contexts and policies in order of first appearance.
    /// - Throws: `InputError` (.flag, `--baseline`) when the baseline is not among the policies.
    public static func rows(_ samples: [PairedSample], baseline: String, metrics: [String]? = nil,
                            interval: IntervalMethod = .studentT) throws -> [Row] {
        let policies = samples.reduce(into: [String]()) { if !$0.contains($1.policy) { $0.append($1.policy) } }
        guard policies.contains(baseline) else {
            throw unknownNameError("baseline", baseline, known: policies, kind: .flag, field: "--baseline")
        }
        var contextOrder: [[ResultValue]] = []
        var byContext: [[ResultValue]: [PairedSample]] = [:]
        for sample in samples {
            let key = sample.context.map(\.value)
            if byContext[key] == nil { contextOrder.append(key) }
            byContext[key, default: []].append(sample)
        }
        var rows: [Row] = []
        for key in contextOrder {
            let group = byContext[key]!
            let base = Dictionary(group.filter { $0.policy == baseline }.map { ($0.seed, $0) }, uniquingKeysWith: { a, _ in a })
            guard let first = group.first else { continue }
            for policy in policies where policy != baseline {
                let own = group.filter { $0.policy == policy }.filter { base[$0.seed] != nil }
                guard let head = own.first else { continue }
                for (m, field) in head.metrics.enumerated() where metrics?.contains(field.name) ?? true {
                    // Metrics with no better direction (the offered load, ...) are not compared.
                    guard let better = MetricCatalog.description(field.name)?.better else { continue }
                    var differences: [Double] = []
                    var lower = 0, higher = 0
                    for sample in own {
                        guard let other = base[sample.seed]!.metrics.first(where: { $0.name == field.name }) else { continue }
                        let value = sample.metrics[m].value
                        let difference = value - other.value
                        guard difference.isFinite else { continue }
                        differences.append(difference)
                        // Differences within rounding of the values are ties.
                        let tolerance = 1e-12 * max(abs(value), abs(other.value))
                        if difference < -tolerance { lower += 1 } else if difference > tolerance { higher += 1 }
                    }
                    guard !differences.isEmpty else { continue }
                    rows.append(Row(context: first.context, policy: policy, baseline: baseline, metric: field.name,
                                    statistics: SeedStatistics(differences, method: interval),
                                    wins: better == .lower ? lower : higher, losses: better == .lower ? higher : lower,
                                    ties: differences.count - lower - higher))
                }
            }
        }
        return rows
    }

    /// The rows as a table: the context's columns, then `columns`.
    public static func table(_ rows: [Row]) -> ResultTable {
        var table = ResultTable(columns: (rows.first?.context.map(\.name) ?? []) + columns)
        for row in rows {
            let counts: [ResultValue] = [row.wins.map(ResultValue.int) ?? .text(""), row.losses.map(ResultValue.int) ?? .text(""),
                                         .int(row.ties)]
            table.append(row: row.context.map(\.value) + [.text(row.policy), .text(row.baseline), .text(row.metric),
                                                          .int(row.statistics.n)]
                         + row.statistics.cells + counts + [.text(row.intervalContainsZero ? "yes" : "no")])
        }
        return table
    }

    /// One plain sentence per row of `metrics` (default: every row), e.g.
    /// `dysta vs prema: violation_rate -7.3 points [-9.1, -5.5], better on 5/5 seeds`, prefixed by
    /// the context values that differ between rows, and flagged when the interval contains 0.
    public static func summaryLines(_ rows: [Row], metrics: [String]? = nil) -> [String] {
        let shown = rows.filter { metrics?.contains($0.metric) ?? true }
        let varying = (shown.first?.context.map(\.name) ?? []).enumerated().filter { c in
            Set(shown.map { $0.context[c.offset].value }).count > 1
        }
        return shown.map { row in
            let prefix = varying.filter { row.context[$0.offset].value != .text("") }.map { c -> String in
                let value = row.context[c.offset].value
                let text = value.doubleValue.map { ResultValue.format(Double(String(signed($0).filter { $0 != "+" })) ?? $0) } ?? value.description
                return "\(c.element)=\(text)"
            }.joined(separator: ", ")
            return (prefix.isEmpty ? "" : prefix + ": ") + sentence(row)
        }
    }

    /// `policy vs baseline: metric difference [low, high], better on w/n seeds` (one row).
    public static func sentence(_ row: Row) -> String {
        let fraction = MetricCatalog.description(row.metric)?.isFraction ?? false
        let scale = fraction ? 100.0 : 1.0
        let unit = fraction ? " points" : ""
        let s = row.statistics
        var text = "\(row.policy) vs \(row.baseline): \(row.metric) \(signed(s.mean * scale))\(unit)"
        if s.low.isFinite && s.high.isFinite {
            text += " [\(signed(s.low * scale)), \(signed(s.high * scale))]"
        } else {
            text += " (no interval: \(s.n) seed\(s.n == 1 ? "" : "s"))"
        }
        if let wins = row.wins { text += ", better on \(wins)/\(s.n) seeds" }
        if s.low.isFinite && row.intervalContainsZero { text += " — interval contains 0: no clear difference" }
        return text
    }

    /// A number with 3 significant digits (at least 1 decimal below 100), with its sign.
    public static func signed(_ value: Double) -> String {
        guard value.isFinite else { return ResultValue.format(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.1 ? 3 : magnitude >= 0.01 ? 4 : 5
        let text = ResultTable.formatFixed(value, digits: digits)
        return value > 0 && !text.hasPrefix("-") ? "+" + text : text
    }
}
