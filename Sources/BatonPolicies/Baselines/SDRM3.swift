import BatonCore

/// SDRM3 (Kim et al., "SDRM3: A Dynamic Scheduler for Dynamic Real-time Multi-model ML
/// Workloads", arXiv 2022; the early version of DREAM, ASPLOS 2023), temporal part as the
/// Dysta study re-implemented it: `sdrm3` and `sdrm3-sparse`.
///
/// `urgency = min(1, rem / slack)`, `fairness = idle / e_next`, `score = urgency + alpha *
/// fairness`; the highest score runs its next layer. `rem` and `e_next` are per-architecture
/// estimates (`sdrm3`), or pattern-aware estimates times the monitor's gamma (`sdrm3-sparse`).
/// `idle = now - lastRun` (lastRun starts at arrival), `slack = deadline - now`.
///
/// Layer-granular; on several accelerators each free accelerator decides in turn, with `rem` and
/// `e_next` on the fastest accelerator.
///
/// Default mode (Baton): urgency = 1 once late (slack <= 0): a late job is as urgent as a
/// job that can just make it. Ties go to the earlier arrival, then the earlier admission. If
/// `e_next` is 0 the fairness is +infinity when idle, 0 otherwise.
///
/// Compatibility mode (`.dystaArtifact`): urgency is `rem / slack` capped at 1 but not clamped
/// below, so it is negative once late (+infinity, hence 1, at slack 0); the best is chosen by
/// the artifact's rule (see `Planaria`): a negative best is replaced by any later job, `>=`
/// otherwise, an equal score keeps a best that arrived strictly earlier.
///
/// Index (`index=indexed`, default mode, alpha > 0, from `indexThreshold` jobs): the fairness term
/// is a line in the clock, `alpha * idle / e_next`, and the urgency is bounded from the time the
/// bound is drawn by the chord to the time it reaches 1 (it is convex until then, 1 after; 1 for
/// late jobs): so the score is bounded by a line that changes only when the job runs
/// (`FiguresKey.line`). A kinetic tournament of these bounds (`WaitingJobIndex`) yields the jobs
/// that can still reach the best score, which are compared exactly (ties as in the scan). Jobs
/// with bit-identical figures are also grouped (`TieGroups`), searched through a tournament of
/// the same bounds, one per group; while the index's searches compare more than a few jobs
/// (ties: a burst of identical requests), a decision searches the groups instead. The artifact
/// mode and alpha = 0 scan.
public struct SDRM3: ReferenceCompatiblePolicy, TieGroupedPolicy {
    /// Pattern-aware estimates and the monitor's gamma (`sdrm3-sparse`).
    public let sparse: Bool
    /// Fairness weight.
    public let alpha: Double
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Decide through the index (default mode, alpha > 0); false: scan every job.
    public let indexed: Bool
    var index = WaitingJobIndex()
    /// Waiting jobs grouped by the figures the score reads (indexed mode, from `indexThreshold` jobs).
    var groups = TieGroups<FiguresKey>(searchesRanked: true)

    /// The figures the default-mode score and its tie rule read (bit patterns): equal keys, equal
    /// scores and arrivals.
    struct FiguresKey: JobFigures {
        var gamma: UInt64, remaining: UInt64, next: UInt64, deadline: UInt64, lastRun: UInt64, arrival: UInt64
        init(_ job: JobState) {
            gamma = job.gamma.bitPattern
            remaining = job.remainingEstimateSeconds.bitPattern
            next = job.nextLayerEstimateSeconds.bitPattern
            deadline = job.deadlineSeconds.bitPattern
            lastRun = job.lastRunSeconds.bitPattern
            arrival = job.arrivalSeconds.bitPattern
        }

        var foldedHash: UInt64 {
            Self.fold(Self.fold(Self.fold(Self.fold(Self.fold(gamma, remaining), next), deadline), lastRun), arrival)
        }

        /// Minus an upper bound of the score at every time from `now` on, as a line (the
        /// tournaments keep minima): `UrgencyChord`, with the fairness slope `alpha / e_next`;
        /// -infinity when `e_next` is 0 (fairness may be infinite: never pruned).
        func line(sparse: Bool, alpha: Double, now: Double) -> KineticTournament.Line {
            let scale = sparse ? Double(bitPattern: gamma) : 1
            let next = scale * Double(bitPattern: self.next)
            guard next > 0 else { return .init(base: -.infinity, slope: 0, anchor: 0) }
            return UrgencyChord.minusBound(remainingSeconds: scale * Double(bitPattern: remaining),
                                           deadlineSeconds: Double(bitPattern: deadline), fairnessPerSecond: alpha / next,
                                           lastRunSeconds: Double(bitPattern: lastRun), now: now)
        }
    }

    /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
    public init(sparse: Bool, alpha: Double = 1, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
        self.sparse = sparse
        self.alpha = alpha
        self.predictor = sparse ? predictor : .none
        self.compatibility = compatibility
        self.indexed = indexed
    }

    public var name: String { sparse ? "sdrm3-sparse" : "sdrm3" }
    public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }
    /// `select` only reads the jobs: its index and groups are caches (a search may draw the bounds
    /// it compared again, tighter), and no decision depends on an earlier one.
    public var decisionsAreSideEffectFree: Bool { true }

    /// The score of job `job` at `now` in this policy's mode.
    func score(_ job: JobState, now: Double) -> Double {
        SDRM3.score(job, now: now, sparse: sparse, alpha: alpha, compatibility: compatibility)
    }

    static func score(_ job: JobState, now: Double, sparse: Bool, alpha: Double,
                      compatibility: SimulationSettings.Compatibility) -> Double {
        let scale = sparse ? job.gamma : 1
        let remaining = scale * job.remainingEstimateSeconds
        let next = scale * job.nextLayerEstimateSeconds
        let slack = job.deadlineSeconds - now
        let idle = now - job.lastRunSeconds
        var urgency: Double
        switch compatibility {
        case .none:
            urgency = slack <= 0 ? 1 : min(1, remaining / slack)
        case .dystaArtifact:
            urgency = remaining / slack
            if urgency > 1 { urgency = 1 }
        }
        let fairness = next > 0 ? idle / next : (idle > 0 ? Double.infinity : 0)
        return alpha == 0 ? urgency : urgency + alpha * fairness
    }

    /// The default mode's score with alpha > 0 from a job's figures (read in place by the index's
    /// search and from the groups' keys): the expression of `score(_:now:...)`.
    @inline(__always)
    static func defaultScore(gamma: Double, remaining rawRemaining: Double, next rawNext: Double, deadline: Double,
                             lastRun: Double, now: Double, sparse: Bool, alpha: Double) -> Double {
        let scale = sparse ? gamma : 1
        let remaining = scale * rawRemaining
        let next = scale * rawNext
        let slack = deadline - now
        let idle = now - lastRun
        let urgency = slack <= 0 ? 1 : min(1, remaining / slack)
        let fairness = next > 0 ? idle / next : (idle > 0 ? Double.infinity : 0)
        return urgency + alpha * fairness
    }

    /// Job `i`'s bound in the index (`FiguresKey.line`).
    static func line(_ i: Int, _ context: SchedulingContext, sparse: Bool, alpha: Double) -> KineticTournament.Line {
        FiguresKey(context.jobs[i]).line(sparse: sparse, alpha: alpha, now: context.now)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        groupsAdmit(jobIndex, context: context)
        let (sparse, alpha) = (self.sparse, self.alpha)
        index.admit(jobIndex, context: context) { SDRM3.line($0, $1, sparse: sparse, alpha: alpha) }
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        groupsJobEnded(job)
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard indexed, compatibility == .none, alpha > 0, context.jobs.count >= indexThreshold else {
            discardIndexAndGroups()
            return selectByScan(context)
        }
        return selectGroupedOrIndexed(context)
    }

    /// The scan's choice from one job per group: the highest score, then the earlier arrival, then
    /// the lowest serial; searched through the groups' tournament of the index's bounds.
    mutating func selectByGroups(_ context: SchedulingContext) -> Selection? {
        let (sparse, alpha, now) = (self.sparse, self.alpha, context.now)
        var bestSerial = -1
        var bestScore = -Double.infinity, bestArrival = Double.infinity
        groups.searchRanked(at: now, rebuild: false, redrawsOver: 0, line: { $0.line(sparse: sparse, alpha: alpha, now: now) },
                            prune: { value, _ in -value * (1 + 1e-9) < bestScore }) { key, serial in
            let score = SDRM3.defaultScore(gamma: Double(bitPattern: key.gamma), remaining: Double(bitPattern: key.remaining),
                                           next: Double(bitPattern: key.next), deadline: Double(bitPattern: key.deadline),
                                           lastRun: Double(bitPattern: key.lastRun), now: now, sparse: sparse, alpha: alpha)
            let arrival = Double(bitPattern: key.arrival)
            if bestSerial < 0 || score > bestScore
                || (score == bestScore && (arrival < bestArrival || (arrival == bestArrival && serial < bestSerial))) {
                bestSerial = serial
                bestScore = score
                bestArrival = arrival
            }
        }
        return groupsChoice(serial: bestSerial, context)
    }

    mutating func selectIndexed(_ context: SchedulingContext) -> Selection? {
        let (sparse, alpha) = (self.sparse, self.alpha)
        let now = context.now
        index.prepare(context) { SDRM3.line($0, $1, sparse: sparse, alpha: alpha) }
        var best = -1, bestSlot = -1
        var bestScore = -Double.infinity, bestArrival = Double.infinity
        // Scores are sums of non-negative terms: a relative 1e-9 covers the bound's rounding. The
        // jobs that reached the leader but lost get their chord drawn again from now, a tighter
        // bound: the next searches prune them sooner (the decisions are unchanged).
        index.searchRedrawingLosers(context, prune: { value, _, _ in -value * (1 + 1e-9) < bestScore },
                                    line: { SDRM3.line($0, $1, sparse: sparse, alpha: alpha) },
                                    chosenSlot: { bestSlot }) { i, slot in
            // Fields read in place (copying the whole job costs more than the arithmetic); the
            // expression is `score(_:now:)`'s default mode.
            let score = SDRM3.defaultScore(gamma: context.jobs[i].gamma, remaining: context.jobs[i].remainingEstimateSeconds,
                                           next: context.jobs[i].nextLayerEstimateSeconds, deadline: context.jobs[i].deadlineSeconds,
                                           lastRun: context.jobs[i].lastRunSeconds, now: now, sparse: sparse, alpha: alpha)
            let arrival = context.jobs[i].arrivalSeconds
            if best < 0 || score > bestScore || (score == bestScore && (arrival < bestArrival || (arrival == bestArrival && i < best))) {
                best = i
                bestSlot = slot
                bestScore = score
                bestArrival = arrival
            }
            return true
        }
        guard best >= 0 else { return nil }
        index.selected(serial: context.jobs[best].serial, slot: bestSlot)
        return Selection(jobIndex: best)
    }

    /// The linear scan (the reference the index must match; the only path in artifact mode).
    func selectByScan(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        var best = -1
        var bestScore = -1.0
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let job = context.jobs[i]
            let score = score(job, now: now)
            let replaces: Bool
            switch compatibility {
            case .none:
                replaces = best < 0 || score > bestScore
                    || (score == bestScore && job.arrivalSeconds < context.jobs[best].arrivalSeconds)
            case .dystaArtifact:
                replaces = artifactReplaces(best: best, bestScore: bestScore, score: score,
                                            bestArrival: best < 0 ? 0 : context.jobs[best].arrivalSeconds,
                                            arrival: job.arrivalSeconds)
            }
            if replaces {
                best = i
                bestScore = score
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}
