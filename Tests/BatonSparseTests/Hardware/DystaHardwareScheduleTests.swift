import BatonCore
@testable import BatonPolicies
import BatonSparse
import Testing

/// Hand-worked `dysta-hw` schedules on one accelerator.
///
/// Common set-up: clock 2^20 Hz (1.048576 MHz), so one cycle is 2^-20 s and every time below is
/// exact in binary; IP latencies Lc = Lm = La = 0, so CALC_SPARSE takes 4 cycles, SCORING
/// N + 6, IDLE + SELECT + the registered start N + 3 (2N + 13 per layer). Layer times are multiples of u = 1/1024 s = 1024 cycles. Every
/// job has its own pattern-estimate table (= its true costs), so its own LUT block; Lhat of a
/// layer = the suffix sum of its estimates in cycles. Beta as written (+0.0) unless said, so a
/// score is Lhat x gamma and ties are easy to make. Times in the comments are in cycles.
@Suite("Dysta hardware: hand-worked schedules")
struct DystaHardwareScheduleTests {
    static let u = 1.0 / 1024
    static let hz = 1_048_576.0

    static func parameters(beta: DystaHardwareParameters.BetaMode = .asWritten) -> DystaHardwareParameters {
        var p = DystaHardwareParameters()
        p.clockMHz = 1.048576
        p.convertLatency = 0
        p.multiplyLatency = 0
        p.addLatency = 0
        p.beta = beta
        return p
    }

    static func run(_ jobs: [TestJob], _ parameters: DystaHardwareParameters) throws -> (RunResult, ScheduleLog, DystaHardwareReport) {
        let (catalog, specs) = makeWorkload(jobs)
        let log = ScheduleLog(jobs: jobs.count)
        let (result, report) = try runDystaHardware(parameters, catalog: catalog, source: ListSource(specs),
                                                    settings: SimulationSettings(checkInvariants: true), observer: log)
        return (result, log, report)
    }

    /// A and B, identical (layers u + u), arrive together at 0: both get the host score
    /// Lhat = 2048. SELECT scans index 1 (B) then 0 (A); A is not strictly smaller, so the tie
    /// keeps the higher index: B first (software Dysta would take A, admitted first).
    /// 0: IDLE+SELECT+start (N=2) 5 -> B0 [5, 1029). CALC_SPARSE [1029, 1033), SCORING N=2
    /// [1033, 1041): B (k=0, layer 1) = 1024, A = 2048; SELECT 5 -> B1 [1046, 2070), B finishes.
    /// CALC_SPARSE [2070, 2074), SCORING with B still queued (N=2) [2074, 2082), B leaves;
    /// SELECT (N=1) 4 -> A0 [2086, 3110); 4 + 7 (N=1) + 4 -> A1 [3125, 4149).
    /// Overhead 5 + 12 + 5 + 12 + 4 + 11 + 4 = 53 cycles.
    @Test func tiesKeepTheHigherQueueIndex() throws {
        let u = Self.u
        let jobs = [TestJob(arrival: 0, layers: [u, u]), TestJob(arrival: 0, layers: [u, u])]
        let (result, log, report) = try Self.run(jobs, Self.parameters())
        #expect(log.order == "B0 B1 A0 A1")
        #expect(log.starts == [5, 1046, 2086, 3125].map { $0 / Self.hz })
        #expect(log.finishes == [4149 / Self.hz, 2070 / Self.hz])
        #expect(report.overheadSeconds == 53 / Self.hz)
        #expect(result.metrics.acceleratorBusySeconds[0] == 4096 / Self.hz)
        #expect(report.decisions == 4 && report.scoringPasses == 3)
        // Contested: at 0 (software takes A: a tie, admitted first) and at 1041 (both take B).
        #expect(report.contestedDecisions == 2 && report.differingDecisions == 1)
        let (_, software) = try runSchedule("dysta", jobs, options: TestPolicyOptions(beta: 0))
        #expect(software.order == "A0 A1 B0 B1")
    }

    /// Swap-with-last removal, an arrival during SCORING, and a new task on its host score.
    /// A (u/2: Lhat 512), B (u: 1024), C (u: 1024) arrive at 0 -> queue [A, B, C]. SELECT (N=3) 6:
    /// A0 [6, 518), A finishes. CALC_SPARSE [518, 522); SCORING N=3 [522, 531). D (u/4) arrives at
    /// 525, during SCORING: it waits. At 531 A leaves index 0 and the last entry, C, moves there:
    /// [C, B]; then D is enqueued with its host score 256: [C, B, D]. SELECT (N=3) 6: D0
    /// [537, 793). 4 + 9 -> 806, D (last) leaves: [C, B]. SELECT scans B (index 1) then C
    /// (index 0): equal scores 1024, the higher index B wins (without the swap the queue would be
    /// [B, C] and C would run first). SELECT 5: B0 [811, 1835); 4 + 8 -> 1847, B leaves; SELECT 4:
    /// C0 [1851, 2875).
    @Test func swapWithLastRemovalAndArrivalDuringScoring() throws {
        let u = Self.u
        let jobs = [
            TestJob(arrival: 0, layers: [u / 2]), TestJob(arrival: 0, layers: [u]),
            TestJob(arrival: 0, layers: [u]), TestJob(arrival: 525 / Self.hz, layers: [u / 4]),
        ]
        let (result, log, report) = try Self.run(jobs, Self.parameters())
        #expect(log.order == "A0 D0 B0 C0")
        #expect(log.starts == [6, 537, 811, 1851].map { $0 / Self.hz })
        #expect(log.finishes == [518, 1835, 2875, 793].map { $0 / Self.hz })
        #expect(report.arrivalsDuringScoring == 1)
        #expect(report.maxWaitingOutside == 1 && report.queueFullWaits == 0)
        #expect(result.metrics.completed == 4 && result.metrics.dropped == 0)
        // Software Dysta agrees at every contested decision (B before C: admitted first).
        #expect(report.contestedDecisions == 3 && report.differingDecisions == 0)
    }

    /// The last-one output-density monitor. A (u + u, ratios [3, 0.5]) arrives at 0 and runs A0
    /// [4, 1028) (SELECT with N=1: 4). B (1.5u: Lhat 1536) arrives at 512, during A0: enqueued at
    /// once with its host score 1536. CALC_SPARSE [1028, 1032) sets A's gamma; SCORING N=2
    /// [1032, 1040); SELECT 5 -> the next layer starts at 1045.
    /// own-layer: gamma = ratio of layer 0 = 3, A scores 1024 x 3 = 3072 > 1536: B0 [1045, 2581).
    /// next-layer-input: gamma = ratio of layer 1 = 0.5, A scores 512 < 1536: A1 [1045, 2069).
    @Test func monitorReadsTheChosenOutputDensity() throws {
        let u = Self.u
        let jobs = [TestJob(arrival: 0, layers: [u, u], ratios: [3, 0.5]), TestJob(arrival: 512 / Self.hz, layers: [1.5 * u])]
        let (_, own, _) = try Self.run(jobs, Self.parameters())
        #expect(own.order == "A0 B0 A1")
        #expect(own.starts[1] == 1045 / Self.hz)
        var next = Self.parameters()
        next.outputDensity = .nextLayerInput
        let (_, nextLog, _) = try Self.run(jobs, next)
        #expect(nextLog.order == "A0 A1 B0")
        #expect(nextLog.finishes[0] == 2069 / Self.hz)
    }

    /// A full queue and a refused block, both counted. D = 1 (capacity 1), 2 LUT blocks.
    /// A, B, C (u each, each its own block) arrive at 0: A is enqueued, B finds the queue full
    /// and waits outside, C's block is the third: refused, dropped at the first decision.
    /// A0 [4, 1028); 4 + 7 -> 1039, A leaves, B is enqueued; SELECT 4: B0 [1043, 2067).
    @Test func fullQueueAndRefusedBlockAreCounted() throws {
        let u = Self.u
        var p = Self.parameters()
        p.queueDepth = 1
        p.maxBlocks = 2
        let jobs = [TestJob(arrival: 0, layers: [u]), TestJob(arrival: 0, layers: [u]), TestJob(arrival: 0, layers: [u])]
        let (result, log, report) = try Self.run(jobs, p)
        #expect(log.order == "A0 B0")
        #expect(log.starts == [4, 1043].map { $0 / Self.hz })
        #expect(report.queueFullWaits == 1 && report.maxWaitingOutside == 1)
        #expect(report.refusedRequests == 1)
        #expect(result.metrics.completed == 2 && result.metrics.dropped == 1)
        #expect(result.metrics.violationRate == 1.0 / 3)
    }

    /// Without charged overhead the layers run back to back, as in software.
    @Test func unchargedOverheadRunsBackToBack() throws {
        let u = Self.u
        var p = Self.parameters()
        p.chargesOverhead = false
        let (_, log, report) = try Self.run([TestJob(arrival: 0, layers: [u, u]), TestJob(arrival: 0, layers: [u, u])], p)
        #expect(log.order == "B0 B1 A0 A1")
        #expect(log.starts == [0, 1024, 2048, 3072].map { $0 / Self.hz })
        #expect(report.overheadSeconds == 0)
    }

    /// The report is reachable from a policy built by the registry: `simulateSpecialized`
    /// returns the policy as it ended, and `DystaHardware.report(of:)` reads it; it equals
    /// `runDystaHardware`'s.
    @Test func reportOfTheEndedPolicy() throws {
        let u = Self.u
        let jobs = [TestJob(arrival: 0, layers: [u, u]), TestJob(arrival: 0, layers: [u, u])]
        let (catalog, specs) = makeWorkload(jobs)
        let policy: any Scheduler = try DystaHardware(parameters: Self.parameters())
        let (result, ended) = try policy.simulateSpecialized(catalog: catalog, platform: .single(), source: AnyJobSource(ListSource(specs)),
                                                             settings: SimulationSettings(checkInvariants: true), observer: nil)
        let (_, _, report) = try Self.run(jobs, Self.parameters())
        #expect(DystaHardware.report(of: ended) == report)
        #expect(DystaHardware.report(of: policy)?.decisions == 0)
        #expect(result.metrics.completed == 2)
        #expect(DystaHardware.report(of: FCFS()) == nil)
    }

    /// Registry and parameters: `dysta-hw` is registered once (family dysta, in no study's
    /// comparison set, without the dysta-artifact mode) with its declared parameters; values
    /// reach the policy through `--param`-style assignments; parameters out of their declared
    /// range are refused with the field name; the artifact mode is refused.
    @Test func registryAndParameterChecks() throws {
        let registry = PolicyRegistry.builtIn
        let policy = try registry.make("dysta-hw")
        #expect(policy.name == "dysta-hw" && policy.estimateKind == .pattern)
        let descriptor = try registry.descriptor("dysta-hw")
        #expect(descriptor.family == "dysta" && descriptor.studies.isEmpty && !descriptor.supportsArtifactCompatibility)
        #expect(!registry.studyPolicies("sparse").contains("dysta-hw"))
        // The defaults declared are the struct's defaults, and the values round-trip.
        #expect(DystaHardwareParameters(ParameterValues(descriptor.parameters)) == DystaHardwareParameters())
        var custom = DystaHardwareParameters()
        custom.format = .fp16
        custom.clockMHz = 500
        custom.multiplyLatency = 3
        custom.cyclesPerTick = 64
        custom.beta = .asWritten
        custom.chargesOverhead = false
        #expect(DystaHardwareParameters(custom.values) == custom)
        // --param dysta-hw.clock_mhz=500 reaches dysta-hw only; an unqualified beta reaches dysta only.
        let values = try registry.parameterValues(for: ["dysta", "dysta-hw"], assignments: [
            try ParameterAssignment.parse("dysta-hw.clock_mhz=500"), try ParameterAssignment.parse("score_format=fp16"),
            try ParameterAssignment.parse("beta=0.02"),
        ])
        #expect(values[0].double("beta") == 0.02)
        let parsed = DystaHardwareParameters(values[1])
        #expect(parsed.clockMHz == 500 && parsed.format == .fp16 && parsed.effectiveMultiplyLatency == 6)
        let built = try registry.make("dysta-hw", parameters: values[1]) as? DystaHardware
        #expect(built?.parameters == parsed)
        let range = #expect(throws: InputError.self) {
            try registry.parameterValues(for: ["dysta-hw"], assignments: [try ParameterAssignment.parse("queue_depth=0")])
        }
        #expect(range?.field == "queue_depth")
        var bad = DystaHardwareParameters()
        bad.queueDepth = 0
        let error = #expect(throws: InputError.self) { try DystaHardware(parameters: bad) }
        #expect(error?.field == "queue_depth")
        bad = DystaHardwareParameters()
        bad.multiplyLatency = -1
        #expect(throws: InputError.self) { try DystaHardware(parameters: bad) }
        #expect(throws: InputError.self) { try registry.make("dysta-hw", compatibility: .dystaArtifact) }
        #expect(throws: InputError.self) {
            try runDystaHardware(DystaHardwareParameters(), catalog: WorkloadCatalog(modelNames: [], costTables: []),
                                 source: ListSource([]), settings: SimulationSettings(compatibility: .dystaArtifact))
        }
        // Every declared parameter has a lower_snake_case name and help.
        let names = DystaHardwareParameters.declarations.map(\.name)
        #expect(Set(names).count == names.count && names.count == 14)
        #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } })
        #expect(DystaHardwareParameters.declarations.allSatisfy { !$0.help.isEmpty })
        // The cycle count per layer: 2N + 13 + 2Lc + 3Lm + La, e.g. 2N + 60 for the FP32 defaults.
        let fp32 = DystaHardwareParameters()
        #expect(fp32.cyclesPerLayer(queued: 5) == 2 * 5 + 60)
        var fp16 = DystaHardwareParameters()
        fp16.format = .fp16
        #expect(fp16.cyclesPerLayer(queued: 5) == 2 * 5 + 13 + 12 + 18 + 11)
    }
}
