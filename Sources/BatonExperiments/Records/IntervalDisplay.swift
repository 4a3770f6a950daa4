import BatonCore

/// Mean-over-seeds tables for reading (terminal and Markdown): each metric's mean and 95% interval
/// in one cell, `mean [low, high]`, with its `m_sd` column kept and the `m_ci_low` / `m_ci_high`
/// columns folded in. CSV and JSON keep the four columns as numbers.
public enum IntervalDisplay {
    /// `table` with every `m` that has `m_ci_low` and `m_ci_high` columns shown as
    /// `mean [low, high]` (numbers to `digits` decimals; the mean alone when there is no interval).
    public static func compact(_ table: ResultTable, digits: Int = 4) -> ResultTable {
        var folded: [Int: (low: Int, high: Int)] = [:]
        var dropped = Set<Int>()
        for (i, name) in table.columns.enumerated() {
            guard let low = table.columns.firstIndex(of: name + SeedStatistics.lowSuffix),
                  let high = table.columns.firstIndex(of: name + SeedStatistics.highSuffix) else { continue }
            folded[i] = (low, high)
            dropped.formUnion([low, high])
        }
        guard !folded.isEmpty else { return table }
        let kept = table.columns.indices.filter { !dropped.contains($0) }
        var result = ResultTable(columns: kept.map { table.columns[$0] })
        for row in table.rows {
            result.append(row: kept.map { i in
                guard let (low, high) = folded[i], row[i].doubleValue != nil else { return row[i] }
                let text = ResultTable.display(row[i], digits: digits)
                guard let l = row[low].doubleValue, let h = row[high].doubleValue else { return .text(text) }
                return .text("\(text) [\(ResultTable.formatFixed(l, digits: digits)), \(ResultTable.formatFixed(h, digits: digits))]")
            })
        }
        return result
    }
}
