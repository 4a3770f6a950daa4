import BatonCore

extension SparseSchedulers {
    /// Shortest (estimated) job first: `sjf` and `sjf-sparse`.
    ///
    /// The ready job with the smallest estimated remaining latency runs its next layer:
    /// `rem` from per-architecture estimates (`sjf`), or `gamma * rem` from pattern-aware
    /// estimates and the run-time monitor's gamma (`sjf-sparse`). Preemptive at layer boundaries.
    ///
    /// - Ties: keep the earlier admission (strict less-than), in both modes (as the artifact).
    /// - Late jobs: no special handling (the deadline is not looked at).
    public struct SJF: SparseSchedulerPolicy {
        /// Pattern-aware estimates scaled by gamma (`sjf-sparse`).
        public let sparse: Bool
        public let predictor: GammaPredictor
        public let compatibility: SimulationSettings.Compatibility

        /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
        public init(sparse: Bool, predictor: GammaPredictor = .average,
                    compatibility: SimulationSettings.Compatibility = .none) {
            self.sparse = sparse
            self.predictor = sparse ? predictor : .none
            self.compatibility = compatibility
        }

        public var name: String { sparse ? "sjf-sparse" : "sjf" }
        public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }
        /// `select` only reads the jobs (no per-decision state).
        public var decisionsAreSideEffectFree: Bool { true }

        public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
            var best = -1
            var bestRemaining = Double.infinity
            for i in 0..<context.jobs.count where context.jobs[i].isReady {
                let job = context.jobs[i]
                let remaining = sparse ? job.gamma * job.remainingEstimateSeconds : job.remainingEstimateSeconds
                if best < 0 || remaining < bestRemaining {
                    best = i
                    bestRemaining = remaining
                }
            }
            return best < 0 ? nil : Selection(jobIndex: best)
        }
    }
}
