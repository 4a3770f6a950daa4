import BatonCore
import BatonPolicies
import Testing
@testable import BatonExperiments
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Synthetic study")
struct SyntheticRunnerTests {
    /// One accelerator. A: 2 layers of 1 s, arrives 0, deadline 10. B: 1 layer of 1 s, arrives
    /// 0.5, deadline 2.5.
    /// EDF:  A.l0 [0,1); at 1 B (deadline 2.5) beats A (10): B [1,2); A.l1 [2,3).
    ///       A: 3/2 = 1.5, B: (2 - 0.5)/1 = 1.5 -> ANTT 1.5, nobody late.
    /// FCFS: A.l0 [0,1), A.l1 [1,2), B [2,3) -> B late (3 > 2.5).
    ///       A: 2/2 = 1, B: 2.5/1 = 2.5 -> ANTT 1.75.
    @Test(arguments: [("edf", 1.5, 0), ("fcfs", 1.75, 1)] as [(String, Double, Int)])
    func builtInPoliciesByHand(policy: String, antt: Double, late: Int) throws {
        let catalog = WorkloadCatalog(modelNames: ["a", "b"], costTables: [
            CostTable(latencySeconds: [1, 1]), CostTable(latencySeconds: [1]),
        ])
        let jobs = [
            JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 10, trueCosts: 0),
            JobSpec(requestID: 1, model: 1, arrivalSeconds: 0.5, deadlineSeconds: 2.5, trueCosts: 1),
        ]
        let settings = SimulationSettings(checkInvariants: true)
        let result: RunResult
        if policy == "edf" {
            var sim = Simulator(catalog: catalog, platform: .single(), scheduler: EDF(),
                                source: ListSource(jobs), settings: settings)
            result = try sim.run()
        } else {
            var sim = Simulator(catalog: catalog, platform: .single(), scheduler: FCFS(),
                                source: ListSource(jobs), settings: settings)
            result = try sim.run()
        }
        #expect(result.metrics.completed == 2)
        #expect(result.metrics.late == late)
        #expect(abs(result.metrics.antt - antt) < 1e-12)
        #expect(result.metrics.endSeconds == 3)
    }

    /// Mean isolated latencies: tiny 0.3+0.4+0.3 = 1 ms, small 4 ms, medium 10 ms.
    @Test func workloadTables() {
        #expect(abs(SyntheticWorkload.meanIsolatedSeconds(model: 0) - 0.001) < 1e-15)
        #expect(abs(SyntheticWorkload.meanIsolatedSeconds(model: 1) - 0.004) < 1e-15)
        #expect(abs(SyntheticWorkload.meanIsolatedSeconds(model: 2) - 0.010) < 1e-15)
        // Input 3 of medium: scale 1.3; energy 2 W x 13 ms = 26 mJ.
        let table = SyntheticWorkload.catalog.costTables[2 * 5 + 1 + 3]
        #expect(abs(table.total(accelerator: 0) - 0.013) < 1e-15)
        #expect(abs(table.totalEnergy(accelerator: 0) - 26) < 1e-12)
    }

    @Test func jobsAreDeterministicAndWellFormed() {
        let a = SyntheticWorkload.jobs(count: 500, ratePerSecond: 100, sloMultiplier: 5, seed: 7)
        let b = SyntheticWorkload.jobs(count: 500, ratePerSecond: 100, sloMultiplier: 5, seed: 7)
        let c = SyntheticWorkload.jobs(count: 500, ratePerSecond: 100, sloMultiplier: 5, seed: 8)
        #expect(a == b)
        #expect(a != c)
        for (i, job) in a.enumerated() {
            #expect(job.requestID == i)
            if i > 0 { #expect(job.arrivalSeconds >= a[i - 1].arrivalSeconds) }
            let slack = job.deadlineSeconds - job.arrivalSeconds
            #expect(abs(slack - 5 * SyntheticWorkload.meanIsolatedSeconds(model: job.model)) < 1e-12)
            #expect(job.patternEstimate == job.model * 5)
            #expect((1...4).contains(job.trueCosts - job.model * 5))
        }
        // Mean inter-arrival close to 1/rate = 10 ms (500 draws: within 20%).
        let mean = a.last!.arrivalSeconds / 500
        #expect(abs(mean - 0.01) < 0.002)
    }

    /// A single request runs alone: no violation, ANTT exactly its isolated latency ratio (1).
    @Test func singleJobRunsInIsolation() throws {
        let point = SweepPoint(index: 0, parameters: [SweepParameter(name: "jobs", value: 1)])
        let metrics = try SyntheticSweepRunner().run(point)
        #expect(metrics.map(\.0) == SyntheticSweepRunner.metricNames)
        let values = Dictionary(uniqueKeysWithValues: metrics)
        #expect(values["violation_rate"] == .double(0))
        #expect(abs((values["antt"]?.doubleValue ?? 0) - 1) < 1e-12)
        #expect(values["completed"] == .int(1))
    }

    /// The runner's output depends only on the point (same point, same bytes), and the workload
    /// only on rate, jobs, slo and seed, so EDF and FCFS run the same requests.
    @Test func deterministicPerPoint() throws {
        let runner = SyntheticSweepRunner()
        func point(_ scheduler: String, seed: Int) -> SweepPoint {
            SweepPoint(index: 0, parameters: [
                SweepParameter(name: "jobs", value: 300), SweepParameter(name: "rate", value: 150),
                SweepParameter(name: "scheduler", value: .text(scheduler)), SweepParameter(name: "seed", value: .int(seed)),
            ])
        }
        let first = try SweepResultLine.format(point: point("edf", seed: 3), metrics: runner.run(point("edf", seed: 3)))
        _ = try runner.run(point("fcfs", seed: 4))
        let again = try SweepResultLine.format(point: point("edf", seed: 3), metrics: runner.run(point("edf", seed: 3)))
        #expect(first == again)
        let edf = Dictionary(uniqueKeysWithValues: try runner.run(point("edf", seed: 3)))
        let fcfs = Dictionary(uniqueKeysWithValues: try runner.run(point("fcfs", seed: 3)))
        // Same requests, same work (summed in a different order, so equal up to rounding).
        let energy = try #require(edf["energy_mj"]?.doubleValue), other = try #require(fcfs["energy_mj"]?.doubleValue)
        #expect(abs(energy - other) < 1e-9 * energy)
        #expect(edf["completed"] == .int(300))
    }

    @Test func rejectsUnknownParameters() throws {
        let point = SweepPoint(index: 0, parameters: [SweepParameter(name: "rat", value: 1, line: 5)], source: "s.yaml")
        let error = try #require(throws: InputError.self) { try SyntheticSweepRunner().check(point) }
        #expect(error.description.contains("did you mean 'rate'"))
        #expect(error.line == 5)
        let bad = SweepPoint(index: 0, parameters: [SweepParameter(name: "scheduler", value: "edff")])
        #expect(throws: InputError.self) { try SyntheticSweepRunner().check(bad) }
        let zero = SweepPoint(index: 0, parameters: [SweepParameter(name: "rate", value: 0)])
        #expect(throws: InputError.self) { try SyntheticSweepRunner().check(zero) }
    }
}
