import BatonCore

/// Wraps a scheduler and measures the wall time of each `select` call (benchmarks only).
public struct TimedScheduler<Inner: Scheduler>: Scheduler {
    /// The measured policy.
    public var inner: Inner
    /// Decision latencies (exact up to 65,536 decisions, three significant digits beyond).
    public private(set) var latencies = LatencyDistribution()
    /// Decisions measured only when the system holds at least this many jobs.
    public var minimumJobs: Int
    /// After this many measured decisions the policy is no longer asked: each free accelerator
    /// runs the last admitted waiting job to completion (the engine removes it from the end of its
    /// job list, in O(1)), so that a benchmark with many jobs in the system ends quickly once
    /// measured. Nil: the policy decides to the end.
    public var decisionLimit: Int?
    /// Wall time from the first measured decision's start to the last one's end, seconds (the
    /// engine's work between measured decisions included).
    public private(set) var measuredSpanSeconds: Double = 0
    /// Sum of the measured decisions' wall times, seconds.
    public private(set) var measuredDecisionSeconds: Double = 0
    private var firstStart: UInt64 = 0
    /// Decisions at `minimumJobs` or more made untimed before the first measured one (a steady
    /// state), counted in `warmupDone`.
    public var warmupDecisions: Int
    /// Warm-up decisions made so far.
    public private(set) var warmupDone = 0
    /// Jobs dropped from the first measured decision until the last (a policy that drops frames,
    /// DREAM, finds them inside its decisions: part of what a decision costs).
    public private(set) var measuredDrops = 0

    public init(_ inner: Inner, minimumJobs: Int = 0, decisionLimit: Int? = nil, warmupDecisions: Int = 0) {
        precondition(warmupDecisions >= 0, "warm-up decisions must not be negative")
        self.inner = inner
        self.warmupDecisions = warmupDecisions
        self.minimumJobs = minimumJobs
        self.decisionLimit = decisionLimit
    }

    public var name: String { inner.name }
    public var estimateKind: EstimateKind { inner.estimateKind }
    public var predictor: GammaPredictor { inner.predictor }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        inner.admit(jobIndex: jobIndex, context: &context)
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        if let decisionLimit, latencies.count >= decisionLimit {
            return context.jobs.lastIndex { $0.isReady }.map { Selection(jobIndex: $0, layerCount: Int.max) }
        }
        guard context.jobCount >= minimumJobs else { return inner.select(for: accelerator, context: &context) }
        if warmupDone < warmupDecisions {
            warmupDone += 1
            return inner.select(for: accelerator, context: &context)
        }
        let start = MonotonicClock.nanoseconds()
        if firstStart == 0 { firstStart = start }
        let selection = inner.select(for: accelerator, context: &context)
        let end = MonotonicClock.nanoseconds()
        latencies.record(Double(end - start) * 1e-9)
        measuredDecisionSeconds += Double(end - start) * 1e-9
        measuredSpanSeconds = Double(end - firstStart) * 1e-9
        return selection
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        if !finished, latencies.count > 0, latencies.count <= decisionLimit ?? .max { measuredDrops += 1 }  // the last timed decision's drops come after it
        inner.jobEnded(job, finished: finished, at: time)
    }
}
