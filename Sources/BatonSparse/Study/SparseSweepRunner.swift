import BatonCore
import BatonPolicies
import BatonExperiments
import Foundation

/// The `sparse` study's sweep runner: one point is one simulation of the sparse multi-DNN study.
///
/// Run parameters: `SparseStudyParameters` (pool or traces, inputs, benchmark_seed, scheduler,
/// rate or utilization, slo, requests, seed, compat); every other parameter is a policy parameter
/// of the point's scheduler (`SweepPoint.policyParameters`), e.g. Dysta's `beta`. Metrics:
/// violation_rate, antt, stp, latency_p50_s, latency_p99_s, and `offered_utilization` (for rate
/// points) or `rate_per_second` (for utilisation points).
public struct SparseSweepRunner: SweepPointRunner {
    /// Check the engine's invariants during every point's run (`baton sweep --check`).
    public var checkInvariants: Bool
    /// The policies a point may name.
    public var registry: PolicyRegistry

    /// The CNN cost models a point may name (`cost_model`).
    public var costModels: [CNNCostModel]

    /// Replay a table made for another workload or mode anyway (`baton run
    /// --allow-provenance-mismatch`; a sweep file has no override).
    public var allowsProvenanceMismatch = false
    /// The hint of a provenance mismatch: how to get past it.
    public var provenanceHint = "regenerate the table for this sweep"

    public init(checkInvariants: Bool = false, registry: PolicyRegistry = .builtIn, costModels: [CNNCostModel] = CNNCostModel.builtIn) {
        self.checkInvariants = checkInvariants
        self.registry = registry
        self.costModels = costModels
    }

    public var summary: String { "Sparse multi-DNN study (Dysta): sparse CNNs or transformers sharing one sparse accelerator." }
    public var parameters: [ParameterDeclaration] { SparseStudyParameters.all }
    public var study: String { "sparse" }
    typealias Study = SparseStudyParameters

    /// Workloads by definition, shared by the points (and threads) of a sweep.
    private static let cache = WorkloadCache()

    func plan(_ point: SweepPoint) throws -> SparseRunPlan {
        var plan = SparseRunPlan()
        if point.has("traces") {
            plan.workload = .traces(directory: try point.string("traces"))
        } else {
            let name = try point.string(Study.pool)
            let pool = SparsePool(rawValue: name) ?? .attention  // checked against the declared names above
            let inputs = try point.int(Study.inputs)
            // The benchmark's size is checked here, before any point runs, not when it is generated.
            let rows = try SparseBenchmark.traceRows(pool: pool, inputsPerFile: inputs)
            if rows > SimulationLimits.maxTraceRows {
                let line = point.parameter("inputs").map(\.line) ?? 0
                throw InputError(.limit, file: point.source, line: line > 0 ? line : nil, field: "inputs",
                                 "\(inputs) inputs per trace file make \(rows) trace rows for the \(name) pool, over the limit of \(SimulationLimits.maxTraceRows)",
                                 hint: "see docs/limits.md")
            }
            plan.workload = .pool(pool, inputsPerFile: inputs,
                                  benchmarkSeed: UInt64(try point.int(Study.benchmarkSeed)))
        }
        let scheduler = try point.string(Study.scheduler)
        let line = point.parameter("scheduler").map(\.line) ?? 0
        let policy = try registry.descriptor(scheduler, kind: .config, file: point.source, line: line > 0 ? line : nil, field: "scheduler")
        plan.schedulers = [scheduler]
        plan.parameters = try point.policyParameters(for: policy, studyParameters: Study.all, registry: registry, study: study)
            .nonDefault.map { ParameterAssignment(name: $0.name, value: $0.value) }
        if point.has("rate") && point.has("utilization") {
            let line = point.parameter("utilization").map(\.line) ?? 0
            throw InputError(.config, file: point.source, line: line > 0 ? line : nil, field: "utilization",
                             "give rate or utilization, not both")
        }
        if point.has("requests_csv") {
            if let clash = ["rate", "utilization", "slo", "requests"].first(where: point.has) {
                let line = point.parameter(clash).map(\.line) ?? 0
                throw InputError(.config, file: point.source, line: line > 0 ? line : nil, field: clash,
                                 "a replayed request table (requests_csv) fixes the arrivals, deadlines and number of requests; drop \(clash)")
            }
            plan.load = .requestTables(paths: [try point.string(Study.requestsCSV)])
        } else if point.has("utilization") {
            plan.load = .utilizations([try point.double(Study.utilization)])
        } else {
            plan.load = .rates([try point.double(Study.rate)])
        }
        plan.sloMultipliers = [try point.double(Study.slo)]
        plan.requests = try point.int(Study.requests)
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
        plan.seeds = [try point.int(Study.seed)]
        let costModel = try point.string(Study.costModel)
        guard let model = costModels.first(where: { $0.name == costModel }) else {
            let line = point.parameter("cost_model").map(\.line) ?? 0
            throw unknownNameError("cost model", costModel, known: costModels.map(\.name), kind: .config, file: point.source,
                                   line: line > 0 ? line : nil, field: "cost_model")
        }
        plan.cnnCostModel = model
        plan.compatibility = SimulationSettings.Compatibility(rawValue: try point.string(Study.compat)) ?? .none  // validated
        plan.perSeed = true
        plan.checkInvariants = checkInvariants
        return plan
    }

    /// Checks a point's parameters, and that a replayed table was made for the point's workload
    /// and mode (its provenance lines), unless `allowsProvenanceMismatch`. The one provenance
    /// check of `baton run` and of sweeps.
    public func check(_ point: SweepPoint) throws {
        let plan = try plan(point)
        if case .requestTables(let paths) = plan.load, !allowsProvenanceMismatch {
            for path in paths {
                try RequestProvenance.read(path: path)?.checkReplay(path: path, workload: plan.workload, mode: plan.compatibility,
                                                                   overrideHint: provenanceHint)
            }
        }
    }

    /// The point's run as a typed record (with `observer` receiving its schedule, for traces).
    public func record(_ point: SweepPoint, observer: (any SimulationObserver)? = nil) throws -> SparseRunRecord {
        let plan = try plan(point)
        return try SparseStudy.simulateOne(plan, workload: try Self.cache.workload(for: plan), registry: registry, observer: observer)
    }

    /// The record's metrics, plus `rate` when the point gave a utilisation (the parameters are in
    /// the results line already).
    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let record = try record(point)
        var metrics = record.metricFields.map { ($0.name, ResultValue.double($0.value)) }
        if !point.has("rate") { metrics.append(("rate", .double(record.rate))) }
        return metrics
    }
}

/// Loaded workloads keyed by what defines them, one copy per worker thread.
///
/// Points on different threads could share one workload (it is immutable), but every run retains
/// and releases its catalog object many times, and two cores updating one reference count slow
/// each other down (measured: 1.3x instead of 1.9x with two jobs). A per-thread copy costs one
/// benchmark build per thread.
struct WorkloadCache: Sendable {
    /// What a loaded workload depends on, and the loading thread (one copy per worker thread).
    struct Key: Hashable, Sendable {
        var workload: SparseRunPlan.Workload
        var compatibility: SimulationSettings.Compatibility
        var costModel: String
        var thread: ObjectIdentifier
    }

    private let cache = LockedCache<Key, SparseWorkload>()

    func workload(for plan: SparseRunPlan) throws -> SparseWorkload {
        // A key of plain values: a text key (`"\(plan.workload)"`) went through reflection at
        // every point.
        let key = Key(workload: plan.workload, compatibility: plan.compatibility, costModel: plan.cnnCostModel.name,
                      thread: ObjectIdentifier(Thread.current))
        return try cache.value(for: key) { try SparseStudy.loadWorkload(plan) }
    }
}
