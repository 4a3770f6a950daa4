import BatonCore

/// Earliest deadline first (`edf`), layer-granular: a free accelerator runs the next layer of the
/// waiting job with the earliest absolute deadline.
///
/// - Ties: earlier nominal arrival, then the earlier admission.
/// - Late jobs: a job whose deadline has passed has the earliest deadline and so runs first (EDF's
///   textbook behaviour); none is dropped.
/// - Estimates: none used; no monitor.
public struct EDF: Scheduler {
    public init() {}

    public var name: String { "edf" }
    /// `select` only reads the jobs.
    public var decisionsAreSideEffectFree: Bool { true }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        context.readyJob { candidate, best in
            (candidate.deadlineSeconds, candidate.arrivalSeconds) < (best.deadlineSeconds, best.arrivalSeconds)
        }.map { Selection(jobIndex: $0) }
    }
}
