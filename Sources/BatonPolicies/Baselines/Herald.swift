import BatonCore

/// Herald-style scheduling (Kwon et al., HPCA 2021): each layer goes to the accelerator whose
/// dataflow suits it best; frames queue by arrival.
///
/// A layer's preferred accelerator is the one with the lowest estimated latency (`.latency`, CLI
/// `herald`) or lowest energy x latency (`.energyDelay`, CLI `herald-edp`) for that layer; ties go to
/// the lowest index. A free accelerator runs the next layer of the oldest waiting frame (earliest
/// arrival, then admission) whose next layer prefers it. If none does, it stays work-conserving:
/// it runs the oldest waiting frame whose preferred accelerator is busy (a frame whose preferred
/// accelerator is idle is left for that one). Herald plans layer placement offline; this is the
/// dynamic, greedy reading of its affinity rule. Late frames are not treated specially or dropped.
///
/// Index (`index=indexed`, from `indexThreshold` jobs): one arrival-ordered `WaitingJobIndex` per
/// preferred accelerator; a selected frame leaves its queue and rejoins the queue of its next
/// layer's preferred accelerator when it waits again. A decision reads the free accelerator's
/// queue, else the busy ones' (ties by admission across queues), in O(accelerators x log n).
public struct HeraldScheduler: Scheduler {
    /// What "suits best" means.
    public enum Affinity: String, Sendable {
        case latency
        case energyDelay = "energy-delay"
    }

    public var affinity: Affinity
    /// Decide through the queues; false: scan every job.
    public let indexed: Bool
    private var queues: [WaitingJobIndex] = []
    /// Serials of frames selected and not yet queued again.
    private var running: [Int] = []
    private var built = false

    public init(affinity: Affinity = .latency, indexed: Bool = true) {
        self.affinity = affinity
        self.indexed = indexed
    }

    public var name: String { affinity == .latency ? "herald" : "herald-edp" }

    static func line(_ i: Int, _ context: SchedulingContext) -> KineticTournament.Line {
        .init(base: context.jobs[i].arrivalSeconds, slope: 0, anchor: 0)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        guard built else { return }
        let target = preferredAccelerator(jobIndex, context)
        queues[target].prepare(context) { HeraldScheduler.line($0, $1) }
        queues[target].insert(jobIndex, context: context, line: HeraldScheduler.line(jobIndex, context))
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard indexed, context.jobs.count >= indexThreshold else {
            built = false
            return selectByScan(for: accelerator, context)
        }
        prepareQueues(context)
        func arrival(_ i: Int) -> Double { context.jobs[i].arrivalSeconds }
        var chosen = queues[accelerator].minimum(context).map { (queue: accelerator, index: $0.index, slot: $0.slot) }
        if chosen == nil {
            for target in 0..<queues.count where target != accelerator && context.acceleratorBusy[target] {
                guard let head = queues[target].minimum(context) else { continue }
                if let best = chosen, (arrival(best.index), best.index) <= (arrival(head.index), head.index) { continue }
                chosen = (target, head.index, head.slot)
            }
        }
        guard let chosen else { return nil }
        queues[chosen.queue].remove(slot: chosen.slot)
        running.append(context.jobs[chosen.index].serial)
        return Selection(jobIndex: chosen.index, layerCount: 1)
    }

    /// Builds the queues from the jobs, or re-queues the frames selected earlier that wait again.
    private mutating func prepareQueues(_ context: SchedulingContext) {
        if !built {
            queues = [WaitingJobIndex](repeating: WaitingJobIndex(), count: context.platform.count)
            for q in queues.indices { queues[q].startEmpty(context) }
            running.removeAll(keepingCapacity: true)
            for i in 0..<context.jobs.count {
                if context.jobs[i].isReady {
                    queues[preferredAccelerator(i, context)].insert(i, context: context, line: HeraldScheduler.line(i, context))
                } else {
                    running.append(context.jobs[i].serial)
                }
            }
            built = true
            return
        }
        for q in queues.indices { queues[q].prepare(context) { HeraldScheduler.line($0, $1) } }
        var kept = 0
        for k in 0..<running.count {
            guard let i = context.index(ofSerial: running[k]) else { continue }
            if context.jobs[i].isReady {
                queues[preferredAccelerator(i, context)].insert(i, context: context, line: HeraldScheduler.line(i, context))
            } else {
                running[kept] = running[k]
                kept += 1
            }
        }
        running.removeLast(running.count - kept)
    }

    /// The linear scan (the reference the queues must match).
    func selectByScan(for accelerator: Int, _ context: SchedulingContext) -> Selection? {
        var preferred = -1
        var fallback = -1
        for i in context.jobs.indices where context.jobs[i].isReady {
            let target = preferredAccelerator(i, context)
            if target == accelerator {
                if preferred < 0 || context.jobs[i].arrivalSeconds < context.jobs[preferred].arrivalSeconds { preferred = i }
            } else if context.acceleratorBusy[target] {
                if fallback < 0 || context.jobs[i].arrivalSeconds < context.jobs[fallback].arrivalSeconds { fallback = i }
            }
        }
        let chosen = preferred >= 0 ? preferred : fallback
        return chosen < 0 ? nil : Selection(jobIndex: chosen, layerCount: 1)
    }

    /// The accelerator job `index`'s next layer prefers.
    func preferredAccelerator(_ index: Int, _ context: SchedulingContext) -> Int {
        var best = 0
        var bestCost = Double.infinity
        for a in 0..<context.platform.count {
            let latency = context.nextLayerEstimate(index, on: a)
            let cost = affinity == .latency ? latency : latency * context.nextLayerEnergy(index, on: a)
            if cost < bestCost { best = a; bestCost = cost }
        }
        return best
    }
}
