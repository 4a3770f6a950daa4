import BatonCore

/// PREMA (Choi and Rhu, HPCA 2020) as the sparse study re-implemented it, generalised to several
/// accelerators, layer-granular.
///
/// Each frame holds a token (`JobState.schedulerValue`), set to its priority the first time a
/// decision sees it waiting; afterwards, at every decision, a waiting frame's token grows by
/// `priority * waited / E`, where `waited` is the time since the later of its last token update
/// and the end of its last layer (time spent running does not count) and `E` is its estimated
/// isolated latency (fastest accelerator). The threshold is 9 if the largest waiting token is at
/// least 9, else 3 if at least 3, else 1; among the waiting frames whose token reaches the
/// threshold, the one with the smallest estimated remaining latency runs next. Ties: the frame
/// admitted first. Late frames are not treated specially or dropped. (Baton's default semantics;
/// the Dysta artifact's quirks of adding the whole idle time again at every decision are not
/// reproduced here.)
public struct RTPREMA: Scheduler {
    public init() {}

    public var name: String { "prema" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        var largest = -Double.infinity
        for i in context.jobs.indices where context.jobs[i].isReady {
            let job = context.jobs[i]
            var token = job.schedulerValue
            if token < 0 {
                token = job.priority
            } else {
                let since = max(job.schedulerStamp, job.lastRunSeconds)
                token += job.priority * max(0, now - since) / max(job.isolatedEstimateSeconds, 1e-12)
            }
            context.setSchedulerScratch(i, value: token, stamp: now)
            largest = max(largest, token)
        }
        guard largest > -Double.infinity else { return nil }
        let threshold: Double = largest >= 9 ? 9 : (largest >= 3 ? 3 : 1)
        var best = -1
        for i in context.jobs.indices where context.jobs[i].isReady && context.jobs[i].schedulerValue >= threshold {
            if best < 0 || context.jobs[i].remainingEstimateSeconds < context.jobs[best].remainingEstimateSeconds { best = i }
        }
        return best < 0 ? nil : Selection(jobIndex: best, layerCount: 1)
    }
}
