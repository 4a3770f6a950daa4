import BatonCore
import BatonSparse
import Foundation

/// The `sparse` study's sweep runner: one point is one simulation of the sparse multi-DNN study.
///
/// Parameters (defaults in brackets): `pool` [attention] or `traces` (a trace directory), `inputs`
/// [200], `benchmark_seed` [1], `scheduler` [dysta], `rate` (requests/s) or `utilization` [rate 30],
/// `slo` [10], `requests` [1000], `seed` [1], `compat` [none | dysta-artifact], `alpha` [1], `beta`
/// [0.01], `predictor` [average]. Metrics: violation_rate, antt, stp, latency_p50_s, latency_p99_s,
/// and `offered_utilization` (for rate points) or `rate_per_second` (for utilisation points).
public struct SparseSweepRunner: SweepPointRunner {
    /// Check the engine's invariants during every point's run (`baton sweep --check`).
    public var checkInvariants: Bool

    public init(checkInvariants: Bool = false) {
        self.checkInvariants = checkInvariants
    }

    public var study: String { "sparse" }
    public static let parameterNames = ["alpha", "benchmark_seed", "beta", "compat", "inputs", "pool", "predictor",
                                        "rate", "requests", "scheduler", "seed", "slo", "traces", "utilization"]

    /// Workloads by definition, shared by the points (and threads) of a sweep.
    private static let cache = WorkloadCache()

    func plan(_ point: SweepPoint) throws -> SparseRunPlan {
        try point.requireOnly(SparseSweepRunner.parameterNames, study: study)
        var plan = SparseRunPlan()
        if point.has("traces") {
            plan.workload = .traces(directory: try point.string("traces"))
        } else {
            let name = try point.string("pool", default: "attention", allowed: SparsePool.allCases.map(\.rawValue))
            let pool = SparsePool(rawValue: name) ?? .attention  // checked against the allowed names above
            let inputs = try point.int("inputs", default: SparseRunPlan.defaultInputsPerFile, in: 1...SparseBenchmark.maxInputsPerFile)
            // The benchmark's size is checked here, before any point runs, not when it is generated.
            let rows = try SparseBenchmark.traceRows(pool: pool, inputsPerFile: inputs)
            if rows > SimulationLimits.maxTraceRows {
                let line = point.parameter("inputs").map(\.line) ?? 0
                throw InputError(.limit, file: point.source, line: line > 0 ? line : nil, field: "inputs",
                                 "\(inputs) inputs per trace file make \(rows) trace rows for the \(name) pool, over the limit of \(SimulationLimits.maxTraceRows)",
                                 hint: "see docs/limits.md")
            }
            plan.workload = .pool(pool, inputsPerFile: inputs,
                                  benchmarkSeed: UInt64(try point.int("benchmark_seed", default: 1, in: 0...Int.max)))
        }
        plan.schedulers = [try point.string("scheduler", default: "dysta", allowed: SparseSchedulers.names)]
        if point.has("rate") && point.has("utilization") {
            let line = point.parameter("utilization").map(\.line) ?? 0
            throw InputError(.config, file: point.source, line: line > 0 ? line : nil, field: "utilization",
                             "give rate or utilization, not both")
        }
        if point.has("utilization") {
            plan.load = .utilizations([try point.double("utilization", in: 1e-6...100, requirement: "expected 0 < utilization <= 100")])
        } else {
            plan.load = .rates([try point.double("rate", default: 30, in: 1e-9...1e9, requirement: "expected a positive rate")])
        }
        plan.sloMultipliers = [try point.double("slo", default: 10, in: 1e-6...1e9, requirement: "expected a positive multiplier")]
        plan.requests = try point.int("requests", default: 1000, in: 1...SimulationLimits.maxRequests)
        if case .rates(let rates) = plan.load, let rate = rates.first {
            do {
                try RequestGenerator.checkSpan(count: plan.requests, perSecond: rate)
            } catch var error as InputError {
                let line = point.parameter("rate").map(\.line) ?? 0
                error.file = point.source
                error.line = line > 0 ? line : nil
                throw error
            }
        }
        plan.seeds = [try point.int("seed", default: 1, in: 0...Int.max)]
        let compat = try point.string("compat", default: "none", allowed: SimulationSettings.Compatibility.allCases.map(\.rawValue))
        plan.compatibility = SimulationSettings.Compatibility(rawValue: compat) ?? .none  // checked above
        plan.alpha = try point.double("alpha", default: 1, in: 0...1e9)
        plan.beta = try point.double("beta", default: 0.01, in: 0...1e9)
        plan.predictor = try point.string("predictor", default: "average", allowed: SparseStudy.predictorNames)
        plan.perSeed = true
        plan.checkInvariants = checkInvariants
        return plan
    }

    public func check(_ point: SweepPoint) throws { _ = try plan(point) }

    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let plan = try plan(point)
        let workload = try Self.cache.workload(for: plan)
        let table = try SparseStudy.run(plan, workload: workload)
        let metrics = ["violation_rate", "antt", "stp", "latency_p50_s", "latency_p99_s"].map {
            ($0, table.value(0, $0) ?? .text(""))
        }
        // The load in the unit the point did not give (rate for a utilisation point and vice versa).
        let other = point.has("utilization") ? "rate_per_second" : "offered_utilization"
        return metrics + [(other, table.value(0, point.has("utilization") ? "rate" : "utilization") ?? .text(""))]
    }
}

/// Loaded workloads keyed by what defines them, one copy per worker thread.
///
/// Points on different threads could share one workload (it is immutable), but every run retains
/// and releases its catalog object many times, and two cores updating one reference count slow
/// each other down (measured: 1.3x instead of 1.9x with two jobs). A per-thread copy costs one
/// benchmark build per thread.
struct WorkloadCache: Sendable {
    private let cache = LockedCache<String, SparseWorkload>()

    func workload(for plan: SparseRunPlan) throws -> SparseWorkload {
        let key = "\(plan.workload)|\(plan.compatibility.rawValue)|\(ObjectIdentifier(Thread.current).hashValue)"
        return try cache.value(for: key) { try SparseStudy.loadWorkload(plan) }
    }
}
