import BatonCore

/// SDRM3 (the first version of DREAM) as the sparse study re-implemented it, generalised to
/// several accelerators, layer-granular:
/// `score = urgency + alpha * fairness`, highest first, with
/// `urgency = min(1, rem / slack)` (1 once the deadline has passed), `rem` the estimated remaining
/// latency (fastest accelerator), `slack = deadline - now`, and `fairness = idle / e_next`, `idle`
/// the time since the frame's last layer (or its arrival), `e_next` its next layer's estimated
/// latency. alpha = 1. Ties: earlier arrival, then the frame admitted first. No frame is dropped.
public struct RTSDRM3: Scheduler {
    /// Weight of the fairness term.
    public var alpha: Double

    public init(alpha: Double = 1) { self.alpha = alpha }

    public var name: String { "sdrm3" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        var best = -1
        var bestScore = -Double.infinity
        for i in context.jobs.indices where context.jobs[i].isReady {
            let job = context.jobs[i]
            let score = DreamScore.urgency(job, now: now) + alpha * DreamScore.fairness(job, now: now)
            if best < 0 || score > bestScore
                || (score == bestScore && job.arrivalSeconds < context.jobs[best].arrivalSeconds) {
                best = i
                bestScore = score
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best, layerCount: 1)
    }
}
