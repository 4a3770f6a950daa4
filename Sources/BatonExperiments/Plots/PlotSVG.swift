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

    /// A font size scaled by the spec's font scale.
    func fs(_ size: Double) -> Double { size * spec.fontScale }

    var legendNames: [String] { hasLegend && spec.legend != .none ? data.seriesNames : [] }

    /// Width of a legend at the right (0 when elsewhere or absent).
    var rightLegendWidth: Double {
        guard spec.legend == .right, !legendNames.isEmpty else { return 0 }
        return max(120 * spec.fontScale, (legendNames.map { SVGWriter.textWidth($0, size: fs(12)) }.max() ?? 0) + 48 * spec.fontScale,
                   SVGWriter.textWidth(legendTitle, size: fs(12)) + 24)
    }

    /// Positions of the items of a legend above or below the panels, wrapped to `width`.
    func bandLegend(width: Double) -> (items: [(name: String, x: Double, row: Int)], rows: Int) {
        guard spec.legend == .top || spec.legend == .bottom, !legendNames.isEmpty else { return ([], 0) }
        var items: [(String, Double, Int)] = []
        var x = 16 + SVGWriter.textWidth(legendTitle, size: fs(12)) + 16, row = 0
        for name in legendNames {
            let itemWidth = 34 * spec.fontScale + SVGWriter.textWidth(name, size: fs(12)) + 16
            if x + itemWidth > width - 8, !items.isEmpty, items.last!.2 == row, x > 60 { row += 1; x = 16 }
            items.append((name, x, row))
            x += itemWidth
        }
        return (items, row + 1)
    }

    func render() -> String {
        let count = max(1, data.panels.count)
        let columns = min(count, spec.facetColumns ?? PlotLayout.columns(panels: count))
        let rows = (count + columns - 1) / columns
        let titleHeight = 20 + 24 * spec.fontScale
        let legendRowHeight = 22 * spec.fontScale
        // A whole-figure size sizes the panels (once, then drawn as usual).
        if spec.figureWidth != nil || spec.figureHeight != nil {
            var fitted = spec
            fitted.figureWidth = nil
            fitted.figureHeight = nil
            if let width = spec.figureWidth {
                fitted.panelWidth = max(160, (width - rightLegendWidth - 12) / Double(columns))
            }
            if let height = spec.figureHeight {
                let band = PlotRenderer(data: data, spec: fitted).bandLegend(width: Double(columns) * fitted.panelWidth + rightLegendWidth + 12)
                let extra = categoryLabelExtra() + Double(band.rows) * legendRowHeight + (band.rows > 0 ? 10 : 0)
                fitted.panelHeight = max(140, (height - titleHeight - 8 - extra) / Double(rows))
            }
            return PlotRenderer(data: data, spec: fitted).render()
        }
        let bottomExtra = categoryLabelExtra()
        let panelHeight = spec.panelHeight + bottomExtra
        let legendWidth = rightLegendWidth
        let width = Double(columns) * spec.panelWidth + legendWidth + 12
        let band = bandLegend(width: width)
        let bandHeight = Double(band.rows) * legendRowHeight + (band.rows > 0 ? 10 : 0)
        let panelsTop = titleHeight + (spec.legend == .top ? bandHeight : 0)
        let rightLegendHeight = legendWidth == 0 ? 0 : titleHeight + 36 + Double(legendNames.count) * 20 * spec.fontScale
        let height = max(panelsTop + Double(rows) * panelHeight + 8 + (spec.legend == .bottom ? bandHeight : 0), rightLegendHeight)
        var svg = SVGWriter(width: width, height: height)
        svg.text(title(), x: 16, y: 28 * spec.fontScale, size: fs(16), weight: "bold")

        // Shared scales: x across all panels, y per y column.
        let xAxis = xScale()
        var yAxes: [String: AxisScale] = [:]
        for column in spec.y { yAxes[column] = yScale(column) }

        for (i, panel) in data.panels.enumerated() {
            let left = Double(i % columns) * spec.panelWidth
            let top = panelsTop + Double(i / columns) * panelHeight
            drawPanel(&svg, panel, left: left, top: top, height: panelHeight, bottomExtra: bottomExtra,
                      xAxis: xAxis, yAxis: yAxes[panel.yColumn] ?? AxisScale.linear([0, 1]))
        }
        if legendWidth > 0 {
            drawLegend(&svg, names: legendNames, x: Double(columns) * spec.panelWidth + 4, y: titleHeight + 24)
        } else if band.rows > 0 {
            let top = spec.legend == .top ? titleHeight : panelsTop + Double(rows) * panelHeight + 4
            drawBandLegend(&svg, band.items, top: top, rowHeight: legendRowHeight)
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
        if spec.logX && style != .bars { return AxisScale.log(values) }
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
        let widest = data.categories.map { SVGWriter.textWidth($0, size: fs(11)) }.max() ?? 0
        // Labels slanted at 35 degrees reach down about sin(35) x their width.
        return widest > band - 6 ? min(120, max(0, widest * 0.574 - 14)) : 0
    }

    // MARK: Panels

    func drawPanel(_ svg: inout SVGWriter, _ panel: PlotData.Panel, left: Double, top: Double, height: Double,
                   bottomExtra: Double, xAxis: AxisScale, yAxis: AxisScale) {
        let f = spec.fontScale
        let x0 = left + 30 + 44 * f, x1 = left + spec.panelWidth - 18
        let y0 = top + 12 + 18 * f, y1 = top + height - 20 - 34 * f - bottomExtra
        if let title = panel.title { svg.text(title, x: x0, y: top + 18 * f, size: fs(13), weight: "bold") }
        let yTitle = data.yTitles[panel.yColumn] ?? panel.yColumn
        // Lines and markers keep clear of the axes: the data range is inset by 12 px.
        let inset = style == .bars ? 0.0 : 12.0
        func px(_ v: Double) -> Double { xAxis.position(v, from: x0 + inset, to: x1 - inset) }
        func py(_ v: Double) -> Double { yAxis.position(v, from: y1, to: y0) }

        // Grid, ticks and axis titles.
        for tick in yAxis.ticks where tick >= yAxis.lower - 1e-12 && tick <= yAxis.upper * (1 + 1e-12) {
            let y = py(tick)
            svg.line(x1: x0, y1: y, x2: x1, y2: y, stroke: "#e6e6e6")
            svg.text(yAxis.label(tick), x: x0 - 8, y: y + 4 * f, size: fs(11), anchor: .end, fill: "#333")
        }
        if style != .bars {
            for tick in xAxis.ticks {
                let x = px(tick)
                svg.line(x1: x, y1: y0, x2: x, y2: y1, stroke: "#f0f0f0")
                svg.line(x1: x, y1: y1, x2: x, y2: y1 + 5, stroke: "#444")
                svg.text(xAxis.label(tick), x: x, y: y1 + 8 + 11 * f, size: fs(11), anchor: .middle, fill: "#333")
            }
        }
        svg.line(x1: x0, y1: y1, x2: x1, y2: y1, stroke: "#444")
        svg.line(x1: x0, y1: y0, x2: x0, y2: y1, stroke: "#444")
        svg.text(data.xTitle, x: (x0 + x1) / 2, y: y1 + 14 + 28 * f + bottomExtra, size: fs(12), anchor: .middle)
        svg.text(yTitle, x: left + 6 + 12 * f, y: (y0 + y1) / 2, size: fs(12), anchor: .middle, rotate: -90)

        if panel.series.isEmpty {
            svg.text("no data", x: (x0 + x1) / 2, y: (y0 + y1) / 2, size: fs(13), anchor: .middle, fill: "#888")
            return
        }
        switch style {
        case .scatter: drawScatter(&svg, panel, px: px, py: py, x1: x1, y0: y0)
        case .lines: drawLines(&svg, panel, px: px, py: py)
        case .bars: drawBars(&svg, panel, x0: x0, x1: x1, y1: y1, py: py, yAxis: yAxis)
        }
    }

    /// A series' marker: a known policy's own shape (`SchedulerPalette`), else one per series.
    func shape(_ name: String) -> Int { SchedulerPalette.knownShape(name) ?? data.seriesNames.firstIndex(of: name) ?? 0 }
    /// Oracles (upper bounds, not policies one can run) are drawn dashed.
    func dash(_ name: String) -> String? { SchedulerPalette.isBound(name) ? "6 3" : nil }
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
            svg.text("lower left is better ↙", x: x1, y: y0 - 10, size: fs(11), anchor: .end, fill: "#777")
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
            svg.polyline(series.points.map { (px($0.x), py($0.mean)) }, stroke: color(series.name), width: 2, dash: dash(series.name))
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
                             size: fs(10), anchor: .middle, fill: "#333")
                }
            }
            let labelX = x0 + (Double(c) + 0.5) * band
            if slanted {
                svg.text(category, x: labelX, y: y1 + 14, size: fs(11), anchor: .end, fill: "#333", rotate: -35)
            } else {
                svg.text(category, x: labelX, y: y1 + 18, size: fs(11), anchor: .middle, fill: "#333")
            }
        }
    }

    func drawLegend(_ svg: inout SVGWriter, names: [String], x: Double, y: Double) {
        svg.text(legendTitle, x: x + 4, y: y, size: fs(12), weight: "bold")
        for (i, name) in names.enumerated() {
            let rowY = y + 22 * spec.fontScale + Double(i) * 20 * spec.fontScale
            legendKey(&svg, name: name, x: x, y: rowY)
            svg.text(name, x: x + 34 * spec.fontScale, y: rowY, size: fs(12))
        }
    }

    /// A legend in rows above or below the panels.
    func drawBandLegend(_ svg: inout SVGWriter, _ items: [(name: String, x: Double, row: Int)], top: Double, rowHeight: Double) {
        svg.text(legendTitle, x: 16, y: top + 16 * spec.fontScale, size: fs(12), weight: "bold")
        for item in items {
            let y = top + 16 * spec.fontScale + Double(item.row) * rowHeight
            legendKey(&svg, name: item.name, x: item.x, y: y)
            svg.text(item.name, x: item.x + 34 * spec.fontScale, y: y, size: fs(12))
        }
    }

    /// The line, bar swatch or marker of one series in a legend row whose text baseline is `y`.
    func legendKey(_ svg: inout SVGWriter, name: String, x: Double, y: Double) {
        let f = spec.fontScale
        if style == .lines {
            svg.line(x1: x + 4, y1: y - 4 * f, x2: x + 26 * f, y2: y - 4 * f, stroke: color(name), width: 2, dash: dash(name))
        }
        if style == .bars {
            svg.rect(x: x + 8, y: y - 11 * f, width: 14 * f, height: 14 * f, fill: color(name))
        } else {
            PlotMarkers.draw(&svg, shape: shape(name), x: x + 15 * f, y: y - 4 * f, r: (style == .lines ? 4.5 : 6) * f,
                             fill: color(name), stroke: style == .scatter ? "#222222" : "#ffffff")
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
