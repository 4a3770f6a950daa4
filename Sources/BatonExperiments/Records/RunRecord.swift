import BatonCore

/// What one simulation run produced, typed: every study's point runner makes one per point, and
/// every table and file (per seed or over seeds) is made from records, never read back from a
/// table by column name.
public protocol RunRecord: Sendable {
    /// Every parameter of the run, in output order (`seed` among them), with one name per
    /// parameter in every command and file (docs/output-formats.md).
    var parameterFields: [(name: String, value: ResultValue)] { get }
    /// The run's metrics, in output order; names from `MetricCatalog`.
    var metricFields: [(name: String, value: Double)] { get }
}

/// Tables made from records.
public enum RecordTable {
    /// One row per record: its parameters, then its metrics.
    public static func perSeed<R: RunRecord>(_ records: [R]) -> ResultTable {
        guard let first = records.first else { return ResultTable(columns: []) }
        var table = ResultTable(columns: first.parameterFields.map(\.name) + first.metricFields.map(\.name))
        for record in records {
            table.append(row: record.parameterFields.map(\.value) + record.metricFields.map { .double($0.value) })
        }
        return table
    }

    /// One row per group of records that differ only in `seed` (in order of first appearance):
    /// the parameters without `seed`, the number of seeds, and for each metric its mean, standard
    /// deviation and 95% interval over seeds (`SeedStatistics.columnNames`: `m`, `m_sd`,
    /// `m_ci_low`, `m_ci_high`; non-finite values left out; empty when they cannot be formed).
    public static func meanOverSeeds<R: RunRecord>(_ records: [R], interval: IntervalMethod = .studentT) -> ResultTable {
        let groups = seedGroups(records)
        guard let first = records.first else { return ResultTable(columns: []) }
        let parameterNames = first.parameterFields.map(\.name).filter { $0 != "seed" }
        let metricColumns = first.metricFields.flatMap { SeedStatistics.columnNames($0.name) }
        var table = ResultTable(columns: parameterNames + ["seeds"] + metricColumns)
        for group in groups {
            let head = group[0]
            var row = head.parameterFields.filter { $0.name != "seed" }.map(\.value)
            row.append(.int(group.count))
            for m in head.metricFields.indices {
                row += SeedStatistics(group.map { $0.metricFields[m].value }, method: interval).cells
            }
            table.append(row: row)
        }
        return table
    }

    /// Records grouped by every parameter except `seed`, groups in order of first appearance.
    public static func seedGroups<R: RunRecord>(_ records: [R]) -> [[R]] {
        var order: [[ResultValue]] = []
        var groups: [[ResultValue]: [R]] = [:]
        for record in records {
            let key = record.parameterFields.filter { $0.name != "seed" }.map(\.value)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        return order.map { groups[$0]! }
    }
}
