import BatonCore

/// Shortest (estimated) job first: `sjf` and `sjf-sparse`.
///
/// The ready job with the smallest estimated remaining latency runs its next layer:
/// `rem` from per-architecture estimates (`sjf`), or `gamma * rem` from pattern-aware
/// estimates and the run-time monitor's gamma (`sjf-sparse`). Preemptive at layer boundaries.
///
/// - Ties: keep the earlier admission (strict less-than), in both modes (as the artifact).
/// - Late jobs: no special handling (the deadline is not looked at).
/// - Index (`index=indexed`, from `indexThreshold` jobs): the keys in a `WaitingJobIndex` (a
///   key changes only when its job runs), O(log n) per decision on any platform, same order and
///   ties.
public struct SJF: ReferenceCompatiblePolicy {
    /// Pattern-aware estimates scaled by gamma (`sjf-sparse`).
    public let sparse: Bool
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Decide through the index (O(log n)); false: scan every job.
    public let indexed: Bool
    private var index = WaitingJobIndex()

    /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
    public init(sparse: Bool, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
        self.sparse = sparse
        self.predictor = sparse ? predictor : .none
        self.compatibility = compatibility
        self.indexed = indexed
    }

    public var name: String { sparse ? "sjf-sparse" : "sjf" }
    public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }
    /// Decisions depend only on the jobs (the index is a cache that revalidates itself).
    public var decisionsAreSideEffectFree: Bool { true }
    /// The chosen job stays the choice until the next admission (a plain estimate only falls for the job that runs; gamma may raise it).
    public var choiceHoldsBetweenAdmissions: Bool { !sparse }

    static func key(_ i: Int, _ context: SchedulingContext, sparse: Bool) -> Double {
        sparse ? context.jobs[i].gamma * context.jobs[i].remainingEstimateSeconds : context.jobs[i].remainingEstimateSeconds
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        let sparse = self.sparse
        index.admit(jobIndex, context: context) { .init(base: SJF.key($0, $1, sparse: sparse), slope: 0, anchor: 0) }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let sparse = self.sparse
        guard indexed, context.jobs.count >= indexThreshold else {
            index.discard()
            return context.readyJob(minimizing: { sparse ? $0.gamma * $0.remainingEstimateSeconds : $0.remainingEstimateSeconds })
                .map { Selection(jobIndex: $0) }
        }
        return index.selectMinimum(context) { .init(base: SJF.key($0, $1, sparse: sparse), slope: 0, anchor: 0) }
            .map { Selection(jobIndex: $0) }
    }
}
