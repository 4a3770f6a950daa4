import BatonCore

/// The charts Baton draws.
public enum PlotKind: String, CaseIterable, Sendable {
    /// Violation rate vs ANTT: one marker per series (the mean), each row as a faint dot.
    case tradeoff
    /// A metric against the SLO multiplier, one line per scheduler.
    case slo
    /// A metric against the arrival rate, one line per scheduler.
    case rate
    /// Grouped bars: a metric per category (scenario) and scheduler.
    case bars
    /// Predictor error by layer position, one line per predictor.
    case predictor
    /// A tuned parameter or cost over tuning windows.
    case tuning

    /// How the kind draws its data.
    public enum Style: Sendable { case scatter, lines, bars }

    public var style: Style {
        switch self {
        case .tradeoff: .scatter
        case .bars: .bars
        case .slo, .rate, .predictor, .tuning: .lines
        }
    }

    /// Default columns (x, y, series); each can be overridden.
    public var defaults: (x: String, y: String, series: String) {
        switch self {
        case .tradeoff: ("violation_rate", "antt", "scheduler")
        case .slo: ("slo", "violation_rate", "scheduler")
        case .rate: ("rate", "violation_rate", "scheduler")
        case .bars: ("scenario", "uxcost", "scheduler")
        case .predictor: ("layer", "rmse", "predictor")
        case .tuning: ("window", "uxcost", "scenario")
        }
    }
}

/// What to draw from a result table: which columns are x, y (one panel per y column), series
/// (one colour per value) and facet (one panel per value).
public struct PlotSpec: Sendable, Equatable {
    public var kind: PlotKind
    /// The x column (numeric, except for bars, where it names the categories).
    public var x: String
    /// One or more numeric y columns; each gets its own panel.
    public var y: [String]
    /// The series column, or nil for a single series.
    public var series: String?
    /// Whether `series` was given (an absent default series column means a single series;
    /// an absent explicit one is an error).
    public var seriesIsExplicit: Bool
    /// The facet column (one panel per value), or nil.
    public var facet: String?
    /// Chart title (default: "<y> vs <x>").
    public var title: String?
    /// Axis titles (default: from `ColumnLabels`).
    public var xLabel: String?
    public var yLabel: String?
    /// Logarithmic y axis (positive values only).
    public var logY: Bool
    /// Logarithmic x axis (positive values only; not for bars).
    public var logX = false
    /// Size of one panel in pixels (axes included).
    public var panelWidth: Double
    public var panelHeight: Double
    /// Whole figure size in pixels; when set, the panels are sized to fit it.
    public var figureWidth: Double?
    public var figureHeight: Double?
    /// Multiplies every font size.
    public var fontScale = 1.0
    /// Panels per row (nil: `PlotLayout.columns`).
    public var facetColumns: Int?
    /// Where the legend goes.
    public var legend: FigureOptions.LegendPosition = .right

    /// Columns left nil take the kind's defaults; `series: "none"` draws a single series.
    public init(kind: PlotKind, x: String? = nil, y: [String]? = nil, series: String? = nil, facet: String? = nil,
                title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, logY: Bool = false,
                panelWidth: Double = 560, panelHeight: Double = 380) {
        self.kind = kind
        self.x = x ?? kind.defaults.x
        self.y = y ?? [kind.defaults.y]
        self.series = series == "none" || series == "" ? nil : (series ?? kind.defaults.series)
        self.seriesIsExplicit = series != nil
        self.facet = facet
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }
}
