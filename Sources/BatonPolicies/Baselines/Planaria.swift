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
public struct Planaria: ReferenceCompatiblePolicy {
    /// Where jobs past their deadline rank (Baton's default mode only).
    public enum LateJobs: String, Sendable, CaseIterable {
        /// Below every on-time job (default).
        case rankLast = "rank-last"
        /// Above every on-time job (score +infinity).
        case mostUrgent = "most-urgent"
    }

    public let compatibility: SimulationSettings.Compatibility
    public let lateJobs: LateJobs

    public init(compatibility: SimulationSettings.Compatibility = .none, lateJobs: LateJobs = .rankLast) {
        self.compatibility = compatibility
        self.lateJobs = lateJobs
    }

    public var name: String { "planaria" }
    public var estimateKind: EstimateKind { .architecture }
    /// `select` only reads the jobs (no per-decision state).
    public var decisionsAreSideEffectFree: Bool { true }
    public var predictor: GammaPredictor { .none }

    public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        switch compatibility {
        case .none: lateJobs == .rankLast ? selectBaton(context) : selectLateFirst(context)
        case .dystaArtifact: selectArtifact(context)
        }
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
