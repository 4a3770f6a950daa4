import BatonCore
import BatonPolicies
@testable import BatonSparse
import PropertyBased
import Testing

/// A request that arrives after every earlier request has finished cannot change their schedule.
@Suite("Engine causality")
struct CausalityPropertyTests {
    /// Random workload (1-4 accelerators, 1-25 jobs), every sparse policy, both modes (the
    /// artifact's on one accelerator): appending a copy of a random job arriving 1 s after the last
    /// finish leaves every earlier layer (job, accelerator, start, end) and finish bit-identical,
    /// and the appended job then runs alone, from its arrival, on consecutive layers.
    @Test func aLaterRequestDoesNotChangeEarlierOnes() async {
        var checked = 0
        await propertyCheck(count: 100, input: Gen.uint64(), Gen.int(in: 1...4), Gen.int(in: 1...25)) { seed, accelerators, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: accelerators, jobs: jobs)
            var modes: [SimulationSettings.Compatibility] = [.none]
            if accelerators == 1 { modes.append(.dystaArtifact) }
            for mode in modes {
                for name in TestPolicies.sparseNames {
                    recordingErrors {
                        let options = TestPolicyOptions(compatibility: mode)
                        let before = ScheduleLog(jobs: jobs)
                        _ = try workload.run(try TestPolicies.make(name, options: options), compatibility: mode, log: before)
                        let lastFinish = try #require(before.finishes.max())
                        var extended = workload
                        var extra = workload.specs[Int(seed % UInt64(jobs))]
                        extra.requestID = jobs
                        extra.arrivalSeconds = lastFinish + 1
                        extra.readySeconds = lastFinish + 1
                        extra.deadlineSeconds = lastFinish + 100
                        extended.specs.append(extra)
                        let after = ScheduleLog(jobs: jobs + 1)
                        _ = try extended.run(try TestPolicies.make(name, options: options), compatibility: mode, log: after)
                        #expect(Array(after.layers.prefix(before.layers.count)) == before.layers, "\(name) \(mode)")
                        #expect(Array(after.finishes.prefix(jobs)) == before.finishes, "\(name) \(mode)")
                        let tail = after.layers.dropFirst(before.layers.count)
                        #expect(tail.allSatisfy { $0.job == jobs }, "\(name) \(mode)")
                        #expect(tail.first?.start == extra.arrivalSeconds, "\(name) \(mode)")
                        #expect(zip(tail, tail.dropFirst()).allSatisfy { $0.end == $1.start }, "\(name) \(mode)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked >= 100 * TestPolicies.sparseNames.count)
    }
}
