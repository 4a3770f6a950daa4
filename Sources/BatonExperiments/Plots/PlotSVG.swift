import BatonCore

/// Charts from result tables, as SVG text (drawn by Baton, no external tools) and as Vega-Lite v5
/// JSON (for notebooks). Colours come from `SchedulerPalette`, so a scheduler has the same
/// colour in every chart.
public enum Plot {
    /// The chart as a standalone SVG document.
    /// - Throws: `InputError` (.flag) for missing or non-numeric columns.
    public static func svg(_ table: ResultTable, _ spec: PlotSpec) throws -> String {
        let data = try PlotData.build(table, spec)
        return PlotRenderer(data: data, spec: spec).render()
    }
}

/// Lays out and draws the panels of one chart.
struct PlotRenderer {
    let data: PlotData
    let spec: PlotSpec
    let colors: [String: String]

    init(data: PlotData, spec: PlotSpec) {
        self.data = data
        self.spec = spec
        colors = SchedulerPalette.colors(for: data.seriesNames)
    }

    var hasLegend: Bool { spec.series != nil && !(data.seriesNames.count == 1 && data.seriesNames[0].isEmpty) }
    var style: PlotKind.Style { spec.kind.style }

    func title() -> String {
        if let title = spec.title { return title }
        let ys = spec.y.map { data.yTitles[$0] ?? $0 }.map(stripUnit).joined(separator: ", ")
        switch spec.kind {
        case .tradeoff: return "\(ys) vs \(stripUnit(data.xTitle)): trade-off"
        case .bars: return "\(ys) by \(lowerFirst(stripUnit(data.xTitle)))"
        default: return "\(ys) vs \(lowerFirst(stripUnit(data.xTitle)))"
        }
    }

    /// "Arrival rate" -> "arrival rate", but "SLO multiplier" stays (acronyms keep their case).
    func lowerFirst(_ text: String) -> String {
        let word = text.prefix { $0 != " " }
        guard word.count > 1, word.dropFirst().allSatisfy({ $0.isLowercase }) else { return text }
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// "Energy (mJ)" -> "Energy".
    func stripUnit(_ text: String) -> String {
        guard let open = text.lastIndex(of: "("), text.hasSuffix(")") else { return text }
        return String(text[..<open]).trimmingSpaces()
    }

    func render() -> String {
        let count = max(1, data.panels.count)
        let columns = count == 1 ? 1 : 2
        let rows = (count + columns - 1) / columns
        let bottomExtra = categoryLabelExtra()
        let panelHeight = spec.panelHeight + bottomExtra
        let legendNames = hasLegend ? data.seriesNames : []
        let legendWidth = legendNames.isEmpty ? 0 :
            max(120, (legendNames.map { SVGWriter.textWidth($0, size: 12) }.max() ?? 0) + 48,
                SVGWriter.textWidth(legendTitle, size: 12) + 24)
        let titleHeight = 44.0
        let width = Double(columns) * spec.panelWidth + legendWidth + 12
        let legendHeight = titleHeight + 36 + Double(legendNames.count) * 20
        let height = max(titleHeight + Double(rows) * panelHeight + 8, legendHeight)
        var svg = SVGWriter(width: width, height: height)
        svg.text(title(), x: 16, y: 28, size: 16, weight: "bold")

        // Shared scales: x across all panels, y per y column.
        let xAxis = xScale()
        var yAxes: [String: AxisScale] = [:]
        for column in spec.y { yAxes[column] = yScale(column) }

        for (i, panel) in data.panels.enumerated() {
            let left = Double(i % columns) * spec.panelWidth
            let top = titleHeight + Double(i / columns) * panelHeight
            drawPanel(&svg, panel, left: left, top: top, height: panelHeight, bottomExtra: bottomExtra,
                      xAxis: xAxis, yAxis: yAxes[panel.yColumn] ?? AxisScale.linear([0, 1]))
        }
        if !legendNames.isEmpty {
            drawLegend(&svg, names: legendNames, x: Double(columns) * spec.panelWidth + 4, y: titleHeight + 24)
        }
        return svg.document(title: title())
    }

    var legendTitle: String { spec.series.map { ColumnLabels.label($0).title } ?? "" }

    // MARK: Scales

    func xScale() -> AxisScale {
        var values: [Double] = []
        for panel in data.panels {
            for series in panel.series {
                if style == .scatter { values += series.raw.map(\.0) } else { values += series.points.map(\.x) }
            }
        }
        if values.isEmpty { values = [0, 1] }
        return AxisScale.linear(values, autoZero: style == .scatter, targetTicks: 7)
    }

    func yScale(_ column: String) -> AxisScale {
        var values: [Double] = []
        for panel in data.panels where panel.yColumn == column {
            for series in panel.series {
                if style == .scatter { values += series.raw.map(\.1) }
                for point in series.points { values += [point.mean, point.low, point.high] }
            }
        }
        if values.isEmpty { values = [0, 1] }
        if spec.logY { return AxisScale.log(values) }
        return AxisScale.linear(values, includeZero: style == .bars, targetTicks: 6)
    }

    /// Extra bottom space when bar categories need slanted labels.
    func categoryLabelExtra() -> Double {
        guard style == .bars, !data.categories.isEmpty else { return 0 }
        let band = (spec.panelWidth - 86) / Double(data.categories.count)
        let widest = data.categories.map { SVGWriter.textWidth($0, size: 11) }.max() ?? 0
        // Labels slanted at 35 degrees reach down about sin(35) x their width.
        return widest > band - 6 ? min(120, max(0, widest * 0.574 - 14)) : 0
    }

    // MARK: Panels

    func drawPanel(_ svg: inout SVGWriter, _ panel: PlotData.Panel, left: Double, top: Double, height: Double,
                   bottomExtra: Double, xAxis: AxisScale, yAxis: AxisScale) {
        let x0 = left + 74, x1 = left + spec.panelWidth - 18
        let y0 = top + 30, y1 = top + height - 54 - bottomExtra
        if let title = panel.title { svg.text(title, x: x0, y: top + 18, size: 13, weight: "bold") }
        let yTitle = data.yTitles[panel.yColumn] ?? panel.yColumn
        // Lines and markers keep clear of the axes: the data range is inset by 12 px.
        let inset = style == .bars ? 0.0 : 12.0
        func px(_ v: Double) -> Double { xAxis.position(v, from: x0 + inset, to: x1 - inset) }
        func py(_ v: Double) -> Double { yAxis.position(v, from: y1, to: y0) }

        // Grid, ticks and axis titles.
        for tick in yAxis.ticks where tick >= yAxis.lower - 1e-12 && tick <= yAxis.upper * (1 + 1e-12) {
            let y = py(tick)
            svg.line(x1: x0, y1: y, x2: x1, y2: y, stroke: "#e6e6e6")
            svg.text(yAxis.label(tick), x: x0 - 8, y: y + 4, size: 11, anchor: .end, fill: "#333")
        }
        if style != .bars {
            for tick in xAxis.ticks {
                let x = px(tick)
                svg.line(x1: x, y1: y0, x2: x, y2: y1, stroke: "#f0f0f0")
                svg.line(x1: x, y1: y1, x2: x, y2: y1 + 5, stroke: "#444")
                svg.text(xAxis.label(tick), x: x, y: y1 + 19, size: 11, anchor: .middle, fill: "#333")
            }
        }
        svg.line(x1: x0, y1: y1, x2: x1, y2: y1, stroke: "#444")
        svg.line(x1: x0, y1: y0, x2: x0, y2: y1, stroke: "#444")
        svg.text(data.xTitle, x: (x0 + x1) / 2, y: y1 + 42 + bottomExtra, size: 12, anchor: .middle)
        svg.text(yTitle, x: left + 18, y: (y0 + y1) / 2, size: 12, anchor: .middle, rotate: -90)

        if panel.series.isEmpty {
            svg.text("no data", x: (x0 + x1) / 2, y: (y0 + y1) / 2, size: 13, anchor: .middle, fill: "#888")
            return
        }
        switch style {
        case .scatter: drawScatter(&svg, panel, px: px, py: py, x1: x1, y0: y0)
        case .lines: drawLines(&svg, panel, px: px, py: py)
        case .bars: drawBars(&svg, panel, x0: x0, x1: x1, y1: y1, py: py, yAxis: yAxis)
        }
    }

    func shape(_ name: String) -> Int { data.seriesNames.firstIndex(of: name) ?? 0 }
    func color(_ name: String) -> String { colors[name] ?? "#4e79a7" }

    func tooltip(_ series: String, x: String, y: Double, count: Int) -> String {
        let who = series.isEmpty ? "" : "\(series): "
        return "\(who)\(x), \(compactNumber(y)) (\(count) row\(count == 1 ? "" : "s"))"
    }

    /// A vertical 95% error bar with caps.
    func errorBar(_ svg: inout SVGWriter, x: Double, low: Double, high: Double, stroke: String, width: Double = 1.2,
                  opacity: Double? = 0.8) {
        svg.line(x1: x, y1: low, x2: x, y2: high, stroke: stroke, width: width, opacity: opacity)
        svg.line(x1: x - 3, y1: low, x2: x + 3, y2: low, stroke: stroke, width: width, opacity: opacity)
        svg.line(x1: x - 3, y1: high, x2: x + 3, y2: high, stroke: stroke, width: width, opacity: opacity)
    }

    func drawScatter(_ svg: inout SVGWriter, _ panel: PlotData.Panel, px: (Double) -> Double, py: (Double) -> Double,
                     x1: Double, y0: Double) {
        for series in panel.series where series.raw.count > 1 {
            for (x, y) in series.raw {
                svg.circle(cx: px(x), cy: py(y), r: 2.5, fill: color(series.name), opacity: 0.35)
            }
        }
        // 95% intervals of the y mean as error bars.
        for series in panel.series {
            for point in series.points where point.hasInterval {
                errorBar(&svg, x: px(point.xMean), low: py(point.low), high: py(point.high), stroke: color(series.name))
            }
        }
        for series in panel.series {
            for point in series.points {
                PlotMarkers.draw(&svg, shape: shape(series.name), x: px(point.xMean), y: py(point.mean), r: 7,
                                 fill: color(series.name), stroke: "#222222",
                                 title: tooltip(series.name, x: "x \(compactNumber(point.xMean))", y: point.mean, count: point.count))
            }
        }
        if spec.kind == .tradeoff {
            svg.text("lower left is better ↙", x: x1, y: y0 - 10, size: 11, anchor: .end, fill: "#777")
        }
    }

    func drawLines(_ svg: inout SVGWriter, _ panel: PlotData.Panel, px: (Double) -> Double, py: (Double) -> Double) {
        // 95% intervals as translucent bands under the lines (a lone point with an interval gets an error bar).
        for series in panel.series where series.points.contains(where: \.hasInterval) {
            let c = color(series.name)
            if series.points.count == 1, let point = series.points.first {
                errorBar(&svg, x: px(point.x), low: py(point.low), high: py(point.high), stroke: c)
                continue
            }
            let upper = series.points.map { (px($0.x), py($0.high)) }
            let lower = series.points.reversed().map { (px($0.x), py($0.low)) }
            svg.polygon(upper + lower, fill: c, opacity: 0.15)
        }
        for series in panel.series {
            svg.polyline(series.points.map { (px($0.x), py($0.mean)) }, stroke: color(series.name), width: 2)
        }
        for series in panel.series {
            for point in series.points {
                PlotMarkers.draw(&svg, shape: shape(series.name), x: px(point.x), y: py(point.mean), r: 4.5,
                                 fill: color(series.name),
                                 title: tooltip(series.name, x: "x \(compactNumber(point.x))", y: point.mean, count: point.count))
            }
        }
    }

    func drawBars(_ svg: inout SVGWriter, _ panel: PlotData.Panel, x0: Double, x1: Double, y1: Double,
                  py: (Double) -> Double, yAxis: AxisScale) {
        let categories = data.categories
        let names = data.seriesNames
        let band = (x1 - x0) / Double(max(1, categories.count))
        let barWidth = band * 0.8 / Double(max(1, names.count))
        let totalBars = panel.series.reduce(0) { $0 + $1.points.count }
        let slanted = categoryLabelExtra() > 0
        let base = py(max(yAxis.lower, min(0, yAxis.upper)))
        for (c, category) in categories.enumerated() {
            let groupLeft = x0 + Double(c) * band + band * 0.1
            for series in panel.series {
                guard let point = series.points.first(where: { $0.category == category }),
                      let s = names.firstIndex(of: series.name) else { continue }
                let left = groupLeft + Double(s) * barWidth
                let top = py(point.mean)
                svg.rect(x: left + 0.5, y: min(top, base), width: barWidth - 1, height: abs(base - top),
                         fill: color(series.name),
                         title: tooltip(series.name, x: category, y: point.mean, count: point.count))
                if point.hasInterval {
                    errorBar(&svg, x: left + barWidth / 2, low: py(point.low), high: py(point.high), stroke: "#222", width: 1, opacity: nil)
                }
                if totalBars <= 24 && barWidth >= 22 && !point.hasInterval {
                    svg.text(compactNumber(point.mean, significant: 3), x: left + barWidth / 2, y: min(top, base) - 4,
                             size: 10, anchor: .middle, fill: "#333")
                }
            }
            let labelX = x0 + (Double(c) + 0.5) * band
            if slanted {
                svg.text(category, x: labelX, y: y1 + 14, size: 11, anchor: .end, fill: "#333", rotate: -35)
            } else {
                svg.text(category, x: labelX, y: y1 + 18, size: 11, anchor: .middle, fill: "#333")
            }
        }
    }

    func drawLegend(_ svg: inout SVGWriter, names: [String], x: Double, y: Double) {
        svg.text(legendTitle, x: x + 4, y: y, size: 12, weight: "bold")
        for (i, name) in names.enumerated() {
            let rowY = y + 22 + Double(i) * 20
            if style == .lines {
                svg.line(x1: x + 4, y1: rowY - 4, x2: x + 26, y2: rowY - 4, stroke: color(name), width: 2)
            }
            if style == .bars {
                svg.rect(x: x + 8, y: rowY - 11, width: 14, height: 14, fill: color(name))
            } else {
                PlotMarkers.draw(&svg, shape: shape(name), x: x + 15, y: rowY - 4, r: style == .lines ? 4.5 : 6,
                                 fill: color(name), stroke: style == .scatter ? "#222222" : "#ffffff")
            }
            svg.text(name, x: x + 34, y: rowY, size: 12)
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
