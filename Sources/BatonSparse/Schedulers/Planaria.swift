import BatonCore

extension SparseSchedulers {
    /// Planaria's temporal scheduling (Ghodrati et al., "Planaria: Dynamic Architecture Fission
    /// for Spatial Multi-Tenant Acceleration of Deep Neural Networks", MICRO 2020), as the Dysta
    /// study re-implemented it: `planaria`. Score `p / slack` (`slack = deadline - now`); the
    /// highest score runs its next layer. Per-architecture estimates (unused), no monitor.
    ///
    /// Default mode (Baton):
    /// - on-time jobs (slack > 0) by score, highest first; equal scores keep the earlier admission;
    /// - late jobs (slack <= 0) rank below every on-time job: they already violate their target,
    ///   and `p / slack` would be negative (or infinite at slack 0) and meaningless. Among late
    ///   jobs the higher priority goes first, then the earlier admission. (What the artifact's
    ///   comparison does in effect, since a negative best is replaced by any later job.)
    ///
    /// Compatibility mode (`.dystaArtifact`): jobs in admission order, `best` starting unset; a job
    /// replaces the best if the best score is negative or the job's score is >= the best, except
    /// that on an equal score a best that arrived strictly earlier is kept. Scores are negative
    /// once late, so among late jobs the last one considered wins. At slack exactly 0 the score is
    /// +infinity (the artifact would divide by zero).
    public struct Planaria: SparseSchedulerPolicy {
        public let compatibility: SimulationSettings.Compatibility

        public init(compatibility: SimulationSettings.Compatibility = .none) {
            self.compatibility = compatibility
        }

        public var name: String { "planaria" }
        public var estimateKind: EstimateKind { .architecture }
        /// `select` only reads the jobs (no per-decision state).
        public var decisionsAreSideEffectFree: Bool { true }
        public var predictor: GammaPredictor { .none }

        public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
            switch compatibility {
            case .none: selectBaton(context)
            case .dystaArtifact: selectArtifact(context)
            }
        }

        private func selectBaton(_ context: SchedulingContext) -> Selection? {
            let now = context.now
            var best = -1
            var bestLate = true
            var bestScore = -Double.infinity
            var bestPriority = -Double.infinity
            for i in 0..<context.jobs.count where context.jobs[i].isReady {
                let job = context.jobs[i]
                let slack = job.deadlineSeconds - now
                let late = slack <= 0
                let score = late ? 0 : job.priority / slack
                let better: Bool
                if best < 0 {
                    better = true
                } else if late != bestLate {
                    better = !late
                } else if late {
                    better = job.priority > bestPriority
                } else {
                    better = score > bestScore
                }
                if better {
                    best = i
                    bestLate = late
                    bestScore = score
                    bestPriority = job.priority
                }
            }
            return best < 0 ? nil : Selection(jobIndex: best)
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
}
