import BatonCore

/// Earliest deadline first (`edf`), layer-granular: a free accelerator runs the next layer of the
/// waiting job with the earliest absolute deadline.
///
/// - Ties: earlier nominal arrival, then the earlier admission.
/// - Late jobs: a job whose deadline has passed has the earliest deadline and so runs first (EDF's
///   textbook behaviour); none is dropped.
/// - Estimates: none used; no monitor.
/// - Index (`index=indexed`, from `indexThreshold` jobs): (deadline, arrival, admission) in a
///   `WaitingJobIndex` (static keys), O(log n) per decision.
public struct EDF: Scheduler {
    /// Decide through the index (O(log n)); false: scan every job.
    public let indexed: Bool
    private var index = WaitingJobIndex()

    public init(indexed: Bool = true) { self.indexed = indexed }

    public var name: String { "edf" }
    /// `select` only reads the jobs (the index is a cache that revalidates itself).
    public var decisionsAreSideEffectFree: Bool { true }
    /// The chosen job stays the choice until the next admission (deadlines, arrivals and admission order are fixed).
    public var choiceHoldsBetweenAdmissions: Bool { true }

    static func line(_ i: Int, _ context: SchedulingContext) -> KineticTournament.Line {
        .init(base: context.jobs[i].deadlineSeconds, slope: 0, anchor: 0, tie: context.jobs[i].arrivalSeconds)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        index.admit(jobIndex, context: context) { EDF.line($0, $1) }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard indexed, context.jobs.count >= indexThreshold else {
            index.discard()
            return context.readyJob { candidate, best in
                (candidate.deadlineSeconds, candidate.arrivalSeconds) < (best.deadlineSeconds, best.arrivalSeconds)
            }.map { Selection(jobIndex: $0) }
        }
        return index.selectMinimum(context) { EDF.line($0, $1) }.map { Selection(jobIndex: $0) }
    }
}
