import BatonCore

extension SparseSchedulers {
    /// First come, first served (`fcfs`): the ready job with the earliest arrival runs its next layer.
    ///
    /// - Ties: equal arrivals keep the earlier admission (strict less-than in admission order),
    ///   in both modes; this is also the artifact's comparison.
    /// - Late jobs: no special handling (the deadline is not looked at).
    /// - Estimates: per architecture (unused); no monitor.
    public struct FCFS: SparseSchedulerPolicy {
        public let compatibility: SimulationSettings.Compatibility

        public init(compatibility: SimulationSettings.Compatibility = .none) {
            self.compatibility = compatibility
        }

        public var name: String { "fcfs" }
        public var estimateKind: EstimateKind { .architecture }
        /// `select` only reads the jobs (no per-decision state).
        public var decisionsAreSideEffectFree: Bool { true }
        public var predictor: GammaPredictor { .none }

        public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
            var best = -1
            var bestArrival = Double.infinity
            for i in 0..<context.jobs.count where context.jobs[i].isReady {
                let arrival = context.jobs[i].arrivalSeconds
                if best < 0 || arrival < bestArrival {
                    best = i
                    bestArrival = arrival
                }
            }
            return best < 0 ? nil : Selection(jobIndex: best)
        }
    }
}
