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
public struct HeraldScheduler: Scheduler {
    /// What "suits best" means.
    public enum Affinity: String, Sendable {
        case latency
        case energyDelay = "energy-delay"
    }

    public var affinity: Affinity

    public init(affinity: Affinity = .latency) { self.affinity = affinity }

    public var name: String { affinity == .latency ? "herald" : "herald-edp" }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
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
