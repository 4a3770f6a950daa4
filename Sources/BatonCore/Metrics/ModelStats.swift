/// Results for one model (all its jobs or frames) in one run.
public struct ModelStats: Sendable, Equatable, Codable {
    /// Jobs of this model that entered the system (completed + dropped + unfinished).
    public var jobs: Int = 0
    /// Jobs that finished.
    public var completed: Int = 0
    /// Jobs dropped (by the scheduler or with their upstream frame).
    public var dropped: Int = 0
    /// Jobs still in the system when the run ended (a policy left them waiting). Frame and job
    /// accounting closes: `jobs == completed + dropped + unfinished` (checked with `--check`).
    public var unfinished: Int = 0
    /// Completed jobs that finished after their deadline.
    public var late: Int = 0
    /// Energy spent on this model's jobs (dropped ones included), millijoules.
    public var energyMillijoules: Double = 0
    /// Sum over completed jobs of XRBench's real-time x energy score, RT_i * EN_i.
    public var xrbenchScoreSum: Double = 0
    /// Sum of turnaround times of completed jobs, seconds.
    public var turnaroundSumSeconds: Double = 0

    public init() {}

    /// Counted jobs (completed + dropped): XRBench's `frames_m`.
    public var counted: Int { completed + dropped }

    /// Fraction of counted jobs that were late or dropped.
    public var violationRate: Double { counted == 0 ? 0 : Double(late + dropped) / Double(counted) }

    /// XRBench's per-model score S_m = (sum RT_i * EN_i) / frames_m * (1 - dropped_m / frames_m).
    public var xrbenchScore: Double {
        guard counted > 0 else { return 0 }
        let frames = Double(counted)
        return xrbenchScoreSum / frames * (1 - Double(dropped) / frames)
    }

    /// XRBench's score terms for one completed frame (times in seconds, energy in XRBench units):
    /// RT = 1 / (1 + exp(15 * (t_done - t_deadline) in ms)), EN = (1500 - E) / 1500.
    public static func xrbenchTerms(finishSeconds: Double, deadlineSeconds: Double,
                                    energyMillijoules: Double) -> (realTime: Double, energy: Double) {
        let overrunMilliseconds = (finishSeconds - deadlineSeconds) * 1000
        let realTime = 1 / (1 + exponential(15 * overrunMilliseconds))
        return (realTime, (1500 - energyMillijoules) / 1500)
    }

    /// Adds another run's figures (for aggregating seeds).
    public mutating func add(_ other: ModelStats) {
        jobs += other.jobs
        completed += other.completed
        dropped += other.dropped
        unfinished += other.unfinished
        late += other.late
        energyMillijoules += other.energyMillijoules
        xrbenchScoreSum += other.xrbenchScoreSum
        turnaroundSumSeconds += other.turnaroundSumSeconds
    }
}
