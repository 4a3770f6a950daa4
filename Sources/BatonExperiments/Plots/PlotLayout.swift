/// How a chart's panels are arranged.
public enum PlotLayout {
    /// Panels per row for `panels` panels: one row up to three; beyond, the column count in 2...4
    /// that divides the panels evenly with no more rows than columns (closest to a square), so no
    /// cell is empty;
    /// for counts with no such divisor (5, 7, 11, ...), ceil(sqrt(n)) columns, the last row short.
    public static func columns(panels: Int) -> Int {
        guard panels > 3 else { return max(1, panels) }
        let root = Double(panels).squareRoot()
        let even = (2...4).filter { panels % $0 == 0 && panels / $0 <= $0 }
        if let best = even.min(by: { (abs(Double($0) - root), -$0) < (abs(Double($1) - root), -$1) }) { return best }
        return Int(root.rounded(.up))
    }
}
