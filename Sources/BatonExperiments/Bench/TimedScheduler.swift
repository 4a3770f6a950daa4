import BatonCore

/// Wraps a scheduler and measures the wall time of each `select` call (benchmarks only).
public struct TimedScheduler<Inner: Scheduler>: Scheduler {
    /// The measured policy.
    public var inner: Inner
    /// Decision latencies (exact up to 65,536 decisions, three significant digits beyond).
    public private(set) var latencies = LatencyDistribution()
    /// Decisions measured only when the system holds at least this many jobs.
    public var minimumJobs: Int

    public init(_ inner: Inner, minimumJobs: Int = 0) {
        self.inner = inner
        self.minimumJobs = minimumJobs
    }

    public var name: String { inner.name }
    public var estimateKind: EstimateKind { inner.estimateKind }
    public var predictor: GammaPredictor { inner.predictor }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        inner.admit(jobIndex: jobIndex, context: &context)
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard context.jobCount >= minimumJobs else { return inner.select(for: accelerator, context: &context) }
        let start = MonotonicClock.nanoseconds()
        let selection = inner.select(for: accelerator, context: &context)
        latencies.record(Double(MonotonicClock.nanoseconds() - start) * 1e-9)
        return selection
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        inner.jobEnded(job, finished: finished, at: time)
    }
}
