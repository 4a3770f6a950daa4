import BatonCore

/// First come, first served: a free accelerator runs the next layer of the oldest waiting frame.
///
/// Layer-granular: a frame keeps running while it is the oldest waiting one, and another free
/// accelerator takes the next oldest. Order: earliest nominal arrival (a cascaded frame carries
/// its upstream frame's arrival); ties go to the frame admitted first. Late frames get no special
/// treatment and are never dropped.
public struct RTFCFS: Scheduler {
    public init() {}

    public var name: String { "fcfs" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        var best = -1
        for i in context.jobs.indices where context.jobs[i].isReady {
            if best < 0 || context.jobs[i].arrivalSeconds < context.jobs[best].arrivalSeconds { best = i }
        }
        return best < 0 ? nil : Selection(jobIndex: best, layerCount: 1)
    }
}
