/// A metric's one name, unit and meaning, as every command and file uses it.
public struct MetricDescription: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var meaning: String
    /// Which study's runs report it ("sparse", "rtmm", "synthetic", or "all").
    public var studies: String
    /// Which way is better (what a paired comparison counts as a win), or nil when neither is.
    public var better: Better?
    /// Whether a fraction (0...1): paired differences are stated in percentage points.
    public var isFraction: Bool

    /// The direction in which a metric improves.
    public enum Better: String, Sendable { case lower, higher }

    public init(_ name: String, unit: String = "", studies: String, better: Better? = nil, fraction: Bool = false, _ meaning: String) {
        self.name = name
        self.unit = unit
        self.meaning = meaning
        self.studies = studies
        self.better = better
        self.isFraction = fraction
    }
}

/// The metrics Baton reports (`baton list metrics`, docs/output-formats.md).
public enum MetricCatalog {
    public static let all: [MetricDescription] = [
        MetricDescription("violation_rate", studies: "all", better: .lower, fraction: true, "Fraction of jobs (frames) finishing after their deadline; dropped ones count as violations."),
        MetricDescription("antt", studies: "sparse, synthetic", better: .lower, "Average normalised turnaround time: mean of (finish - arrival) / isolated latency."),
        MetricDescription("stp", unit: "jobs/s", studies: "sparse, synthetic", better: .higher, "System throughput: completed jobs / (last finish - first arrival)."),
        MetricDescription("latency_p50_s", unit: "s", studies: "sparse, synthetic", better: .lower, "Median turnaround (finish - arrival)."),
        MetricDescription("latency_p95_s", unit: "s", studies: "rtmm", better: .lower, "95th-percentile turnaround (mean over seeds of each run's figure)."),
        MetricDescription("latency_p99_s", unit: "s", studies: "sparse, synthetic", better: .lower, "99th-percentile turnaround."),
        MetricDescription("offered_utilization", studies: "sparse", "Load offered: arrival rate x mean isolated request latency (the target when one was given)."),
        MetricDescription("achieved_utilization", studies: "sparse, synthetic", fraction: true, "Fraction of the run's span the accelerator was busy."),
        MetricDescription("rate", unit: "requests/s", studies: "sparse", "Arrival rate, reported as a metric when the load was given as a utilisation."),
        MetricDescription("completed", studies: "synthetic", better: .higher, "Jobs that finished."),
        MetricDescription("late", studies: "synthetic", better: .lower, "Jobs that finished after their deadline."),
        MetricDescription("frames", studies: "rtmm", "Frames counted (released and due within the run)."),
        MetricDescription("uxcost", studies: "rtmm", better: .lower, "UXCost = E_norm x V (energy over the minimum, times the violation fraction)."),
        MetricDescription("uxcost_floored", studies: "rtmm", better: .lower, "UXCost with V and E_norm floored at 1/(2 frames), for ratios and geometric means."),
        MetricDescription("e_norm", studies: "rtmm", better: .lower, "Energy spent over the lowest possible energy of the counted frames."),
        MetricDescription("energy_mj", unit: "mJ", studies: "rtmm, synthetic", better: .lower, "Energy spent on layers run."),
        MetricDescription("drop_rate", studies: "rtmm", better: .lower, fraction: true, "Fraction of frames dropped."),
        MetricDescription("unfinished", studies: "rtmm", better: .lower, "Frames left in the system when the run ended (released = frames + unfinished; 0 unless a policy idles)."),
        MetricDescription("xrbench_score", studies: "rtmm", better: .higher, "XRBench's real-time score (0-100)."),
        MetricDescription("accuracy", studies: "rtmm", better: .higher, "Mean relative accuracy of completed frames (below 1 when smaller model variants ran)."),
    ]

    /// Every metric name.
    public static var names: [String] { all.map(\.name) }

    /// The description of metric `name`, if catalogued.
    public static func description(_ name: String) -> MetricDescription? { all.first { $0.name == name } }
}
