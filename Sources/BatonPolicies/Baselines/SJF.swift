import BatonCore

/// Shortest (estimated) job first: `sjf` and `sjf-sparse`.
///
/// The ready job with the smallest estimated remaining latency runs its next layer:
/// `rem` from per-architecture estimates (`sjf`), or `gamma * rem` from pattern-aware
/// estimates and the run-time monitor's gamma (`sjf-sparse`). Preemptive at layer boundaries.
///
/// - Ties: keep the earlier admission (strict less-than), in both modes (as the artifact).
/// - Late jobs: no special handling (the deadline is not looked at).
/// - On one accelerator the waiting jobs are kept in a heap (`JobKeyIndex`, O(log n) per
///   decision) with the same order; several accelerators use a linear scan.
public struct SJF: ReferenceCompatiblePolicy {
    /// Pattern-aware estimates scaled by gamma (`sjf-sparse`).
    public let sparse: Bool
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Keep waiting jobs in a heap on one accelerator (O(log n) decisions); false: scan them.
    public let indexed: Bool
    private var index = JobKeyIndex()

    /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
    public init(sparse: Bool, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
        self.sparse = sparse
        self.predictor = sparse ? predictor : .none
        self.compatibility = compatibility
        self.indexed = indexed
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        if indexed {
            let sparse = self.sparse
            index.admit(jobIndex, context: context) { sparse ? $0.gamma * $0.remainingEstimateSeconds : $0.remainingEstimateSeconds }
        }
    }

    public var name: String { sparse ? "sjf-sparse" : "sjf" }
    public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }
    /// Decisions depend only on the jobs (the heap is a cache that revalidates itself).
    public var decisionsAreSideEffectFree: Bool { true }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        if indexed && context.platform.count == 1 {
            let sparse = self.sparse
            return index.best(context) { sparse ? $0.gamma * $0.remainingEstimateSeconds : $0.remainingEstimateSeconds }
                .map { Selection(jobIndex: $0) }
        }
        let sparse = self.sparse
        return context.readyJob(minimizing: { sparse ? $0.gamma * $0.remainingEstimateSeconds : $0.remainingEstimateSeconds })
            .map { Selection(jobIndex: $0) }
    }
}
