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
public struct SDRM3: ReferenceCompatiblePolicy {
    /// Pattern-aware estimates and the monitor's gamma (`sdrm3-sparse`).
    public let sparse: Bool
    /// Fairness weight.
    public let alpha: Double
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility

    /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
    public init(sparse: Bool, alpha: Double = 1, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none) {
        self.sparse = sparse
        self.alpha = alpha
        self.predictor = sparse ? predictor : .none
        self.compatibility = compatibility
    }

    public var name: String { sparse ? "sdrm3-sparse" : "sdrm3" }
    public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }
    /// `select` only reads the jobs (no per-decision state).
    public var decisionsAreSideEffectFree: Bool { true }

    /// The score of job `job` at `now` in this policy's mode.
    func score(_ job: JobState, now: Double) -> Double {
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

    public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
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
