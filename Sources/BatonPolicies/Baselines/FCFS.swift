import BatonCore

/// First come, first served (`fcfs`): the waiting job with the earliest nominal arrival runs its
/// next layer (a cascaded frame carries its upstream frame's arrival). Layer-granular: a job keeps
/// running while it is the oldest waiting one; another free accelerator takes the next oldest.
///
/// - Ties: equal arrivals keep the earlier admission (strict less-than in admission order), in
///   both modes; this is also the Dysta artifact's comparison.
/// - Late jobs: no special handling (the deadline is not looked at); none is dropped.
/// - Estimates: per architecture (unused); no monitor.
/// - On one accelerator the waiting jobs are kept in a heap (`JobKeyIndex`, O(log n) per
///   decision) with the same order; several accelerators use a linear scan.
public struct FCFS: ReferenceCompatiblePolicy {
    public let compatibility: SimulationSettings.Compatibility
    /// Keep waiting jobs in a heap on one accelerator (O(log n) decisions); false: scan them.
    public let indexed: Bool
    private var index = JobKeyIndex()

    public init(compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
        self.compatibility = compatibility
        self.indexed = indexed
    }

    public var name: String { "fcfs" }
    /// `select` only reads the jobs (no per-decision state).
    public var decisionsAreSideEffectFree: Bool { true }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        if indexed { index.admit(jobIndex, context: context) { $0.arrivalSeconds } }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        if indexed && context.platform.count == 1 {
            return index.best(context) { $0.arrivalSeconds }.map { Selection(jobIndex: $0) }
        }
        return context.readyJob(minimizing: \.arrivalSeconds).map { Selection(jobIndex: $0) }
    }
}
