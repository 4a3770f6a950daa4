@testable import BatonCore
import PropertyBased
import Testing

/// Runs the next layer of the earliest-admitted ready job, one layer at a time.
private struct OneLayerFCFS: Scheduler {
    var name: String { "one-layer-fcfs" }
    func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard let i = context.jobs.indices.first(where: { context.jobs[$0].isReady }) else { return nil }
        return Selection(jobIndex: i, layerCount: 1)
    }
}

@Suite("Invariant checker and clock rounding")
struct InvariantRoundingTests {
    /// Late in a long run the clock's resolution is coarse (ulp(1e8 s) = 1.5e-8 s), so a block's
    /// end minus its start differs from the sum of its layer latencies by rounding. The checker
    /// must accept that (it failed with "busy ... but its layers sum to ..." before it allowed for
    /// it) while still checking that every job ends once and no accelerator overlaps.
    @Test func lateShortLayersPassTheChecks() async {
        await propertyCheck(count: 40, input: Gen.uint64(), Gen.int(in: 1...3), Gen.int(in: 1...40)) { seed, accelerators, jobs in
            recordingErrors {
                var random = SeededRandom(seed: seed, stream: "invariant-rounding")
                let layers = 1 + random.nextInt(below: 30)
                let costs = (0..<(layers * accelerators)).map { _ in 1e-6 + 1e-5 * random.nextUnit() }
                let table = CostTable(layerCount: layers, acceleratorCount: accelerators, latencySeconds: costs)
                let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [table])
                var arrival = SimulationLimits.maxTimeSeconds * (0.5 + 0.5 * random.nextUnit())
                var specs: [JobSpec] = []
                for id in 0..<jobs {
                    specs.append(JobSpec(requestID: id, model: 0, arrivalSeconds: arrival,
                                         deadlineSeconds: arrival + 1, trueCosts: 0))
                    arrival += 1e-5 * random.nextUnit()
                }
                let platform = Platform(name: "p", accelerators: (0..<accelerators).map { Accelerator(name: "a\($0)", dataflow: "x") })
                var simulator = Simulator(catalog: catalog, platform: platform, scheduler: OneLayerFCFS(),
                                          source: ListSource(specs), settings: SimulationSettings(checkInvariants: true))
                let result = try simulator.run()
                #expect(result.metrics.completed == jobs)
                #expect(result.unfinished == 0)
            }
        }
    }
}
