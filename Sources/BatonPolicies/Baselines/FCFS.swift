import BatonCore

/// First come, first served (`fcfs`): the waiting job with the earliest nominal arrival runs its
/// next layer (a cascaded frame carries its upstream frame's arrival). Layer-granular: a job keeps
/// running while it is the oldest waiting one; another free accelerator takes the next oldest.
///
/// - Ties: equal arrivals keep the earlier admission (strict less-than in admission order), in
///   both modes; this is also the Dysta artifact's comparison.
/// - Late jobs: no special handling (the deadline is not looked at); none is dropped.
/// - Estimates: per architecture (unused); no monitor.
/// - Index (`index=indexed`, from `indexThreshold` jobs): the arrivals in a `WaitingJobIndex`
///   (static keys), O(log n) per decision on any platform, same order and ties.
public struct FCFS: ReferenceCompatiblePolicy {
    public let compatibility: SimulationSettings.Compatibility
    /// Decide through the index (O(log n)); false: scan every job.
    public let indexed: Bool
    private var index = WaitingJobIndex()

    public init(compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
        self.compatibility = compatibility
        self.indexed = indexed
    }

    public var name: String { "fcfs" }
    /// `select` only reads the jobs (the index is a cache that revalidates itself).
    public var decisionsAreSideEffectFree: Bool { true }
    /// The chosen job stays the choice until the next admission (arrivals are fixed and later admissions arrive later).
    public var choiceHoldsBetweenAdmissions: Bool { true }

    static func line(_ i: Int, _ context: SchedulingContext) -> KineticTournament.Line {
        .init(base: context.jobs[i].arrivalSeconds, slope: 0, anchor: 0)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        index.admit(jobIndex, context: context) { FCFS.line($0, $1) }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard indexed, context.jobs.count >= indexThreshold else {
            index.discard()
            return context.readyJob(minimizing: \.arrivalSeconds).map { Selection(jobIndex: $0) }
        }
        return index.selectMinimum(context) { FCFS.line($0, $1) }.map { Selection(jobIndex: $0) }
    }
}
