/// Axis titles with units for result columns, and the display scale of fraction columns.
///
/// Known Baton metric names get a fixed title; fraction metrics (violation, drop, utilisation)
/// are shown in percent. Other names are humanised, with a unit taken from a suffix
/// (`_s`/`_seconds`: s, `_ms`: ms, `_us`: µs, `_mj`: mJ, `_j`: J, `_pct`/`_percent`: %).
public enum ColumnLabels {
    /// Known columns: (title, multiplier applied to values for display).
    public static let known: [String: (title: String, scale: Double)] = [
        "violation_rate": ("SLO violation rate (%)", 100),
        "violation": ("SLO violation rate (%)", 100),
        "drop_rate": ("Drop rate (%)", 100),
        "miss_rate": ("Deadline-miss rate (%)", 100),
        "utilization": ("Target utilisation (%)", 100),
        "offered_utilization": ("Offered utilisation (%)", 100),
        "achieved_utilization": ("Achieved utilisation (%)", 100),
        "antt": ("ANTT (× isolated latency)", 1),
        "throughput": ("Throughput (jobs/s)", 1),
        "stp": ("System throughput (jobs/s)", 1),
        "slo": ("SLO multiplier (× isolated latency)", 1),
        "rmse_s": ("RMSE (s)", 1),
        "mse_s2": ("MSE (s²)", 1),
        "layers_run": ("Layers run", 1),
        "rate": ("Arrival rate (requests/s)", 1),
        "energy_mj": ("Energy (mJ)", 1),
        "uxcost": ("UXCost (normalised energy × violation)", 1),
        "xrbench_score": ("XRBench score (0–100)", 1),
        "layer": ("Layer position", 1),
        "window": ("Tuning window", 1),
        "alpha": ("alpha (fairness weight)", 1),
        "beta": ("beta (preference weight)", 1),
        "seed": ("Seed", 1),
        "rmse": ("RMSE", 1),
        "mse": ("MSE", 1),
        "mean_signed_error": ("Mean signed error", 1),
        "mean_relative_error": ("Mean relative error", 1),
        "jobs": ("Requests", 1),
        "scheduler": ("Scheduler", 1),
        "scenario": ("Scenario", 1),
        "predictor": ("Predictor", 1),
    ]

    /// The axis title and display multiplier of a column.
    public static func label(_ column: String) -> (title: String, scale: Double) {
        if let entry = known[column.lowercased()] { return entry }
        let suffixes: [(String, String, Double)] = [
            ("_seconds", "s", 1), ("_s", "s", 1), ("_ms", "ms", 1), ("_us", "µs", 1), ("_mj", "mJ", 1),
            ("_j", "J", 1), ("_pct", "%", 1), ("_percent", "%", 1),
        ]
        for (suffix, unit, scale) in suffixes where column.lowercased().hasSuffix(suffix) && column.count > suffix.count {
            return ("\(humanise(String(column.dropLast(suffix.count)))) (\(unit))", scale)
        }
        return (humanise(column), 1)
    }

    /// "turnaround_p99" -> "Turnaround p99".
    static func humanise(_ name: String) -> String {
        let spaced = name.replacingAll("_", with: " ")
        guard let first = spaced.first else { return name }
        return first.uppercased() + spaced.dropFirst()
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
