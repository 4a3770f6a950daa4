import BatonCore

/// Earliest deadline first, layer-granular: a free accelerator runs the next layer of the waiting
/// frame with the earliest deadline.
///
/// Ties: earlier arrival, then the frame admitted first. Late frames (deadline passed) have the
/// earliest deadlines and so run first; none is dropped.
public struct RTEDF: Scheduler {
    public init() {}

    public var name: String { "edf" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        var best = -1
        for i in context.jobs.indices where context.jobs[i].isReady {
            guard best >= 0 else { best = i; continue }
            let job = context.jobs[i], incumbent = context.jobs[best]
            if (job.deadlineSeconds, job.arrivalSeconds) < (incumbent.deadlineSeconds, incumbent.arrivalSeconds) { best = i }
        }
        return best < 0 ? nil : Selection(jobIndex: best, layerCount: 1)
    }
}
