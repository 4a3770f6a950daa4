/// Marker shapes, one per series (cycled), so series differ by shape as well as colour.
enum PlotMarkers {
    static let shapeCount = 6

    /// Draws marker `shape` (0 circle, 1 square, 2 triangle up, 3 diamond, 4 triangle down, 5 ring)
    /// centred at (x, y) with half-size `r`.
    static func draw(_ svg: inout SVGWriter, shape: Int, x: Double, y: Double, r: Double, fill: String,
                     stroke: String? = "#ffffff", opacity: Double? = nil, title: String? = nil) {
        switch shape % shapeCount {
        case 0:
            svg.circle(cx: x, cy: y, r: r, fill: fill, stroke: stroke, opacity: opacity, title: title)
        case 1:
            svg.rect(x: x - r * 0.9, y: y - r * 0.9, width: r * 1.8, height: r * 1.8, fill: fill, stroke: stroke,
                     opacity: opacity, title: title)
        case 2:
            svg.polygon([(x, y - r * 1.15), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)], fill: fill,
                        stroke: stroke, title: title)
        case 3:
            svg.polygon([(x, y - r * 1.25), (x + r * 1.1, y), (x, y + r * 1.25), (x - r * 1.1, y)], fill: fill,
                        stroke: stroke, title: title)
        case 4:
            svg.polygon([(x, y + r * 1.15), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)], fill: fill,
                        stroke: stroke, title: title)
        default:
            // A ring: the colour as a thick outline around a white centre.
            svg.circle(cx: x, cy: y, r: r, fill: fill, stroke: stroke, opacity: opacity, title: title)
            svg.circle(cx: x, cy: y, r: r * 0.45, fill: "#ffffff")
        }
    }
}
