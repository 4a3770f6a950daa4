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
///
/// Index (`index=indexed`, from `indexThreshold` jobs): one arrival-ordered `WaitingJobIndex` per
/// model and each model's oldest frame cached (updated when a frame of the model arrives or is
/// dispatched), so a decision costs O(models) lookups instead of a scan of every frame.
public struct XRBenchDefaultScheduler: Scheduler {
    /// Decide through the per-model queues; false: scan every job.
    public let indexed: Bool
    private var nameOrder: [Int] = []
    private var heads: [Int] = []
    private var queues: [WaitingJobIndex] = []
    /// Per model: the oldest waiting frame's serial, slot and arrival (serial -1: unknown).
    private var cachedHeads: [(serial: Int, slot: Int, arrival: Double)] = []
    private var built = false

    public init(indexed: Bool = true) { self.indexed = indexed }

    public var name: String { "xrbench" }

    static func line(_ i: Int, _ context: SchedulingContext) -> KineticTournament.Line {
        .init(base: context.jobs[i].arrivalSeconds, slope: 0, anchor: 0)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        guard built else { return }
        enqueue(jobIndex, context)
    }

    /// Queues waiting frame `i` and keeps its model's cached head current.
    private mutating func enqueue(_ i: Int, _ context: SchedulingContext) {
        let model = context.jobs[i].spec.model
        let slot = queues[model].insert(i, context: context, line: XRBenchDefaultScheduler.line(i, context))
        let head = cachedHeads[model], arrival = context.jobs[i].arrivalSeconds
        // Serials follow admission order, as indices do.
        if head.serial >= 0, arrival < head.arrival || (arrival == head.arrival && context.jobs[i].serial < head.serial) {
            cachedHeads[model] = (context.jobs[i].serial, slot, arrival)
        }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let models = context.catalog.modelNames.count
        if nameOrder.count != models {
            nameOrder = XRBenchDefaultScheduler.byteOrder(context.catalog.modelNames)
            heads = [Int](repeating: -1, count: models)
            built = false
        }
        if indexed && context.jobs.count >= indexThreshold {
            indexedHeads(context)
        } else {
            built = false
            for m in 0..<models { heads[m] = -1 }
            for i in context.jobs.indices where context.jobs[i].isReady {
                let model = context.jobs[i].spec.model
                let head = heads[model]
                if head < 0 || context.jobs[i].arrivalSeconds < context.jobs[head].arrivalSeconds { heads[model] = i }
            }
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
            if best == accelerator {
                if built {  // the frame runs to completion: it leaves its queue for good
                    queues[model].remove(slot: cachedHeads[model].slot)
                    cachedHeads[model].serial = -1
                }
                return Selection(jobIndex: job, layerCount: Int.max)
            }
            taken |= 1 << UInt64(best)
        }
        return nil
    }

    /// Fills `heads` from the per-model queues (building them first if needed).
    private mutating func indexedHeads(_ context: SchedulingContext) {
        let models = heads.count
        if !built {
            queues = [WaitingJobIndex](repeating: WaitingJobIndex(), count: models)
            for m in 0..<models { queues[m].startEmpty(context) }
            cachedHeads = [(serial: Int, slot: Int, arrival: Double)](repeating: (-1, -1, 0), count: models)
            built = true
            // A dispatched frame runs to completion, so only waiting frames are queued.
            for i in 0..<context.jobs.count where context.jobs[i].isReady { enqueue(i, context) }
        }
        for m in 0..<models {
            if cachedHeads[m].serial >= 0, let i = context.index(ofSerial: cachedHeads[m].serial) {
                heads[m] = i
                continue
            }
            if let head = queues[m].minimum(context) {
                cachedHeads[m] = (context.jobs[head.index].serial, head.slot, context.jobs[head.index].arrivalSeconds)
                heads[m] = head.index
            } else {
                heads[m] = -1
            }
        }
    }

    /// Indices of `names` sorted by the bytes of the name (as C++ `std::string` compares them).
    public static func byteOrder(_ names: [String]) -> [Int] {
        names.indices.sorted { Array(names[$0].utf8).lexicographicallyPrecedes(Array(names[$1].utf8)) }
    }
}
