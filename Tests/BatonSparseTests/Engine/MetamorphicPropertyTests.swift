import BatonCore
import BatonPolicies
@testable import BatonSparse
import PropertyBased
import Testing

/// Metamorphic properties of the engine and the sparse-study policies.
@Suite("Engine metamorphic properties")
struct MetamorphicPropertyTests {
    /// With a single job in the system at any time there is nothing to choose: every policy gives
    /// the same schedule (layers, accelerators and times), in both modes.
    @Test func singleJobInSystemGivesOneSchedule() async throws {
        await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...4), Gen.int(in: 1...20)) { seed, accelerators, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: accelerators, jobs: jobs, oneAtATime: true)
            let reference = ScheduleLog(jobs: jobs)
            recordingErrors { _ = try workload.run(try TestPolicies.make("fcfs"), log: reference) }
            var modes: [SimulationSettings.Compatibility] = [.none]
            if accelerators == 1 { modes.append(.dystaArtifact) }
            for mode in modes {
                for name in TestPolicies.sparseNames {
                    let log = ScheduleLog(jobs: jobs)
                    let options = TestPolicyOptions(compatibility: mode)
                    recordingErrors {
                        _ = try workload.run(try TestPolicies.make(name, options: options), compatibility: mode, log: log)
                    }
                    #expect(log.layers.count > 0, "\(name) \(mode)")
                    #expect(log.layers.map(\.job) == reference.layers.map(\.job), "\(name) \(mode)")
                    #expect(log.layers.map(\.accelerator) == reference.layers.map(\.accelerator), "\(name) \(mode)")
                    #expect(log.starts == reference.starts, "\(name) \(mode)")
                    #expect(log.finishes == reference.finishes, "\(name) \(mode)")
                }
            }
        }
    }

    /// Scaling every time (costs, arrivals, deadlines) by a power of two k scales every
    /// turnaround by exactly k and leaves the schedule order, the violation rate and the ANTT
    /// unchanged. Dysta runs with beta 0 here: its preemption penalty (idle / E / n) is
    /// dimensionless while the rest of its value is in seconds, so with beta > 0 the policy is
    /// not scale-invariant (by design; see docs/schedulers-sparse.md).
    @Test func scalingTimeScalesTurnaround() async throws {
        let factors = [0.25, 0.5, 2, 4, 8]
        await propertyCheck(count: 40, input: Gen.uint64(), Gen.int(in: 1...4), Gen.int(in: 1...30),
                            Gen.int(in: 0...(factors.count - 1))) { seed, accelerators, jobs, factorIndex in
            let k = factors[factorIndex]
            let base = RandomWorkload(seed: seed, accelerators: accelerators, jobs: jobs)
            let scaled = RandomWorkload(seed: seed, accelerators: accelerators, jobs: jobs, scale: k)
            var modes: [SimulationSettings.Compatibility] = [.none]
            if accelerators == 1 { modes.append(.dystaArtifact) }
            for mode in modes {
                for name in TestPolicies.sparseNames { recordingErrors {
                    let options = TestPolicyOptions(beta: 0, compatibility: mode)
                    let baseLog = ScheduleLog(jobs: jobs)
                    let scaledLog = ScheduleLog(jobs: jobs)
                    let one = try base.run(try TestPolicies.make(name, options: options), compatibility: mode, log: baseLog)
                    let two = try scaled.run(try TestPolicies.make(name, options: options), compatibility: mode, log: scaledLog)
                    #expect(scaledLog.order == baseLog.order, "\(name) \(mode) x\(k)")
                    for id in 0..<jobs {
                        let turnaround = baseLog.finishes[id] - base.specs[id].arrivalSeconds
                        let scaledTurnaround = scaledLog.finishes[id] - scaled.specs[id].arrivalSeconds
                        #expect(scaledTurnaround == k * turnaround, "\(name) \(mode) x\(k) job \(id)")
                    }
                    #expect(two.metrics.violationRate == one.metrics.violationRate, "\(name) \(mode) x\(k)")
                    #expect(approx(two.metrics.antt, one.metrics.antt), "\(name) \(mode) x\(k)")
                } }
            }
        }
    }
}
