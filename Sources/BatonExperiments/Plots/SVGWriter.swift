import BatonCore

/// Builds SVG text element by element, with escaped text and fixed-precision coordinates, so the
/// same drawing always gives the same bytes.
public struct SVGWriter {
    /// Width and height in pixels.
    public let width: Double
    public let height: Double
    private var body = ""

    /// The font stack used for all text.
    public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A number as SVG text: at most two decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = ResultTable.formatFixed(value, digits: 2)
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Text escaped for XML content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    private func n(_ value: Double) -> String { SVGWriter.number(value) }

    /// Appends raw markup (already valid SVG).
    public mutating func raw(_ markup: String) { body += markup }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, strokeWidth: Double = 1, opacity: Double? = nil, title: String? = nil) {
        body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        if let opacity { body += " fill-opacity=\"\(n(opacity))\"" }
        if let title { body += "><title>\(SVGWriter.escape(title))</title></rect>\n" } else { body += "/>\n" }
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil, opacity: Double? = nil) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let opacity { body += " stroke-opacity=\"\(n(opacity))\"" }
        body += "/>\n"
    }

    /// A polyline through points (x, y).
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard points.count > 1 else { return }
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>\n"
    }

    public mutating func polygon(_ points: [(Double, Double)], fill: String, stroke: String? = nil, opacity: Double? = nil,
                                 title: String? = nil) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body += "<polygon points=\"\(list)\" fill=\"\(fill)\""
        if let opacity { body += " fill-opacity=\"\(n(opacity))\"" }
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        if let title { body += "><title>\(SVGWriter.escape(title))</title></polygon>\n" } else { body += "/>\n" }
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
                                opacity: Double? = nil, title: String? = nil) {
        body += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        if let opacity { body += " fill-opacity=\"\(n(opacity))\"" }
        if let title { body += "><title>\(SVGWriter.escape(title))</title></circle>\n" } else { body += "/>\n" }
    }

    public enum Anchor: String { case start, middle, end }

    public mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              weight: String? = nil, fill: String = "#222", rotate: Double? = nil, baseline: String? = nil) {
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { body += " font-weight=\"\(weight)\"" }
        if let baseline { body += " dominant-baseline=\"\(baseline)\"" }
        if fill != "#222" { body += " fill=\"\(fill)\"" }
        if let rotate { body += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        body += ">\(SVGWriter.escape(string))</text>\n"
    }

    /// The finished document (with a white background).
    public func document(title: String? = nil) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"\(SVGWriter.fontFamily)\">\n"
        if let title { out += "<title>\(SVGWriter.escape(title))</title>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        return out + body + "</svg>\n"
    }

    /// Rough width of a text in pixels (0.6 em per character), for layout.
    public static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }
}
