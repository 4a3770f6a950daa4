import BatonCore
import BatonExperiments

/// One run of the sparse study: its parameters and metrics, typed.
public struct SparseRunRecord: RunRecord, Equatable {
    public var scheduler: String
    /// The shipped pool's name, or the trace folder.
    public var workload: String
    /// Arrival rate, requests/s (for a replayed table: requests / last arrival; NaN, undefined,
    /// when every request arrives at t = 0, shown as an empty cell).
    public var rate: Double
    /// The target utilisation when the load was given as one (nil for rates and tables).
    public var targetUtilization: Double?
    /// SLO multiplier (nil for a replayed table, whose deadlines are recorded).
    public var slo: Double?
    /// The replayed request table, if any.
    public var requestTable: String?
    public var requests: Int
    public var seed: Int
    public var compat: String
    /// The CNN cost model (for the attention pool and trace folders it does not apply).
    public var costModel: String
    /// The policy's parameters that differ from their defaults, as `name=value;...` (empty if none).
    public var policyParameters: String

    /// rate x the mean isolated latency of a request (the load offered).
    public var offeredUtilization: Double
    /// Fraction of the run's span the accelerator was busy.
    public var achievedUtilization: Double
    public var violationRate: Double
    public var antt: Double
    public var stp: Double
    public var latencyP50Seconds: Double
    public var latencyP99Seconds: Double

    public var parameterFields: [(name: String, value: ResultValue)] {
        [("scheduler", .text(scheduler)), ("workload", .text(workload)), ("rate", rate.isNaN ? .text("") : .double(rate)),
         ("utilization", targetUtilization.map(ResultValue.double) ?? .text("")),
         ("slo", slo.map(ResultValue.double) ?? .text("table")), ("requests_csv", .text(requestTable ?? "")),
         ("requests", .int(requests)), ("seed", .int(seed)), ("compat", .text(compat)), ("cost_model", .text(costModel)),
         ("policy_parameters", .text(policyParameters))]
    }

    public var metricFields: [(name: String, value: Double)] {
        [("violation_rate", violationRate), ("antt", antt), ("stp", stp), ("latency_p50_s", latencyP50Seconds),
         ("latency_p99_s", latencyP99Seconds), ("offered_utilization", offeredUtilization),
         ("achieved_utilization", achievedUtilization)]
    }
}
