import BatonCore

/// A result table reduced to what a chart draws: panels of series of aggregated points, values
/// already multiplied by their display scale (percent for fractions).
struct PlotData {
    /// One x position (or category) of one series: statistics of the y values there.
    struct Point {
        var x: Double
        var category: String
        var mean: Double
        /// The 95% interval of the mean: Student's t over the rows there when there are several
        /// (one per seed), else the row's own `y_ci_low` / `y_ci_high` columns (a mean-over-seeds
        /// table); equal to the mean when there is none.
        var low: Double
        var high: Double
        var count: Int
        /// Whether `low...high` is an interval to draw.
        var hasInterval: Bool { high > low }
        /// Mean of x (scatter only; equals x otherwise).
        var xMean: Double
    }

    struct Series {
        var name: String
        var points: [Point]
        /// Every row's (x, y), for scatter plots.
        var raw: [(Double, Double)]
    }

    struct Panel {
        var title: String?
        var yColumn: String
        var facet: String?
        var series: [Series]
    }

    var panels: [Panel]
    /// Series names in legend order.
    var seriesNames: [String]
    /// Categories of a bar chart, in order of first appearance.
    var categories: [String]
    var xTitle: String
    var yTitles: [String: String]
    var xScale: Double
    var yScales: [String: Double]

    /// Checks the columns and aggregates the rows.
    /// - Throws: `InputError` (.flag) naming the flag of a missing or non-numeric column.
    static func build(_ table: ResultTable, _ spec: PlotSpec) throws -> PlotData {
        func column(_ name: String, flag: String) throws -> Int {
            guard let index = table.columns.firstIndex(of: name) else {
                throw unknownNameError("column", name, known: table.columns, kind: .flag, field: flag)
            }
            return index
        }
        let xIndex = try column(spec.x, flag: "--x")
        let yIndices = try spec.y.map { try column($0, flag: "--y") }
        // A mean-over-seeds table's own interval columns (SeedStatistics.columnNames).
        let intervalIndices = spec.y.map { y -> (Int, Int)? in
            guard let low = table.columns.firstIndex(of: y + SeedStatistics.lowSuffix),
                  let high = table.columns.firstIndex(of: y + SeedStatistics.highSuffix) else { return nil }
            return (low, high)
        }
        var seriesIndex: Int?
        if let series = spec.series {
            if table.columns.contains(series) || spec.seriesIsExplicit {
                seriesIndex = try column(series, flag: "--series")
            }
        }
        let facetIndex = try spec.facet.map { try column($0, flag: "--facet") }
        let style = spec.kind.style

        func text(_ value: ResultValue) -> String { value.description }
        func number(_ value: ResultValue) -> Double? {
            guard let v = value.doubleValue, v.isFinite else { return nil }
            return v
        }
        if style != .bars, !table.rows.contains(where: { number($0[xIndex]) != nil }) {
            throw InputError(.flag, field: "--x", "column '\(spec.x)' has no numeric values",
                             hint: spec.kind == .bars ? nil : "use --kind bars for a text column")
        }
        for (name, index) in zip(spec.y, yIndices) where !table.rows.contains(where: { number($0[index]) != nil }) {
            throw InputError(.flag, field: "--y", "column '\(name)' has no numeric values")
        }

        let xLabel = ColumnLabels.label(spec.x)
        let xScale = style == .bars ? 1 : xLabel.scale
        var seriesNames: [String] = []
        var categories: [String] = []
        var facets: [String] = []
        for row in table.rows {
            let s = seriesIndex.map { text(row[$0]) } ?? ""
            if !seriesNames.contains(s) { seriesNames.append(s) }
            if style == .bars {
                let c = text(row[xIndex])
                if !categories.contains(c) { categories.append(c) }
            }
            if let facetIndex {
                let f = text(row[facetIndex])
                if !facets.contains(f) { facets.append(f) }
            }
        }
        seriesNames = seriesIndex == nil ? [""] : SchedulerPalette.legendOrder(seriesNames)
        facets = sortedFacets(facets)

        var panels: [Panel] = []
        var yTitles: [String: String] = [:]
        var yScales: [String: Double] = [:]
        for (yPosition, (yName, yIndex)) in zip(spec.y, yIndices).enumerated() {
            let yLabel = ColumnLabels.label(yName)
            let nonNegative = table.rows.allSatisfy { (number($0[yIndex]) ?? 0) >= 0 }
            yTitles[yName] = spec.yLabel ?? yLabel.title
            yScales[yName] = yLabel.scale
            for facet in (facetIndex == nil ? [nil] : facets.map { Optional($0) }) {
                var series: [Series] = []
                for name in seriesNames {
                    var groups: [(key: String, x: Double, ys: [Double], xs: [Double], interval: (Double, Double)?)] = []
                    var raw: [(Double, Double)] = []
                    for row in table.rows {
                        if let seriesIndex, text(row[seriesIndex]) != name { continue }
                        if let facetIndex, text(row[facetIndex]) != facet { continue }
                        guard let y = number(row[yIndex]) else { continue }
                        let yDisplay = y * yLabel.scale
                        let key: String
                        var x = 0.0
                        switch style {
                        case .bars:
                            key = text(row[xIndex])
                        case .lines, .scatter:
                            guard let value = number(row[xIndex]) else { continue }
                            x = value * xScale
                            key = style == .scatter ? "" : ResultValue.format(x)
                            raw.append((x, yDisplay))
                        }
                        var interval: (Double, Double)?
                        if let (low, high) = intervalIndices[yPosition], let l = number(row[low]), let h = number(row[high]) {
                            interval = (l * yLabel.scale, h * yLabel.scale)
                        }
                        if let g = groups.firstIndex(where: { $0.key == key }) {
                            groups[g].ys.append(yDisplay)
                            groups[g].xs.append(x)
                        } else {
                            groups.append((key, x, [yDisplay], [x], interval))
                        }
                    }
                    var points = groups.map { group in
                        let m = mean(group.ys)
                        var (low, high) = (m, m)
                        if group.ys.count > 1 {
                            let statistics = SeedStatistics(group.ys)
                            if statistics.low.isFinite && statistics.high.isFinite { (low, high) = (statistics.low, statistics.high) }
                        } else if let interval = group.interval {
                            (low, high) = interval
                        }
                        // Drawn within the metric's range: a t interval of a rate near 0 can reach below
                        // 0 (the table keeps it as computed).
                        if nonNegative { low = max(low, 0) }
                        if yLabel.scale == 100 { high = min(high, 100) }
                        return Point(x: group.x, category: group.key, mean: m, low: low, high: high, count: group.ys.count,
                                     xMean: mean(group.xs))
                    }
                    if style == .lines { points.sort { $0.x < $1.x } }
                    if !points.isEmpty { series.append(Series(name: name, points: points, raw: raw)) }
                }
                var title: String?
                if spec.y.count > 1 { title = yTitles[yName] }
                if let facet, let facetName = spec.facet {
                    // A synthetic "panel" column already carries readable labels.
                    let facetText = facetName == "panel" ? facet : "\(facetName) = \(facet)"
                    title = title.map { "\($0), \(facetText)" } ?? facetText
                }
                panels.append(Panel(title: title, yColumn: yName, facet: facet, series: series))
            }
        }
        return PlotData(panels: panels, seriesNames: seriesNames, categories: categories,
                        xTitle: spec.xLabel ?? xLabel.title, yTitles: yTitles, xScale: xScale, yScales: yScales)
    }

    /// Facet values numerically when all are numbers, else in order of appearance.
    static func sortedFacets(_ values: [String]) -> [String] {
        let numeric = values.compactMap { v in Double(v).map { (v, $0) } }
        return numeric.count == values.count ? numeric.sorted { $0.1 < $1.1 }.map(\.0) : values
    }
}

/// Arithmetic mean (0 for no values).
func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
}

extension Plot {
    /// Every cell of a column plotted as numbers (x unless the chart has bars, each y) is a number
    /// or empty: text there is an error of the data file, naming its line and column (not a flag).
    /// Empty text, NaN (JSON null) and infinities are missing values and are skipped.
    /// - Throws: `InputError` (.file) for the first offending cell.
    public static func checkNumericCells(_ located: ResultFileReader.Located, _ spec: PlotSpec) throws {
        let table = located.table
        var names = spec.y
        if spec.kind.style != .bars { names.insert(spec.x, at: 0) }
        for name in names {
            guard let index = table.columns.firstIndex(of: name) else { continue }  // named by build()
            for (r, row) in table.rows.enumerated() {
                guard case .text(let text) = row[index], !text.isEmpty else { continue }
                throw InputError(.file, file: located.source, line: r < located.lines.count ? located.lines[r] : nil,
                                 field: name, "'\(InputError.echo(text))' is not a number")
            }
        }
    }
}
