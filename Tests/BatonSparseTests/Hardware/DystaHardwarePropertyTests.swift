import BatonCore
@testable import BatonPolicies
import BatonSparse
import PropertyBased
import Testing

@Suite("Dysta hardware: properties")
struct DystaHardwarePropertyTests {
    /// The ideal hardware: beta = 0.01 in float64 (`.fp64`: no flushing, 64-bit time), no
    /// overhead, unbounded capacity (D = 20, 1024 blocks of 1024 layers).
    static func ideal() -> DystaHardwareParameters {
        var p = DystaHardwareParameters.ideal
        p.clockMHz = 1
        return p
    }

    /// 500 generated queue states (1-40 tasks: deadline, last run, n_iso, Lhat, gamma, layer,
    /// and the pass's start cycle): the policy's SCORING (its `score` at its `passCycle`) and its
    /// SELECT scan rank the tasks exactly as a float64 reference of the same formula,
    ///   score = 0.01 * (max(0, ddl - now) + floor((now - last) * n_iso / 2^18)) + Lhat * gamma,
    /// computed here independently: the same scores bit for bit, the same full order (score
    /// ascending, ties to the higher queue index) and the same selected task.
    @Test func idealRankingEqualsFloat64Reference() async throws {
        await propertyCheck(count: 500, input: Gen.uint64(), Gen.int(in: 1...40)) { seed, count in
            recordingErrors {
                var policy = try DystaHardware(parameters: Self.ideal())
                var random = SeededRandom(seed: seed, stream: "dysta-hw-ranking")
                let start = Int64(random.nextInt(below: 1 << 30))
                var tasks: [DystaHardware.Task] = []
                var references: [Double] = []
                for i in 0..<count {
                    // Small integer ranges make exact ties frequent.
                    let deadline = start + Int64(random.nextInt(below: 2000)) - 500
                    let last = start - Int64(random.nextInt(below: 3000))
                    let nIso = Int64([0, 1, 3, 4096, 65535][random.nextInt(below: 5)])
                    let lhat = Double(random.nextInt(below: 50)) * 64
                    let gamma = [0.5, 1, 1.25, 2][random.nextInt(below: 4)]
                    let block = i % 7
                    let layer = random.nextInt(below: 3)
                    let address = block * 1024 + layer
                    policy.lhatLUT[address] = lhat.bitPattern
                    policy.nIsoLUT[address] = nIso
                    tasks.append(.init(serial: i, gamma: gamma.bitPattern, deadline: deadline, lastRun: last, block: block))
                    // The reference, in plain float64.
                    let now = start + Int64(count - 1 - i) + 1
                    let slack = max(0, deadline - now)
                    let penalty = (Double(now - last) * Double(nIso) / 262_144).rounded(.down)
                    references.append(0.01 * (Double(slack) + penalty) + lhat * gamma)
                    tasks[i].score = policy.score(tasks[i], layer: layer, now: policy.ticks(
                        DystaHardware.passCycle(start: start, index: i, count: count)), gamma: tasks[i].gamma)
                }
                #expect(tasks.map(\.score) == references.map(\.bitPattern))
                let order = tasks.indices.sorted { (tasks[$0].score, -$0) < (tasks[$1].score, -$1) }
                let referenceOrder = references.indices.sorted { (references[$0], -$0) < (references[$1], -$1) }
                #expect(order == referenceOrder)
                let selected = DystaHardware.selectScan(count: count) { tasks[$0].score }
                #expect(selected == referenceOrder[0])
            }
        }
    }

    /// 60 random workloads (1-30 jobs, one accelerator) per format, with the overhead charged, a
    /// queue of 3 (D = 2) and 2 LUT blocks, so that requests wait outside the queue and some
    /// are refused: the engine's invariants hold (checked by the engine: every job ends once,
    /// the accelerator never runs two layers at once, busy time = the layers' latencies), every
    /// admitted job finishes or is dropped, exactly the refused ones are dropped, and the
    /// accelerator's occupied time (busy + scheduling overhead) fits in the run.
    @Test func enginesInvariantsHoldWithOverheadAndLimits() async throws {
        await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...30)) { seed, jobs in
            let workload = RandomWorkload(seed: seed, accelerators: 1, jobs: jobs)
            for format in [ScoreFormat.fp32, .fp16] {
                recordingErrors {
                    var p = DystaHardwareParameters()
                    p.format = format
                    p.clockMHz = 1
                    p.queueDepth = 2
                    p.maxBlocks = 2
                    let log = ScheduleLog(jobs: jobs)
                    let (result, report) = try runDystaHardware(p, catalog: workload.catalog, source: ListSource(workload.specs),
                                                                settings: SimulationSettings(checkInvariants: true), observer: log)
                    let metrics = result.metrics
                    #expect(result.unfinished == 0)
                    #expect(metrics.completed + metrics.dropped == jobs)
                    #expect(metrics.dropped == report.refusedRequests)
                    #expect(report.overheadSeconds >= 0)
                    #expect(metrics.acceleratorBusySeconds[0] + report.overheadSeconds <= metrics.endSeconds * (1 + 1e-12))
                    for (a, b) in zip(log.layers, log.layers.dropFirst()) { #expect(b.start >= a.end) }
                }
            }
        }
    }

    /// 30 random workloads of 150-400 jobs that queue up (arrival rate 3 per second, some in
    /// bursts of identical jobs), on one accelerator and on two: the report of software Dysta's
    /// choices through the shadow's index (contested and differing decisions) equals the report
    /// of the scan, and so does the schedule. Fails if the shadow does not refresh the line of the
    /// job the hardware ran, or prunes too eagerly.
    @Test func shadowIndexEqualsItsScan() async throws {
        await propertyCheck(count: 30, input: Gen.uint64(), Gen.int(in: 150...400)) { seed, jobs in
            for (accelerators, burst) in [(1, false), (2, false), (1, true)] {
                recordingErrors {
                    let workload = RandomWorkload(seed: seed, accelerators: accelerators, jobs: jobs, arrivalRate: 3,
                                                  burst: burst, deadlineScale: 4)
                    var p = DystaHardwareParameters()
                    p.clockMHz = 1
                    func run(indexed: Bool) throws -> (RunResult, DystaHardwareReport) {
                        var simulator = Simulator(catalog: workload.catalog, platform: workload.platform,
                                                  scheduler: try DystaHardware(parameters: p, indexed: indexed),
                                                  source: ListSource(workload.specs))
                        let result = try simulator.run()
                        return (result, simulator.scheduler.report)
                    }
                    let (indexedResult, indexedReport) = try run(indexed: true)
                    let (scannedResult, scannedReport) = try run(indexed: false)
                    #expect(indexedReport == scannedReport, "seed \(seed), \(jobs) jobs, \(accelerators) accelerators, burst \(burst)")
                    #expect(indexedReport.contestedDecisions > 0)
                    #expect(indexedResult.metrics.endSeconds == scannedResult.metrics.endSeconds)
                }
            }
        }
    }
}
