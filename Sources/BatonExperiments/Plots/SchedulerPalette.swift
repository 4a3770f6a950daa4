import BatonCore

/// Colours and marker shapes for series: every registered scheduler has a fixed colour and shape,
/// used in every chart, so a reader learns them once. Related policies share a hue family but stay
/// clearly apart in lightness and always differ in marker shape: the `-sparse` variant of a baseline
/// is a lighter shade of it; Dysta's family is reds to oranges, DREAM's purples; SDRM3 (DREAM's early
/// name, compared with it as a baseline) is magenta so that it stays distinct from DREAM. Oracles
/// (`-oracle`: bounds, not runnable policies) are drawn dashed. Other names get a deterministic
/// colour from a fallback palette.
public enum SchedulerPalette {
    /// Known scheduler names, colours and marker shapes (`PlotMarkers`: 0 circle, 1 square,
    /// 2 triangle up, 3 diamond, 4 triangle down, 5 ring), in legend order.
    public static let knownStyles: [(name: String, color: String, shape: Int)] = [
        ("fcfs", "#7f7f7f", 0),
        ("sjf", "#1f77b4", 0), ("sjf-sparse", "#74add1", 1),
        ("prema", "#2ca02c", 0), ("prema-sparse", "#98d67f", 1),
        ("planaria", "#ff7f0e", 0),
        ("sdrm3", "#e7298a", 0), ("sdrm3-sparse", "#fcc5c0", 1),
        ("dysta", "#d62728", 0), ("dysta-naive", "#fdae6b", 2), ("dysta-static", "#a50f15", 3),
        ("dysta-dynamic", "#fb6a4a", 4), ("dysta-hw", "#7f2704", 1), ("dysta-oracle", "#3b0008", 5),
        ("edf", "#17becf", 0), ("llf", "#0b6e79", 1), ("xrbench", "#bcbd22", 0),
        ("herald", "#8c564b", 0), ("herald-edp", "#c49c94", 1),
        ("dream", "#6a3d9a", 0), ("dream-no-drop", "#b39ddb", 2), ("dream-no-pref", "#e377c2", 3),
        ("dream-fixed", "#2d004b", 1), ("dream-no-variant", "#807dba", 4),
    ]

    /// Known scheduler names and their colours, in legend order.
    public static var known: [(name: String, color: String)] { knownStyles.map { ($0.name, $0.color) } }

    /// The fixed marker shape of a known scheduler, or nil.
    public static func knownShape(_ name: String) -> Int? {
        let lowered = name.lowercased()
        return knownStyles.first { $0.name == lowered }?.shape
    }

    /// Whether a series is a bound rather than a policy (an oracle), drawn dashed.
    public static func isBound(_ name: String) -> Bool { name.lowercased().hasSuffix("-oracle") }

    /// Colours for categories that are not schedulers (models in a Gantt chart): 20 colours picked
    /// to stay distinct from each other side by side, assigned in order (`categoryColors`).
    public static let categorical = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#e6ab02", "#66a61e", "#fb9a99", "#1b9e77", "#a6761d", "#000000", "#4d4d4d", "#6baed6", "#fdd0a2",
    ]

    /// Colours for `names` in order: the i-th name gets `categorical[i]` (cycling after 20).
    public static func categoryColors(for names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for (i, name) in names.enumerated() where result[name] == nil { result[name] = categorical[i % categorical.count] }
        return result
    }

    /// Colours for other names (picked by a stable hash of the name): well separated from each
    /// other (Okabe-Ito and Tol hues), so two fallback series never look alike.
    public static let fallback = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9",
                                  "#332288", "#999933", "#882255", "#222222"]

    /// The fixed colour of a known scheduler (case-insensitive), or nil.
    public static func knownColor(_ name: String) -> String? {
        let lowered = name.lowercased()
        return knownStyles.first { $0.name == lowered }?.color
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
        let knownNames = knownStyles.map(\.name)
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
