/// A metric's one name, unit and meaning, as every command and file uses it.
public struct MetricDescription: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var meaning: String
    /// Which study's runs report it ("sparse", "rtmm", "synthetic", or "all").
    public var studies: String

    public init(_ name: String, unit: String = "", studies: String, _ meaning: String) {
        self.name = name
        self.unit = unit
        self.meaning = meaning
        self.studies = studies
    }
}

/// The metrics Baton reports (`baton list metrics`, docs/output-formats.md).
public enum MetricCatalog {
    public static let all: [MetricDescription] = [
        MetricDescription("violation_rate", studies: "all", "Fraction of jobs (frames) finishing after their deadline; dropped ones count as violations."),
        MetricDescription("antt", studies: "sparse, synthetic", "Average normalised turnaround time: mean of (finish - arrival) / isolated latency."),
        MetricDescription("stp", unit: "jobs/s", studies: "sparse, synthetic", "System throughput: completed jobs / (last finish - first arrival)."),
        MetricDescription("latency_p50_s", unit: "s", studies: "sparse, synthetic", "Median turnaround (finish - arrival)."),
        MetricDescription("latency_p95_s", unit: "s", studies: "rtmm", "95th-percentile turnaround (mean over seeds of each run's figure)."),
        MetricDescription("latency_p99_s", unit: "s", studies: "sparse, synthetic", "99th-percentile turnaround."),
        MetricDescription("offered_utilization", studies: "sparse", "Load offered: arrival rate x mean isolated request latency (the target when one was given)."),
        MetricDescription("achieved_utilization", studies: "sparse, synthetic", "Fraction of the run's span the accelerator was busy."),
        MetricDescription("rate", unit: "requests/s", studies: "sparse", "Arrival rate, reported as a metric when the load was given as a utilisation."),
        MetricDescription("completed", studies: "synthetic", "Jobs that finished."),
        MetricDescription("late", studies: "synthetic", "Jobs that finished after their deadline."),
        MetricDescription("frames", studies: "rtmm", "Frames counted (released and due within the run)."),
        MetricDescription("uxcost", studies: "rtmm", "UXCost = E_norm x V (energy over the minimum, times the violation fraction)."),
        MetricDescription("uxcost_floored", studies: "rtmm", "UXCost with V and E_norm floored at 1/(2 frames), for ratios and geometric means."),
        MetricDescription("e_norm", studies: "rtmm", "Energy spent over the lowest possible energy of the counted frames."),
        MetricDescription("energy_mj", unit: "mJ", studies: "rtmm, synthetic", "Energy spent on layers run."),
        MetricDescription("drop_rate", studies: "rtmm", "Fraction of frames dropped."),
        MetricDescription("unfinished", studies: "rtmm", "Frames left in the system when the run ended (released = frames + unfinished; 0 unless a policy idles)."),
        MetricDescription("xrbench_score", studies: "rtmm", "XRBench's real-time score (0-100)."),
        MetricDescription("accuracy", studies: "rtmm", "Mean relative accuracy of completed frames (below 1 when smaller model variants ran)."),
    ]

    /// Every metric name.
    public static var names: [String] { all.map(\.name) }
}
