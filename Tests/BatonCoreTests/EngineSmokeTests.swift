import Testing
@testable import BatonCore

/// Earliest arrival first; ties keep the earlier admission. Test-only policy.
struct EarliestArrival: Scheduler {
    var name: String { "earliest-arrival" }
    func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        var best = -1
        for i in context.jobs.indices where context.jobs[i].isReady {
            if best < 0 || context.jobs[i].arrivalSeconds < context.jobs[best].arrivalSeconds { best = i }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}

@Suite("Engine smoke")
struct EngineSmokeTests {
    /// Two jobs on one accelerator: A (layers 2, 3 s) at t=0, B (layer 1 s) at t=1.
    /// FCFS runs A's layer 0 [0,2), A's layer 1 [2,5), then B [5,6).
    @Test func twoJobsOneAccelerator() throws {
        let catalog = WorkloadCatalog(modelNames: ["a", "b"], costTables: [
            CostTable(latencySeconds: [2, 3]), CostTable(latencySeconds: [1]),
        ])
        let jobs = [
            JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 10, trueCosts: 0),
            JobSpec(requestID: 1, model: 1, arrivalSeconds: 1, deadlineSeconds: 5.5, trueCosts: 1),
        ]
        var sim = Simulator(catalog: catalog, platform: .single(), scheduler: EarliestArrival(),
                            source: ListSource(jobs), settings: SimulationSettings(checkInvariants: true))
        let result = try sim.run()
        #expect(result.metrics.completed == 2)
        #expect(result.metrics.late == 1)  // B finishes at 6 > 5.5
        #expect(result.metrics.endSeconds == 6)
        // ANTT = (5/5 + 5/1) / 2 = 3
        #expect(abs(result.metrics.antt - 3) < 1e-12)
        #expect(result.metrics.acceleratorBusySeconds == [6])
        #expect(result.unfinished == 0)
    }

    /// Two accelerators, where acc1 is twice as slow: A and B both arrive at 0.
    @Test func twoAccelerators() throws {
        let table = CostTable(layerCount: 1, acceleratorCount: 2, latencySeconds: [1, 2])
        let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [table])
        let jobs = (0..<2).map { JobSpec(requestID: $0, model: 0, arrivalSeconds: 0, deadlineSeconds: 1.5, trueCosts: 0) }
        var sim = Simulator(catalog: catalog, platform: Platform(name: "two", accelerators: [
            Accelerator(name: "fast", dataflow: "x"), Accelerator(name: "slow", dataflow: "x")]),
                            scheduler: EarliestArrival(), source: ListSource(jobs),
                            settings: SimulationSettings(checkInvariants: true))
        let result = try sim.run()
        #expect(result.metrics.completed == 2)
        #expect(result.metrics.acceleratorBusySeconds == [1, 2])
        #expect(result.metrics.late == 1)
        #expect(result.metrics.endSeconds == 2)
    }
}
