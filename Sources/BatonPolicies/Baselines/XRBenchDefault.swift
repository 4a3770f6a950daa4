import BatonCore

/// XRBench's own default scheduler: model-granular and non-preemptive, per-model FIFO queues
/// scanned in model-name order, latency-greedy accelerator choice.
///
/// At a decision the policy plans as XRBench's dispatcher does: for each model in the byte order
/// of its name (`DE_... < HT_... < PD_...`), take the model's oldest waiting frame (earliest
/// arrival, then admission) and give it to the idle accelerator with the lowest whole-model
/// latency (ties: lowest index), until no idle accelerator is left. The engine asks one free
/// accelerator at a time; the policy returns the frame the plan gives that accelerator (the plan
/// is greedy in model order, so re-planning after each assignment gives the same assignments).
/// A dispatched frame runs to completion. Late frames are not dropped in Baton's default mode
/// (XRBench's own stale-frame drop is in the parity simulator).
public struct XRBenchDefaultScheduler: Scheduler {
    private var nameOrder: [Int] = []
    private var heads: [Int] = []

    public init() {}

    public var name: String { "xrbench" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let models = context.catalog.modelNames.count
        if nameOrder.count != models {
            nameOrder = XRBenchDefaultScheduler.byteOrder(context.catalog.modelNames)
            heads = [Int](repeating: -1, count: models)
        }
        for m in 0..<models { heads[m] = -1 }
        for i in context.jobs.indices where context.jobs[i].isReady {
            let model = context.jobs[i].spec.model
            let head = heads[model]
            if head < 0 || context.jobs[i].arrivalSeconds < context.jobs[head].arrivalSeconds { heads[model] = i }
        }
        var taken: UInt64 = 0
        let count = context.platform.count
        for model in nameOrder {
            let job = heads[model]
            guard job >= 0 else { continue }
            let table = context.catalog.costTables[context.jobs[job].estimateTable]
            var best = -1
            for a in 0..<count where !context.acceleratorBusy[a] && taken & (1 << UInt64(a)) == 0 {
                if best < 0 || table.total(accelerator: a) < table.total(accelerator: best) { best = a }
            }
            guard best >= 0 else { return nil }
            if best == accelerator { return Selection(jobIndex: job, layerCount: Int.max) }
            taken |= 1 << UInt64(best)
        }
        return nil
    }

    /// Indices of `names` sorted by the bytes of the name (as C++ `std::string` compares them).
    public static func byteOrder(_ names: [String]) -> [Int] {
        names.indices.sorted { Array(names[$0].utf8).lexicographicallyPrecedes(Array(names[$1].utf8)) }
    }
}
