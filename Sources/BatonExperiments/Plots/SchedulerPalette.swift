import BatonCore

/// Colours for series: every known scheduler has a fixed colour, used in every chart, so a reader
/// learns them once. Families share a hue: the `-sparse` variant of a baseline is a darker shade
/// of it, Dysta's variants are reds, DREAM's purples; SDRM3 (DREAM's early name, compared with it
/// as a baseline) is magenta so that it stays distinct from DREAM.
/// Other names get a deterministic colour from a fallback palette.
public enum SchedulerPalette {
    /// Known scheduler names and their colours, in legend order.
    public static let known: [(name: String, color: String)] = [
        ("fcfs", "#7f7f7f"),
        ("sjf", "#1f77b4"), ("sjf-sparse", "#0b3d91"),
        ("prema", "#2ca02c"), ("prema-sparse", "#145a14"),
        ("planaria", "#ff7f0e"),
        ("sdrm3", "#e7298a"), ("sdrm3-sparse", "#7a0177"),
        ("dysta", "#d62728"), ("dysta-naive", "#f28e8c"), ("dysta-oracle", "#8b0000"),
        ("edf", "#17becf"), ("xrbench", "#bcbd22"), ("herald", "#8c564b"),
        ("dream", "#9467bd"), ("dream-no-drop", "#c5b0d5"), ("dream-no-pref", "#e377c2"), ("dream-fixed", "#3f007d"),
    ]

    /// Colours for other names (picked by a stable hash of the name): well separated from each
    /// other (Okabe-Ito and Tol hues), so two fallback series never look alike.
    public static let fallback = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9",
                                  "#332288", "#999933", "#882255", "#222222"]

    /// The fixed colour of a known scheduler (case-insensitive), or nil.
    public static func knownColor(_ name: String) -> String? {
        let lowered = name.lowercased()
        return known.first { $0.name == lowered }?.color
    }

    /// The colour of one name on its own: its fixed colour, or a fallback chosen by hash.
    public static func color(_ name: String) -> String {
        knownColor(name) ?? fallback[Int(SeededRandom.fnv1a(name) % UInt64(fallback.count))]
    }

    /// Colours for the series of one chart: known names get their fixed colour; the others start
    /// at their hashed fallback colour and move to the next unused one, so no two series share
    /// a colour (up to the fallback palette's size). Deterministic for a given set of names.
    public static func colors(for names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var used = Set<String>()
        for name in names { if let color = knownColor(name) { result[name] = color; used.insert(color) } }
        for name in names.sorted(by: SweepPointKey.precedes) where result[name] == nil {
            let start = Int(SeededRandom.fnv1a(name) % UInt64(fallback.count))
            var chosen = fallback[start]
            for offset in 0..<fallback.count where !used.contains(fallback[(start + offset) % fallback.count]) {
                chosen = fallback[(start + offset) % fallback.count]
                break
            }
            result[name] = chosen
            used.insert(chosen)
        }
        return result
    }

    /// Series names in legend order: known schedulers in palette order, then others sorted
    /// (numerically when all are numbers).
    public static func legendOrder(_ names: [String]) -> [String] {
        let knownNames = known.map(\.name)
        let first = knownNames.filter { k in names.contains { $0.lowercased() == k } }
            .compactMap { k in names.first { $0.lowercased() == k } }
        let rest = names.filter { knownColor($0) == nil }
        let numeric = rest.compactMap { name in Double(name).map { (name, $0) } }
        let sortedRest = numeric.count == rest.count
            ? numeric.sorted { $0.1 < $1.1 }.map(\.0)
            : rest.sorted(by: SweepPointKey.precedes)
        return first + sortedRest
    }
}
