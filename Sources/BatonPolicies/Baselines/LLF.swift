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
/// - Index (`index=indexed`, from `indexThreshold` jobs, textbook rule only): each job's laxity
///   as a line of slope -1 in a `WaitingJobIndex` (its value at a leaf is the scan's laxity bit
///   for bit); the search keeps every job within rounding of the best, so ties resolve as in the
///   scan. Jobs with the same deadline and remaining estimate (bit for bit) are also grouped
///   (`TieGroups`); while the index's searches cost more than searching the groups (a burst of
///   identical requests, whose equal laxities the index visits one by one), a decision searches
///   the groups' tournament of the same laxity lines instead, one line per group. `lateJobsLast`
///   scans.
public struct LLF: Scheduler, TieGroupedPolicy {
    /// Rank jobs that cannot meet their deadline below those that can.
    public let lateJobsLast: Bool
    /// Decide through the index (O(log n)); false: scan every job.
    public let indexed: Bool
    var index = WaitingJobIndex()
    /// Largest remaining estimate of a job admitted (scales the rounding margin; a job's estimate
    /// only falls after admission).
    private var largestRemaining = 0.0
    /// Waiting jobs grouped by deadline and remaining estimate (indexed mode, from `indexThreshold` jobs).
    var groups = TieGroups<FiguresKey>(searchesRanked: true)

    /// The figures the laxity reads (bit patterns): equal keys, equal laxities.
    struct FiguresKey: JobFigures {
        var deadline: UInt64, remaining: UInt64
        init(_ job: JobState) {
            deadline = job.deadlineSeconds.bitPattern
            remaining = job.remainingEstimateSeconds.bitPattern
        }

        var foldedHash: UInt64 { Self.fold(deadline, remaining) }

        /// The laxity line of a job with these figures (`LLF.line`).
        var line: KineticTournament.Line {
            .init(base: -Double(bitPattern: remaining), slope: -1, anchor: Double(bitPattern: deadline))
        }
    }

    public init(lateJobsLast: Bool = false, indexed: Bool = true) {
        self.lateJobsLast = lateJobsLast
        self.indexed = indexed
    }

    public var name: String { "llf" }
    /// `select` only reads the jobs (the index is a cache that revalidates itself).
    public var decisionsAreSideEffectFree: Bool { true }

    /// Laxity of `job` at `now`, seconds (negative once it cannot meet its deadline).
    @inlinable public static func laxity(_ job: JobState, now: Double) -> Double {
        job.deadlineSeconds - now - job.remainingEstimateSeconds
    }

    /// Laxity as a line: `-rem - (t - deadline)`, which rounds exactly as `deadline - t - rem`.
    static func line(_ i: Int, _ context: SchedulingContext) -> KineticTournament.Line {
        FiguresKey(context.jobs[i]).line
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        groupsAdmit(jobIndex, context: context)
        largestRemaining = max(largestRemaining, context.jobs[jobIndex].remainingEstimateSeconds)
        index.admit(jobIndex, context: context) { LLF.line($0, $1) }
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        groupsJobEnded(job)
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard indexed, !lateJobsLast, context.jobs.count >= indexThreshold else {
            discardIndexAndGroups()
            return selectByScan(context)
        }
        return selectGroupedOrIndexed(context)
    }

    /// The linear scan (the reference the index and the groups must match).
    func selectByScan(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        let lateLast = lateJobsLast
        return context.readyJob { candidate, best in
            let a = LLF.laxity(candidate, now: now), b = LLF.laxity(best, now: now)
            if lateLast, (a < 0) != (b < 0) { return b < 0 }
            return (a, candidate.deadlineSeconds) < (b, best.deadlineSeconds)
        }.map { Selection(jobIndex: $0) }
    }

    /// The scan's choice from one job per group: the least (laxity, deadline, serial), searched
    /// through the groups' tournament of laxity lines with the index's rounding margin.
    mutating func selectByGroups(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        let slack = 1e-12 * (largestRemaining + abs(now))
        var bestSerial = -1
        var bestLaxity = Double.infinity, bestDeadline = Double.infinity
        groups.searchRanked(at: now, rebuild: false, line: { $0.line },
                            prune: { value, _ in value - slack - 1e-12 * abs(value) > bestLaxity }) { key, serial in
            let deadline = Double(bitPattern: key.deadline)
            let laxity = deadline - now - Double(bitPattern: key.remaining)
            if bestSerial < 0 || (laxity, deadline) < (bestLaxity, bestDeadline)
                || (laxity == bestLaxity && deadline == bestDeadline && serial < bestSerial) {
                bestSerial = serial
                bestLaxity = laxity
                bestDeadline = deadline
            }
        }
        return groupsChoice(serial: bestSerial, context)
    }

    mutating func selectIndexed(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        index.prepare(context) { LLF.line($0, $1) }
        // A node's value may sit a few units in the last place above its subtree's least laxity
        // (rounding can reorder nearly equal laxities as the clock moves): allow far more.
        let slack = 1e-12 * (largestRemaining + abs(now))
        var best = -1, bestSlot = -1
        var bestLaxity = Double.infinity, bestDeadline = Double.infinity
        index.search(context, prune: { value, _, _ in value - slack - 1e-12 * abs(value) > bestLaxity }) { i, slot, _, _ in
            let laxity = context.jobs[i].deadlineSeconds - now - context.jobs[i].remainingEstimateSeconds
            let deadline = context.jobs[i].deadlineSeconds
            if best < 0 || (laxity, deadline) < (bestLaxity, bestDeadline)
                || (laxity == bestLaxity && deadline == bestDeadline && i < best) {
                best = i
                bestSlot = slot
                bestLaxity = laxity
                bestDeadline = deadline
            }
        }
        guard best >= 0 else { return nil }
        index.selected(serial: context.jobs[best].serial, slot: bestSlot)
        return Selection(jobIndex: best)
    }
}
