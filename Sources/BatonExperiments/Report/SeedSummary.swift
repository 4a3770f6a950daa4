import BatonCore

/// Means over seeds: the rows of a sweep's results grouped by every parameter except `seed`.
public enum SeedSummary {
    /// Groups `table` by `parameters` (minus `seed`), in order of first appearance, and reduces
    /// every other numeric column `m` to its mean, standard deviation and 95% interval over the
    /// group (`m`, `m_sd`, `m_ci_low`, `m_ci_high`, as `RecordTable.meanOverSeeds`); adds a `seeds`
    /// column with the group size. Text columns that are not parameters (and `point`) are left out.
    public static func meanOverSeeds(_ table: ResultTable, parameters: [String], interval: IntervalMethod = .studentT) -> ResultTable {
        let keys = parameters.filter { $0 != "seed" && table.columns.contains($0) }
        let keyIndices = keys.compactMap { table.columns.firstIndex(of: $0) }
        let skipped = Set(parameters + ["point"])
        let metricIndices = table.columns.indices.filter { i in
            !skipped.contains(table.columns[i]) && table.rows.contains { $0[i].doubleValue != nil }
                && table.rows.allSatisfy { $0[i].doubleValue != nil || $0[i] == .text("") }
        }
        var order: [[ResultValue]] = []
        var groups: [[ResultValue]: [[ResultValue]]] = [:]
        for row in table.rows {
            let key = keyIndices.map { row[$0] }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        var result = ResultTable(columns: keys + ["seeds"] + metricIndices.flatMap { SeedStatistics.columnNames(table.columns[$0]) })
        for key in order {
            let rows = groups[key] ?? []
            var values = key + [ResultValue.int(rows.count)]
            for i in metricIndices {
                values += SeedStatistics(rows.compactMap { $0[i].doubleValue }, method: interval).cells
            }
            result.append(row: values)
        }
        return result
    }
}
