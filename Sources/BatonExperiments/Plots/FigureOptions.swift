import BatonCore

/// Figure settings for papers, declared once and taken by `plot`, `experiment` and `reproduce`
/// (`--width`, `--height`, `--font-scale`, `--facet-columns`, `--log-x`, `--log-y`, `--legend`,
/// `--title`): applied to a `PlotSpec` with `apply(to:)`.
public struct FigureOptions: Sendable, Equatable {
    /// Where the legend goes.
    public enum LegendPosition: String, Sendable, CaseIterable {
        case right, bottom, top, none
    }

    /// Whole figure size in pixels (nil: from the panels' default size).
    public var width: Double?
    public var height: Double?
    /// Multiplies every font size (and the space text takes).
    public var fontScale: Double = 1
    /// Panels per row (nil: a layout without empty cells where one exists).
    public var facetColumns: Int?
    public var logX = false
    public var logY = false
    public var legend: LegendPosition = .right
    /// Replaces the chart title.
    public var title: String?

    public init(width: Double? = nil, height: Double? = nil, fontScale: Double = 1, facetColumns: Int? = nil,
                logX: Bool = false, logY: Bool = false, legend: LegendPosition = .right, title: String? = nil) {
        self.width = width
        self.height = height
        self.fontScale = fontScale
        self.facetColumns = facetColumns
        self.logX = logX
        self.logY = logY
        self.legend = legend
        self.title = title
    }

    /// Accepted ranges (checked by `validate`).
    public static let sizeRange = 200.0...20_000.0
    public static let fontScaleRange = 0.5...4.0
    public static let facetColumnRange = 1...12

    /// Checks every value; `InputError` (.flag) names the flag.
    public func validate() throws {
        for (value, flag) in [(width, "--width"), (height, "--height")] {
            if let value, !(value.isFinite && Self.sizeRange.contains(value)) {
                throw InputError(.flag, field: flag, "\(flag.dropFirst(2)) \(ResultValue.format(value)) must be from 200 to 20000 pixels")
            }
        }
        guard fontScale.isFinite, Self.fontScaleRange.contains(fontScale) else {
            throw InputError(.flag, field: "--font-scale", "font scale \(ResultValue.format(fontScale)) must be from 0.5 to 4")
        }
        if let facetColumns, !Self.facetColumnRange.contains(facetColumns) {
            throw InputError(.flag, field: "--facet-columns", "facet columns \(facetColumns) must be from 1 to 12")
        }
    }

    /// `spec` with these settings (settings left at their defaults leave the spec's own).
    public func apply(to spec: PlotSpec) -> PlotSpec {
        var spec = spec
        if let title { spec.title = title }
        if logX { spec.logX = true }
        if logY { spec.logY = true }
        spec.fontScale = fontScale
        spec.facetColumns = facetColumns ?? spec.facetColumns
        spec.legend = legend
        spec.figureWidth = width ?? spec.figureWidth
        spec.figureHeight = height ?? spec.figureHeight
        return spec
    }
}
