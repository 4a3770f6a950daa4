import BatonCore
import BatonExperiments

/// The sparse study's run parameters, each declared once: sweep keys, `baton list parameters`
/// and `docs/parameters.md` come from here.
public enum SparseStudyParameters {
    public static let pool = ParameterDeclaration(
        "pool", .choice(SparsePool.allCases.map(\.rawValue)), default: "attention",
        help: "Workload pool of the shipped benchmark: attention (Sanger) or cnn (Eyeriss-V2).")
    public static let traces = ParameterDeclaration(
        "traces", .text, default: "", unit: "path",
        help: "A folder of trace CSVs in the Dysta artifact's formats, instead of the shipped pool.")
    public static let inputs = ParameterDeclaration(
        "inputs", .integer(1...SparseBenchmark.maxInputsPerFile), default: .int(SparseRunPlan.defaultInputsPerFile),
        help: "Inputs per trace file of the shipped benchmark.")
    public static let benchmarkSeed = ParameterDeclaration(
        "benchmark_seed", .integer(0...Int.max), default: 1, help: "Seed of the shipped benchmark's synthetic traces.")
    public static let scheduler = ParameterDeclaration(
        "scheduler", .text, default: "dysta", help: "The policy (any registered name; `baton list policies`).")
    public static let rate = ParameterDeclaration(
        "rate", .real(1e-9...1e9), default: 30, unit: "requests/s", help: "Poisson arrival rate.")
    public static let utilization = ParameterDeclaration(
        "utilization", .real(1e-6...100), default: 0.5,
        help: "Target utilisation: rate = utilization / mean isolated request latency (instead of rate).")
    public static let requestsCSV = ParameterDeclaration(
        "requests_csv", .text, default: "", unit: "path",
        help: "Replay this request table (arrival_s,model,priority,input,deadline_s) instead of generating requests.")
    public static let slo = ParameterDeclaration(
        "slo", .real(1e-6...1e9), default: 10,
        help: "SLO multiplier: deadline = arrival + slo x the architecture's mean isolated latency.")
    public static let requests = ParameterDeclaration(
        "requests", .integer(1...SimulationLimits.maxRequests), default: 1000, help: "Requests per run.")
    public static let seed = ParameterDeclaration(
        "seed", .integer(0...Int.max), default: 1, help: "Seed of the request stream (and of a policy's own randomness).")
    public static let compat = ParameterDeclaration(
        "compat", .choice(SimulationSettings.Compatibility.allCases.map(\.rawValue)), default: "none",
        help: "Reference-compatibility mode: dysta-artifact replays the Dysta artifact's loop and quirks.")

    public static let costModel = ParameterDeclaration(
        "cost_model", .text, default: "eyeriss-v2",
        help: "Latency model of the shipped CNN pool's layers (a registered cost model; `baton list cost-models`).")

    /// Every sparse-study run parameter, in listing order.
    public static let all = [pool, traces, inputs, benchmarkSeed, scheduler, rate, utilization, requestsCSV, slo, requests, seed, compat, costModel]
}
