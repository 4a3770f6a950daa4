import BatonCore

extension SparseSchedulers {
    /// First come, first served (`fcfs`): the ready job with the earliest arrival runs its next layer.
    ///
    /// - Ties: equal arrivals keep the earlier admission (strict less-than in admission order),
    ///   in both modes; this is also the artifact's comparison.
    /// - Late jobs: no special handling (the deadline is not looked at).
    /// - Estimates: per architecture (unused); no monitor.
    /// - On one accelerator the waiting jobs are kept in a heap (`JobKeyIndex`, O(log n) per
    ///   decision) with the same order; several accelerators use a linear scan.
    public struct FCFS: SparseSchedulerPolicy {
        public let compatibility: SimulationSettings.Compatibility
        /// Keep waiting jobs in a heap on one accelerator (O(log n) decisions); false: scan them.
        public let indexed: Bool
        private var index = JobKeyIndex()

        public init(compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
            self.compatibility = compatibility
            self.indexed = indexed
        }

        public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
            if indexed { index.admit(jobIndex, context: context) { $0.arrivalSeconds } }
        }

        public var name: String { "fcfs" }
        public var estimateKind: EstimateKind { .architecture }
        /// `select` only reads the jobs (no per-decision state).
        public var decisionsAreSideEffectFree: Bool { true }
        public var predictor: GammaPredictor { .none }

        public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
            if indexed && context.platform.count == 1 {
                return index.best(context) { $0.arrivalSeconds }.map { Selection(jobIndex: $0) }
            }
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
