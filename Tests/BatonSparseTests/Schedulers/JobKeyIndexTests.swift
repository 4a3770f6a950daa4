import BatonCore
import BatonPolicies
@testable import BatonSparse
import PropertyBased
import Testing

/// The indexed FCFS and SJF (tournament of static keys) pick exactly what their linear scans pick.
@Suite("Indexed FCFS and SJF")
struct JobKeyIndexTests {
    static func policies(_ indexed: Bool, _ mode: SimulationSettings.Compatibility) -> [any Scheduler] {
        [FCFS(compatibility: mode, indexed: indexed),
         SJF(sparse: false, compatibility: mode, indexed: indexed),
         SJF(sparse: true, compatibility: mode, indexed: indexed)]
    }

    @Test func indexedEqualsLinearScan() async throws {
        await propertyCheck(count: 80, input: Gen.uint64(), Gen.int(in: 1...40)) { seed, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: 1, jobs: jobs)
            for mode in SimulationSettings.Compatibility.allCases {
                for (heap, scan) in zip(Self.policies(true, mode), Self.policies(false, mode)) {
                    recordingErrors {
                        let heapLog = ScheduleLog(jobs: jobs), scanLog = ScheduleLog(jobs: jobs)
                        _ = try workload.run(heap, compatibility: mode, log: heapLog)
                        _ = try workload.run(scan, compatibility: mode, log: scanLog)
                        #expect(heapLog.layers == scanLog.layers, "\(heap.name) \(mode), seed \(seed)")
                    }
                }
            }
        }
    }

    /// Hand case: three jobs arrive together with remaining 3, 1, 2 s (one layer each): the index
    /// yields B (1), then C (2), then A (3); a tie on the key goes to the earlier admission.
    @Test func orderAndTies() throws {
        let (catalog, specs) = makeWorkload([TestJob(arrival: 0, layers: [3]), TestJob(arrival: 0, layers: [1]),
                                             TestJob(arrival: 0, layers: [2]), TestJob(arrival: 0, layers: [1])])
        let log = ScheduleLog(jobs: 4)
        var simulator = Simulator(catalog: catalog, platform: .single(), scheduler: SJF(sparse: false),
                                  source: ListSource(specs), settings: SimulationSettings(checkInvariants: true))
        simulator.observer = log
        _ = try simulator.run()
        #expect(log.layers.map(\.job) == [1, 3, 2, 0])
    }
}
