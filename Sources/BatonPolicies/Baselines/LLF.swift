import BatonCore

/// Least laxity first (`llf`), layer-granular: a free accelerator runs the next layer of the
/// waiting job with the smallest laxity `deadline - now - rem`, where `rem` is the job's estimated
/// remaining latency (fastest accelerator; per-architecture estimates, no monitor).
///
/// Laxity is how long a job can still wait and meet its deadline if it then ran alone. All waiting
/// jobs' laxities fall at the same rate between events, so the order changes only when a job runs
/// (its `rem` shrinks), never by the clock alone.
///
/// - Ties: earlier deadline, then the earlier admission.
/// - Late jobs: a job that can no longer make its deadline has negative laxity and runs first, the
///   most hopeless first (textbook LLF); none is dropped. With `lateJobsLast`, jobs with negative
///   laxity instead rank below every job that can still make it (among themselves by laxity).
public struct LLF: Scheduler {
    /// Rank jobs that cannot meet their deadline below those that can.
    public let lateJobsLast: Bool

    public init(lateJobsLast: Bool = false) { self.lateJobsLast = lateJobsLast }

    public var name: String { "llf" }
    /// `select` only reads the jobs.
    public var decisionsAreSideEffectFree: Bool { true }

    /// Laxity of `job` at `now`, seconds (negative once it cannot meet its deadline).
    @inlinable public static func laxity(_ job: JobState, now: Double) -> Double {
        job.deadlineSeconds - now - job.remainingEstimateSeconds
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        let lateLast = lateJobsLast
        return context.readyJob { candidate, best in
            let a = LLF.laxity(candidate, now: now), b = LLF.laxity(best, now: now)
            if lateLast, (a < 0) != (b < 0) { return b < 0 }
            return (a, candidate.deadlineSeconds) < (b, best.deadlineSeconds)
        }.map { Selection(jobIndex: $0) }
    }
}
