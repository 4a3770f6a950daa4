import BatonCore

/// Planaria's temporal scheduling (Ghodrati et al., MICRO 2020) as the sparse study used it,
/// generalised to several accelerators, layer-granular: score `priority / slack`, highest first.
///
/// Late frames (slack <= 0) score +infinity: they are the most urgent, and among them the earlier
/// arrival runs first. Other ties: earlier arrival, then the frame admitted first. None is dropped.
/// (The Dysta artifact lets negative scores lose; Baton's default mode does not.)
public struct RTPlanaria: Scheduler {
    public init() {}

    public var name: String { "planaria" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        var best = -1
        var bestScore = -Double.infinity
        for i in context.jobs.indices where context.jobs[i].isReady {
            let job = context.jobs[i]
            let slack = job.deadlineSeconds - now
            let score = slack > 0 ? job.priority / slack : .infinity
            if best < 0 || score > bestScore
                || (score == bestScore && job.arrivalSeconds < context.jobs[best].arrivalSeconds) {
                best = i
                bestScore = score
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best, layerCount: 1)
    }
}
