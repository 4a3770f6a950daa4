import BatonCore

/// Draws a window of a `Timeline` as a static Gantt chart in SVG: one row per accelerator, one
/// colour per model, deadline misses as red triangles, drops as crosses on a lane of their own,
/// and a time axis in milliseconds.
public enum GanttChart {
    /// Tooltips (SVG titles) are added only up to this many bars, to keep files small.
    public static let maxTooltips = 5_000
    /// Layer blocks in the default window of a long timeline (no --from/--to).
    public static let defaultWindowBars = 400

    /// - Parameters:
    ///   - fromSeconds, toSeconds: the window (default: the whole timeline, or for one of more than
    ///     `defaultWindowBars` layer blocks the window from its start holding that many, stated in
    ///     the title).
    ///   - width: image width in pixels.
    /// - Throws: `InputError` (.flag) for an empty or inverted window.
    public static func svg(_ timeline: Timeline, fromSeconds: Double? = nil, toSeconds: Double? = nil,
                           width: Double = 1200) throws -> String {
        // Without a window, show the whole timeline widened to round tick values, or, when it has
        // more than `defaultWindowBars` layer blocks, a readable window from its start that holds
        // that many (rounded to a round time), stated in the title.
        let range = timeline.timeRange
        var wholeEnd = max(range.upperBound, range.lowerBound + 1e-6)
        var windowed = false
        if fromSeconds == nil, toSeconds == nil, timeline.bars.count > defaultWindowBars {
            let starts = timeline.bars.map(\.startSeconds).sorted()
            wholeEnd = max(starts[defaultWindowBars], range.lowerBound + 1e-6)
            windowed = wholeEnd < range.upperBound
        }
        let whole = NiceScale(minimum: range.lowerBound * 1000, maximum: wholeEnd * 1000, targetTicks: 9)
        let from = fromSeconds ?? (toSeconds == nil ? whole.lower / 1000 : range.lowerBound)
        let to = toSeconds ?? (fromSeconds == nil ? whole.upper / 1000 : max(range.upperBound, from + 1e-3))
        guard from.isFinite, to.isFinite, to > from else {
            throw InputError(.flag, field: "--to", "the window must end after it starts (from \(from) s to \(to) s)")
        }
        let models = timeline.models
        let colors = SchedulerPalette.categoryColors(for: models)
        let drops = timeline.markers.filter { $0.kind == .drop && $0.timeSeconds >= from && $0.timeSeconds <= to }
        let misses = timeline.markers.filter { $0.kind == .deadlineMiss && $0.timeSeconds >= from && $0.timeSeconds <= to }

        let labelWidth = max(110, (timeline.rows.map { SVGWriter.textWidth($0.name, size: 12) }.max() ?? 0) + 20)
        let plotLeft = labelWidth, plotRight = width - 24
        let rowHeight = 28.0, rowGap = 10.0
        var y = 50.0
        let dropLaneTop = y
        if !drops.isEmpty { y += 18 + rowGap }
        let rowsTop = y
        let rowsBottom = rowsTop + Double(timeline.rows.count) * (rowHeight + rowGap) - rowGap
        let axisY = rowsBottom + 6
        let legendTop = axisY + 66

        let scale = NiceScale(minimum: from * 1000, maximum: to * 1000, targetTicks: 9)
        func x(_ seconds: Double) -> Double {
            plotLeft + (seconds - from) / (to - from) * (plotRight - plotLeft)
        }

        // Legend layout first, to size the image.
        var legendItems: [(label: String, kind: Int)] = models.map { ($0, 0) }
        if !misses.isEmpty { legendItems.append(("deadline miss", 1)) }
        if !drops.isEmpty { legendItems.append(("drop", 2)) }
        var legendPositions: [(Double, Double)] = []
        var lx = plotLeft, ly = legendTop
        for item in legendItems {
            let itemWidth = 22 + SVGWriter.textWidth(item.label, size: 12) + 18
            if lx + itemWidth > plotRight, lx > plotLeft { lx = plotLeft; ly += 20 }
            legendPositions.append((lx, ly))
            lx += itemWidth
        }
        let height = ly + 24

        var svg = SVGWriter(width: width, height: height)
        var windowText = "\(ResultTable.formatFixed(from * 1000, digits: scale.decimals))–\(ResultTable.formatFixed(to * 1000, digits: scale.decimals)) ms"
        if windowed {
            windowText += " of \(compactNumber(range.upperBound * 1000)) ms (the first \(defaultWindowBars) layer blocks; --from/--to for another window)"
        }
        svg.text("Schedule: \(timeline.title)", x: plotLeft, y: 24, size: 15, weight: "bold")
        svg.text(windowText, x: plotRight, y: 24, size: 12, anchor: .end, fill: "#555")

        // Row backgrounds and labels.
        for (r, row) in timeline.rows.enumerated() {
            let top = rowsTop + Double(r) * (rowHeight + rowGap)
            svg.rect(x: plotLeft, y: top, width: plotRight - plotLeft, height: rowHeight, fill: "#f3f3f3")
            svg.text(row.name, x: plotLeft - 10, y: top + rowHeight / 2 + 4, size: 12, anchor: .end)
        }
        if !drops.isEmpty {
            svg.rect(x: plotLeft, y: dropLaneTop, width: plotRight - plotLeft, height: 18, fill: "#fafafa")
            svg.text("drops", x: plotLeft - 10, y: dropLaneTop + 13, size: 12, anchor: .end, fill: "#555")
        }
        // Grid and axis.
        for tick in scale.ticks where tick >= from * 1000 - 1e-9 && tick <= to * 1000 + 1e-9 {
            let tx = x(tick / 1000)
            svg.line(x1: tx, y1: dropLaneTop, x2: tx, y2: axisY, stroke: "#dddddd", width: 1)
            svg.line(x1: tx, y1: axisY, x2: tx, y2: axisY + 5, stroke: "#444", width: 1)
            svg.text(scale.label(tick, suffixes: false), x: tx, y: axisY + 19, size: 11, anchor: .middle)
        }
        svg.line(x1: plotLeft, y1: axisY, x2: plotRight, y2: axisY, stroke: "#444", width: 1)
        svg.text("time (ms)", x: (plotLeft + plotRight) / 2, y: axisY + 37, size: 12, anchor: .middle)

        // Bars: clip to the window, join a job's back-to-back layers, and fold sub-pixel slivers.
        let bars = coalesce(timeline.bars, from: from, to: to, pixelsPerSecond: (plotRight - plotLeft) / (to - from))
        let withTooltips = bars.count <= maxTooltips
        for bar in bars {
            let top = rowsTop + Double(bar.row) * (rowHeight + rowGap)
            let left = x(bar.startSeconds), barWidth = max(0.5, x(bar.endSeconds) - left)
            let tooltip = withTooltips
                ? "\(bar.model) job \(bar.job): \(ResultTable.formatFixed(bar.startSeconds * 1000, digits: 3))–\(ResultTable.formatFixed(bar.endSeconds * 1000, digits: 3)) ms"
                : nil
            svg.rect(x: left, y: top + 2, width: barWidth, height: rowHeight - 4, fill: colors[bar.model] ?? "#888",
                     stroke: barWidth > 4 ? "#ffffff" : nil, strokeWidth: 0.75, title: tooltip)
        }
        // Markers.
        for miss in misses {
            guard let row = miss.row, timeline.rows.indices.contains(row) else { continue }
            let top = rowsTop + Double(row) * (rowHeight + rowGap)
            let mx = x(miss.timeSeconds)
            svg.line(x1: mx, y1: top, x2: mx, y2: top + rowHeight, stroke: "#d00000", width: 1.5)
            svg.polygon([(mx - 5, top - 8), (mx + 5, top - 8), (mx, top)], fill: "#d00000",
                        title: "deadline miss: \(miss.model) job \(miss.job) at \(ResultTable.formatFixed(miss.timeSeconds * 1000, digits: 3)) ms")
        }
        for drop in drops {
            let dx = x(drop.timeSeconds), cy = dropLaneTop + 9
            svg.line(x1: dx - 4, y1: cy - 4, x2: dx + 4, y2: cy + 4, stroke: "#333", width: 1.5)
            svg.line(x1: dx - 4, y1: cy + 4, x2: dx + 4, y2: cy - 4, stroke: "#333", width: 1.5)
        }
        // Legend.
        for (item, position) in zip(legendItems, legendPositions) {
            let (px, py) = position
            switch item.kind {
            case 0: svg.rect(x: px, y: py - 10, width: 14, height: 12, fill: colors[item.label] ?? "#888")
            case 1: svg.polygon([(px, py - 9), (px + 12, py - 9), (px + 6, py + 1)], fill: "#d00000")
            default:
                svg.line(x1: px + 2, y1: py - 8, x2: px + 10, y2: py, stroke: "#333", width: 1.5)
                svg.line(x1: px + 2, y1: py, x2: px + 10, y2: py - 8, stroke: "#333", width: 1.5)
            }
            svg.text(item.label, x: px + 20, y: py, size: 12)
        }
        return svg.document(title: "Schedule: \(timeline.title) (\(windowText))")
    }

    /// Bars clipped to the window; consecutive layers of one job on one row joined; bars
    /// narrower than half a pixel merged into a touching neighbour of the same model.
    static func coalesce(_ bars: [Timeline.Bar], from: Double, to: Double, pixelsPerSecond: Double) -> [Timeline.Bar] {
        let visible = bars.enumerated()
            .filter { $0.element.endSeconds > from && $0.element.startSeconds < to }
            .sorted { ($0.element.row, $0.element.startSeconds, $0.offset) < ($1.element.row, $1.element.startSeconds, $1.offset) }
            .map(\.element)
        var result: [Timeline.Bar] = []
        let halfPixel = 0.5 / pixelsPerSecond
        for var bar in visible {
            bar.startSeconds = max(bar.startSeconds, from)
            bar.endSeconds = min(bar.endSeconds, to)
            if var last = result.last, last.row == bar.row {
                let touching = bar.startSeconds - last.endSeconds <= max(1e-12, 1e-9 * abs(bar.startSeconds))
                let sameJob = last.job == bar.job && last.model == bar.model && touching
                let sliver = last.model == bar.model && bar.startSeconds - last.endSeconds < halfPixel
                    && (bar.endSeconds - bar.startSeconds < halfPixel || last.endSeconds - last.startSeconds < halfPixel)
                if sameJob || sliver {
                    last.endSeconds = max(last.endSeconds, bar.endSeconds)
                    if !sameJob { last.job = -1 }
                    result[result.count - 1] = last
                    continue
                }
            }
            result.append(bar)
        }
        return result
    }
}
