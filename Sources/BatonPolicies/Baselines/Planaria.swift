import BatonCore

/// Planaria's temporal scheduling (Ghodrati et al., "Planaria: Dynamic Architecture Fission
/// for Spatial Multi-Tenant Acceleration of Deep Neural Networks", MICRO 2020), as the Dysta
/// study re-implemented it: `planaria`. Score `p / slack` (`slack = deadline - now`); the
/// highest score runs its next layer. Per-architecture estimates (unused), no monitor.
///
/// Layer-granular; on several accelerators each free accelerator decides in turn.
///
/// Default mode (Baton):
/// - on-time jobs (slack > 0) by score, highest first; equal scores keep the earlier admission;
/// - late jobs (slack <= 0), with `lateJobs == .rankLast` (the default), rank below every on-time
///   job: they already violate their target, and `p / slack` would be negative (or infinite at
///   slack 0) and meaningless. Among late jobs the higher priority goes first, then the earlier
///   admission. (What the artifact's comparison does in effect, since a negative best is
///   replaced by any later job.)
/// - with `lateJobs == .mostUrgent` (parameter `late_jobs=most-urgent`) a late job scores
///   +infinity instead: late jobs run before every on-time job, the earlier arrival first, then
///   the earlier admission.
///
/// Compatibility mode (`.dystaArtifact`): jobs in admission order, `best` starting unset; a job
/// replaces the best if the best score is negative or the job's score is >= the best, except
/// that on an equal score a best that arrived strictly earlier is kept. Scores are negative
/// once late, so among late jobs the last one considered wins. At slack exactly 0 the score is
/// +infinity (the artifact would divide by zero).
///
/// Index (`index=indexed`, default mode, from `indexThreshold` jobs): on-time jobs in a
/// `WaitingJobIndex` as lines `slack / p = (deadline - t) / p`, so the highest score is the lowest
/// line; a job found late (`deadline - now <= 0`, for good: nothing in its score changes) moves to a
/// second index keyed by priority (rank-last) or arrival (most-urgent). Every job whose bound
/// reaches the best is compared exactly, so ties resolve as in the scan. The artifact mode scans.
/// Groups of identical jobs (same priority, deadline and arrival: a burst) decide instead while the
/// index's searches cost more than a pass over the groups (`TieGroupedPolicy`).
public struct Planaria: ReferenceCompatiblePolicy, TieGroupedPolicy {
    /// Where jobs past their deadline rank (Baton's default mode only).
    public enum LateJobs: String, Sendable, CaseIterable {
        /// Below every on-time job (default).
        case rankLast = "rank-last"
        /// Above every on-time job (score +infinity).
        case mostUrgent = "most-urgent"
    }

    public let compatibility: SimulationSettings.Compatibility
    public let lateJobs: LateJobs
    /// Decide through the indexes (default mode); false: scan every job.
    public let indexed: Bool
    /// On-time jobs (`TieGroupedPolicy.index`).
    var index = WaitingJobIndex()
    private var late = WaitingJobIndex()
    /// The waiting jobs grouped by the figures the score and its tie rules read.
    var groups = TieGroups<FiguresKey>()

    /// Priority, deadline and arrival (bit patterns): equal keys, equal scores and tie keys at
    /// any time.
    struct FiguresKey: JobFigures {
        var priority: UInt64, deadline: UInt64, arrival: UInt64
        init(_ job: JobState) {
            priority = job.priority.bitPattern
            deadline = job.deadlineSeconds.bitPattern
            arrival = job.arrivalSeconds.bitPattern
        }

        var foldedHash: UInt64 { Self.fold(Self.fold(priority, deadline), arrival) }
    }
    /// Smallest positive priority and largest |deadline| put in the index (scale the margins).
    private var smallestPriority = Double.infinity
    private var largestDeadline = 0.0

    public init(compatibility: SimulationSettings.Compatibility = .none, lateJobs: LateJobs = .rankLast, indexed: Bool = true) {
        self.compatibility = compatibility
        self.lateJobs = lateJobs
        self.indexed = indexed
    }

    public var name: String { "planaria" }
    public var estimateKind: EstimateKind { .architecture }
    /// `select` only reads the jobs (no per-decision state).
    public var decisionsAreSideEffectFree: Bool { true }
    public var predictor: GammaPredictor { .none }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        groupsAdmit(jobIndex, context: context)
        var (smallest, largest) = (smallestPriority, largestDeadline)
        index.admit(jobIndex, context: context) { Planaria.line($0, $1, smallest: &smallest, largest: &largest) }
        (smallestPriority, largestDeadline) = (smallest, largest)
        if !index.isBuilt { late.discard() }
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        groupsJobEnded(job)
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        switch compatibility {
        case .none:
            guard indexed, context.jobs.count >= indexThreshold else {
                discardIndexAndGroups()
                late.discard()
                return selectByScan(context)
            }
            return selectGroupedOrIndexed(context)
        case .dystaArtifact: return selectArtifact(context)
        }
    }

    /// The linear scan of the default mode (the reference the index and the groups must match).
    func selectByScan(_ context: SchedulingContext) -> Selection? {
        lateJobs == .rankLast ? selectBaton(context) : selectLateFirst(context)
    }

    /// The scan's choice from one job per group (their first members), with the lowest serial
    /// breaking what the scan's order breaks.
    func selectByGroups(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        let mostUrgent = lateJobs == .mostUrgent
        var bestSerial = -1
        var bestLate = true
        var bestScore = -Double.infinity, bestPriority = -Double.infinity, bestArrival = Double.infinity
        groups.forEachGroup { key, serial in
            let priority = Double(bitPattern: key.priority), arrival = Double(bitPattern: key.arrival)
            let slack = Double(bitPattern: key.deadline) - now
            let late = slack <= 0
            let better: Bool
            if mostUrgent {
                // `selectLateFirst`: score +infinity once late, then the earlier arrival.
                let score = late ? Double.infinity : priority / slack
                better = bestSerial < 0 || score > bestScore
                    || (score == bestScore && (arrival < bestArrival || (arrival == bestArrival && serial < bestSerial)))
                if better { bestScore = score }
            } else if bestSerial < 0 {
                better = true
            } else if late != bestLate {
                better = !late
            } else if late {
                better = priority > bestPriority || (priority == bestPriority && serial < bestSerial)
            } else {
                let score = priority / slack
                better = score > bestScore || (score == bestScore && serial < bestSerial)
            }
            if better {
                bestSerial = serial
                bestLate = late
                if !mostUrgent { bestScore = late ? 0 : priority / slack }
                bestPriority = priority
                bestArrival = arrival
            }
        }
        return groupsChoice(serial: bestSerial, context)
    }

    /// Job `i`'s slack over priority as a line in the clock, `-(t - deadline) / p`; a
    /// non-positive priority gets -infinity (never pruned).
    static func line(_ i: Int, _ context: SchedulingContext, smallest: inout Double, largest: inout Double) -> KineticTournament.Line {
        let priority = context.jobs[i].priority, deadline = context.jobs[i].deadlineSeconds
        guard priority > 0 else { return .init(base: -.infinity, slope: 0, anchor: 0) }
        smallest = min(smallest, priority)
        largest = max(largest, abs(deadline))
        return .init(base: 0, slope: -1 / priority, anchor: deadline)
    }

    mutating func selectIndexed(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        let mostUrgent = lateJobs == .mostUrgent
        if !index.isBuilt { late.startEmpty(context) }
        var (smallest, largest) = (smallestPriority, largestDeadline)
        index.prepare(context) { Planaria.line($0, $1, smallest: &smallest, largest: &largest) }
        (smallestPriority, largestDeadline) = (smallest, largest)
        // Rounding near crossings can leave a node's value slightly above its subtree's lowest line.
        let error = 1e-12 * (abs(now) + largest + 1) / smallest
        var best = -1, bestSlot = -1
        var bestScore = -Double.infinity, bestArrival = Double.infinity
        var moved: [(index: Int, slot: Int)] = []
        // Nodes that may hold a late job are never pruned, so every late job moves out now.
        index.search(context, prune: { value, _, _ in
            let lower = value - error
            return lower > 0 && (1 / lower) * (1 + 1e-9) < bestScore
        }) { i, slot, _, _ in
            let slack = context.jobs[i].deadlineSeconds - now
            guard slack > 0 else {
                moved.append((i, slot))
                return
            }
            let score = context.jobs[i].priority / slack
            let arrival = context.jobs[i].arrivalSeconds
            let better: Bool
            if best < 0 || score > bestScore {
                better = true
            } else if score < bestScore {
                better = false
            } else if mostUrgent && arrival != bestArrival {
                better = arrival < bestArrival
            } else {
                better = i < best
            }
            if better {
                best = i
                bestSlot = slot
                bestScore = score
                bestArrival = arrival
            }
        }
        for (i, slot) in moved {
            index.remove(slot: slot)
            late.insert(i, context: context, line: Planaria.lateLine(i, context, mostUrgent: mostUrgent))
        }
        if mostUrgent || best < 0 {
            // Late jobs: most-urgent runs them first (by arrival); rank-last only when no job is on time (by priority).
            if let chosen = late.selectMinimum(context, line: { Planaria.lateLine($0, $1, mostUrgent: mostUrgent) }) {
                return Selection(jobIndex: chosen)
            }
        }
        guard best >= 0 else { return nil }
        index.selected(serial: context.jobs[best].serial, slot: bestSlot)
        return Selection(jobIndex: best)
    }

    /// A late job's static key: arrival (most-urgent) or minus its priority (rank-last).
    static func lateLine(_ i: Int, _ context: SchedulingContext, mostUrgent: Bool) -> KineticTournament.Line {
        .init(base: mostUrgent ? context.jobs[i].arrivalSeconds : -context.jobs[i].priority, slope: 0, anchor: 0)
    }

    private func selectBaton(_ context: SchedulingContext) -> Selection? {
        // One pass, each job's score computed once (this runs at every decision).
        let now = context.now
        var best = -1
        var bestLate = true
        var bestScore = -Double.infinity
        var bestPriority = -Double.infinity
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let job = context.jobs[i]
            let slack = job.deadlineSeconds - now
            let late = slack <= 0
            let better: Bool
            if best < 0 {
                better = true
            } else if late != bestLate {
                better = !late
            } else if late {
                better = job.priority > bestPriority
            } else {
                better = job.priority / slack > bestScore
            }
            if better {
                best = i
                bestLate = late
                bestScore = late ? 0 : job.priority / slack
                bestPriority = job.priority
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }

    private func selectLateFirst(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        return context.readyJob { candidate, best in
            let a = candidate.deadlineSeconds - now, b = best.deadlineSeconds - now
            let scoreA = a > 0 ? candidate.priority / a : .infinity
            let scoreB = b > 0 ? best.priority / b : .infinity
            return scoreA > scoreB || (scoreA == scoreB && candidate.arrivalSeconds < best.arrivalSeconds)
        }.map { Selection(jobIndex: $0) }
    }

    private func selectArtifact(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        var best = -1
        var bestScore = -1.0
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let job = context.jobs[i]
            let score = job.priority / (job.deadlineSeconds - now)
            if artifactReplaces(best: best, bestScore: bestScore, score: score,
                                bestArrival: best < 0 ? 0 : context.jobs[best].arrivalSeconds,
                                arrival: job.arrivalSeconds) {
                best = i
                bestScore = score
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}
