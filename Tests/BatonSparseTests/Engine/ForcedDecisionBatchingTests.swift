import BatonCore
import BatonPolicies
@testable import BatonSparse
import PropertyBased
import Testing

/// The same policy with batching of forced decisions turned off (every layer decided).
struct Unbatched<Inner: Scheduler>: Scheduler {
    var inner: Inner
    var name: String { inner.name }
    var estimateKind: EstimateKind { inner.estimateKind }
    var predictor: GammaPredictor { inner.predictor }
    var decisionsAreSideEffectFree: Bool { false }
    mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        inner.admit(jobIndex: jobIndex, context: &context)
    }
    mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        inner.select(for: accelerator, context: &context)
    }
    mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        inner.jobEnded(job, finished: finished, at: time)
    }
}

/// Batching a lone job's layers up to the next arrival (side-effect-free policies, one
/// accelerator) gives exactly the schedule of deciding at every layer: same layers, same start
/// and end times, same finishes and metrics.
@Suite("Forced-decision batching")
struct ForcedDecisionBatchingTests {
    @Test func batchedScheduleEqualsLayerByLayer() async throws {
        await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...30)) { seed, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: 1, jobs: jobs)
            for name in TestPolicies.sparseNames {
                recordingErrors {
                    let policy = try TestPolicies.make(name)
                    let batchedLog = ScheduleLog(jobs: jobs)
                    let batched = try workload.run(policy, log: batchedLog)
                    let plainLog = ScheduleLog(jobs: jobs)
                    let plain = try Self.runUnbatched(policy, workload: workload, log: plainLog)
                    #expect(batchedLog.layers == plainLog.layers, "\(name), seed \(seed)")
                    #expect(batchedLog.finishes == plainLog.finishes, "\(name), seed \(seed)")
                    #expect(batched.metrics.antt == plain.metrics.antt && batched.metrics.late == plain.metrics.late, "\(name)")
                }
            }
        }
    }

    /// Batching really happens: a lone job of 5 layers runs as one decision under FCFS.
    @Test func loneJobIsOneDecision() throws {
        let workload = RandomWorkload(seed: 7, accelerators: 1, jobs: 3, oneAtATime: true)
        let result = try workload.run(try TestPolicies.make("fcfs"), log: ScheduleLog(jobs: 3))
        #expect(result.metrics.decisions == 3)
        let unbatched = try Self.runUnbatched(try TestPolicies.make("fcfs"), workload: workload, log: ScheduleLog(jobs: 3))
        #expect(unbatched.metrics.decisions == unbatched.metrics.acceleratorLayers[0])
        // PREMA too (`decidesLoneJobReadOnly`): each job arrives at an idle accelerator, so its
        // token would not change at any of its layers.
        let prema = try workload.run(try TestPolicies.make("prema"), log: ScheduleLog(jobs: 3))
        #expect(prema.metrics.decisions == 3)
    }

    static func runUnbatched(_ policy: any Scheduler, workload: RandomWorkload, log: ScheduleLog) throws -> RunResult {
        func open<P: Scheduler>(_ p: P) throws -> RunResult {
            try workload.run(Unbatched(inner: p), log: log)
        }
        return try open(policy)
    }
}
