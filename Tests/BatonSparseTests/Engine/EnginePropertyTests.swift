import BatonCore
import BatonPolicies
@testable import BatonSparse
import PropertyBased
import Testing

/// Engine invariants under every sparse-study policy, on random small workloads.
@Suite("Engine properties with the sparse schedulers")
struct EnginePropertyTests {
    /// Every policy, 1-4 accelerators, 1-30 jobs, invariants checked by the engine (every job
    /// ends once, no accelerator or job runs twice at once, busy time == sum of layer latencies,
    /// time monotonic) and again here from the recorded schedule.
    @Test func invariantsHoldForEveryPolicy() async throws {
        await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...4), Gen.int(in: 1...30)) { seed, accelerators, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: accelerators, jobs: jobs)
            for name in TestPolicies.sparseNames {
                recordingErrors {
                    let log = ScheduleLog(jobs: jobs)
                    let result = try workload.run(try TestPolicies.make(name), log: log)
                    checkRun(result, log: log, workload: workload, name: name, monotonic: true)
                }
            }
        }
    }

    /// The same in the Dysta artifact's mode (one accelerator; the clock may go backwards when
    /// the system drains, so layers are checked to be sequential per job, and the engine checks
    /// that the accelerator is idle whenever a layer starts).
    @Test func invariantsHoldInArtifactMode() async throws {
        await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...30)) { seed, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: 1, jobs: jobs)
            for name in TestPolicies.sparseNames {
                recordingErrors {
                    let log = ScheduleLog(jobs: jobs)
                    let options = TestPolicyOptions(compatibility: .dystaArtifact)
                    let result = try workload.run(try TestPolicies.make(name, options: options),
                                                  compatibility: .dystaArtifact, log: log)
                    checkRun(result, log: log, workload: workload, name: name, monotonic: false)
                }
            }
        }
    }

    private func checkRun(_ result: RunResult, log: ScheduleLog, workload: RandomWorkload, name: String,
                          monotonic: Bool) {
        let metrics = result.metrics
        let jobs = workload.specs.count
        #expect(result.unfinished == 0, "\(name)")
        #expect(metrics.admitted == jobs, "\(name)")
        #expect(metrics.completed + metrics.dropped == metrics.admitted, "\(name)")
        #expect(log.finishes.allSatisfy { $0 >= 0 }, "\(name): a job never finished")

        // Busy time per accelerator equals the latencies of the layers it ran.
        var busy = [Double](repeating: 0, count: workload.platform.count)
        for layer in log.layers { busy[layer.accelerator] += layer.end - layer.start }
        for a in busy.indices {
            #expect(abs(busy[a] - metrics.acceleratorBusySeconds[a]) <= 1e-9 * max(1, busy[a]), "\(name) acc \(a)")
        }

        // Every layer of every job ran once, in order, after the job's arrival (in Baton's mode).
        var nextLayer = [Int](repeating: 0, count: jobs)
        var jobFree = workload.specs.map(\.arrivalSeconds)
        var acceleratorFree = [Double](repeating: -.infinity, count: workload.platform.count)
        var lastEnd = -Double.infinity
        for layer in log.layers {
            #expect(layer.layer == nextLayer[layer.job], "\(name): job \(layer.job) ran layer \(layer.layer) out of order")
            nextLayer[layer.job] += 1
            if monotonic {
                #expect(layer.start >= acceleratorFree[layer.accelerator], "\(name): accelerator \(layer.accelerator) overlaps")
                #expect(layer.start >= jobFree[layer.job], "\(name): job \(layer.job) starts before it is free")
                #expect(layer.end >= lastEnd, "\(name): time went backwards")
                lastEnd = layer.end
            } else {
                #expect(layer.layer == 0 || layer.start >= jobFree[layer.job], "\(name): job \(layer.job) overlaps itself")
            }
            acceleratorFree[layer.accelerator] = layer.end
            jobFree[layer.job] = layer.end
        }
        for (id, spec) in workload.specs.enumerated() {
            let layers = workload.catalog.costTables[spec.trueCosts].layerCount
            #expect(nextLayer[id] == layers, "\(name): job \(id) ran \(nextLayer[id]) of \(layers) layers")
        }
    }
}

/// Same workload, same policy -> the identical schedule, bit for bit.
@Suite("Sparse schedulers are deterministic")
struct DeterminismTests {
    @Test func repeatedRunsGiveIdenticalSchedules() throws {
        let workload = RandomWorkload(seed: 20_231_016, accelerators: 2, jobs: 30)
        for name in TestPolicies.sparseNames {
            let first = ScheduleLog(jobs: 30)
            let second = ScheduleLog(jobs: 30)
            let one = try workload.run(try TestPolicies.make(name), log: first)
            let two = try workload.run(try TestPolicies.make(name), log: second)
            #expect(first.layers == second.layers, "\(name)")
            #expect(first.finishes == second.finishes, "\(name)")
            #expect(one.metrics.antt == two.metrics.antt, "\(name)")
            #expect(one.metrics.decisions == two.metrics.decisions, "\(name)")
        }
    }
}
