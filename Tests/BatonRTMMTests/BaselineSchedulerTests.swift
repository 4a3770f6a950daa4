import Testing
import BatonCore
import BatonPolicies
@testable import BatonRTMM

/// Each baseline on the hand workload of `HandWorkload` (2 accelerators, 3 jobs, round numbers).
/// Dispatch at one time goes acc0 then acc1; completions are handled before arrivals.
@Suite("Baseline schedulers")
struct BaselineSchedulerTests {
    typealias H = HandWorkload

    /// FCFS. t=0: acc0 takes the oldest, J0 (tie with J1 at 0: admitted first) L0 [0,1); acc1 takes J1 [0,1).
    /// t=1: J0 L0 and J1 end, J2 arrives; acc0: J0 (arrival 0) L1 [1,2); acc1: J2 L0 [1,3) (A on acc1 = 2).
    /// t=3: acc0 idle since 2 takes J2 L1 [3,4): J2 finishes at 4 > 3 (late).
    @Test func fcfs() throws {
        let r = try H.run(FCFS())
        #expect(r.entries == [H.e(0, 0, 0, 0, 1), H.e(1, 0, 1, 0, 1), H.e(0, 1, 0, 1, 2), H.e(2, 0, 1, 1, 3), H.e(2, 1, 0, 3, 4)])
        #expect(r.finishes == [0: 2, 1: 1, 2: 4])
    }

    /// EDF. t=0: acc0 takes J1 (deadline 4 < 10) [0,3) (B on acc0 = 3); acc1 takes J0 L0 [0,2).
    /// t=2: acc1: J2 (deadline 3) L0 [2,4). t=3: acc0 (J1 done, on time): J0 L1 [3,4).
    /// t=4: acc0 takes J2 L1 [4,5) (late); J0 finished at 4.
    @Test func edf() throws {
        let r = try H.run(EDF())
        #expect(r.entries == [H.e(1, 0, 0, 0, 3), H.e(0, 0, 1, 0, 2), H.e(2, 0, 1, 2, 4), H.e(0, 1, 0, 3, 4), H.e(2, 1, 0, 4, 5)])
        #expect(r.finishes == [0: 4, 1: 3, 2: 5])
    }

    /// XRBench default (whole models, name order A < B, fastest idle accelerator).
    /// t=0, asked for acc0: A's head J0 -> fastest idle for A is acc0 (2 s vs 4 s) -> J0 runs whole [0,2).
    /// Asked for acc1: A has no waiting frame; B's head J1 -> only idle acc1 -> [0,1).
    /// t=1: acc1 free, J2 arrives: A's head J2 -> only idle accelerator acc1 -> whole model [1,5).
    @Test func xrbench() throws {
        let r = try H.run(XRBenchDefaultScheduler())
        #expect(r.entries == [H.e(1, 0, 1, 0, 1), H.e(0, 0, 0, 0, 1), H.e(0, 1, 0, 1, 2), H.e(2, 0, 1, 1, 3), H.e(2, 1, 1, 3, 5)].sorted { ($0.start, $0.accelerator) < ($1.start, $1.accelerator) })
        #expect(r.finishes == [0: 2, 1: 1, 2: 5])
    }

    /// XRBench default plans in name order even when asked for a later accelerator first: with
    /// acc0 busy only acc1 is idle, so the name-first model gets it.
    @Test func xrbenchNameOrder() {
        #expect(XRBenchDefaultScheduler.byteOrder(["PD_x", "DE_y", "HT_z", "De_a"]) == [1, 3, 2, 0])  // "DE_y" < "De_a" (E < e) < "HT_z" < "PD_x"
    }

    /// Herald, latency affinity: A's layers prefer acc0 (1 s < 2 s), B's layer acc1 (1 s < 3 s).
    /// t=0: acc0 takes J0 L0 [0,1); acc1 takes J1 [0,1).
    /// t=1: acc0: oldest preferring acc0 is J0 -> L1 [1,2); acc1: nobody prefers it; J2 prefers busy acc0 -> J2 L0 on acc1 [1,3).
    /// t=3: J2 L1 prefers acc0 (idle) -> [3,4).
    @Test func herald() throws {
        let r = try H.run(HeraldScheduler(affinity: .latency))
        #expect(r.entries == [H.e(0, 0, 0, 0, 1), H.e(1, 0, 1, 0, 1), H.e(0, 1, 0, 1, 2), H.e(2, 0, 1, 1, 3), H.e(2, 1, 0, 3, 4)])
    }

    /// Herald, energy x latency: A's layers: acc0 1x4 = 4, acc1 2x1 = 2 -> acc1; B: acc0 3x1, acc1 1x1 -> acc1.
    /// t=0: acc0: nobody prefers it and everyone's preferred acc1 is idle -> stays idle; acc1: J0 L0 [0,2).
    ///      The engine asks acc0 again in the same instant (the jobs changed): J1 prefers acc1, now
    ///      busy -> work-conserving fallback: J1 on acc0 [0,3).
    /// t=2: acc1: J0 (arrival 0) before J2 -> J0 L1 [2,4). t=3: acc0: J2 prefers busy acc1 -> J2 L0 on
    ///      acc0 [3,4). t=4: acc0: J2 prefers idle acc1 -> nil; acc1: J2 L1 [4,6).
    @Test func heraldEnergyDelay() throws {
        let r = try H.run(HeraldScheduler(affinity: .energyDelay))
        #expect(r.entries == [H.e(1, 0, 0, 0, 3), H.e(0, 0, 1, 0, 2), H.e(0, 1, 1, 2, 4), H.e(2, 0, 0, 3, 4), H.e(2, 1, 1, 4, 6)])
        #expect(r.finishes[1] == 3)  // deadline 4: not late
    }

    /// PREMA with J2 at priority 3. t=0: tokens start at 1 (priority); threshold 1; smallest rem:
    /// J1 (1 s on acc1) < J0 (2 s) -> J1 on acc0 [0,3); acc1: J0 L0 [0,2).
    /// t=2: J2 seen first: token 3 -> threshold 3 -> only J2 qualifies -> J2 L0 on acc1 [2,4).
    /// t=3: acc0: J0 waited 3 - max(stamp 2, last run 2) = 1 s: token 1 + 1 x 1 / E(2) = 1.5 -> threshold 1 -> J0 L1 [3,4).
    /// t=4: acc0: J2 L1 [4,5).
    @Test func prema() throws {
        let r = try H.run(PREMA(sparse: false), p2: 3)
        #expect(r.entries == [H.e(1, 0, 0, 0, 3), H.e(0, 0, 1, 0, 2), H.e(2, 0, 1, 2, 4), H.e(0, 1, 0, 3, 4), H.e(2, 1, 0, 4, 5)])
    }

    /// PREMA with equal priorities: at t=2 both J0 (token 1) and J2 (token 1) qualify and the
    /// smaller rem wins: J0 (1 s left) before J2 (2 s) -> J0 L1 on acc1 [2,4); t=3: acc0: J2 L0 [3,4);
    /// t=4: acc0: J2 L1 [4,5).
    @Test func premaEqualPriorities() throws {
        let r = try H.run(PREMA(sparse: false))
        #expect(r.entries == [H.e(1, 0, 0, 0, 3), H.e(0, 0, 1, 0, 2), H.e(0, 1, 1, 2, 4), H.e(2, 0, 0, 3, 4), H.e(2, 1, 0, 4, 5)])
    }

    /// Planaria: priority / slack. t=0: J1 1/4 > J0 1/10 -> J1 on acc0 [0,3); acc1: J0 L0 [0,2).
    /// t=2: J2 1/1 > J0 1/8 -> J2 L0 on acc1 [2,4). t=3: J0 L1 on acc0 [3,4).
    /// t=4: J2 is late (slack -1 -> +inf) -> L1 on acc0 [4,5).
    @Test func planaria() throws {
        let r = try H.run(Planaria(lateJobs: .mostUrgent))
        #expect(r.entries == [H.e(1, 0, 0, 0, 3), H.e(0, 0, 1, 0, 2), H.e(2, 0, 1, 2, 4), H.e(0, 1, 0, 3, 4), H.e(2, 1, 0, 4, 5)])
    }

    /// Planaria ranks late frames first: at t=4 a late frame beats one with any positive slack.
    @Test func planariaLateFirst() throws {
        let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [4])])
        let jobs = [
            JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 100, trueCosts: 0),
            JobSpec(requestID: 1, model: 0, arrivalSeconds: 1, deadlineSeconds: 2, trueCosts: 0),   // late at t=4
            JobSpec(requestID: 2, model: 0, arrivalSeconds: 1, deadlineSeconds: 4.5, trueCosts: 0), // slack 0.5 at t=4
        ]
        let recorder = ScheduleRecorder()
        var sim = Simulator(catalog: catalog, platform: .single(), scheduler: Planaria(lateJobs: .mostUrgent), source: ListSource(jobs))
        sim.observer = recorder
        _ = try sim.run()
        #expect(recorder.entries.map(\.request) == [0, 1, 2])
    }

    /// SDRM3 (alpha 1). t=0: J0: urgency 2/10 = 0.2, fairness 0; J1: 1/4 = 0.25 -> J1 on acc0 [0,3); acc1: J0 L0 [0,2).
    /// t=2: J0: 1/8 + 0 (just ran) = 0.125; J2: min(1, 2/1) + (2-1)/1 = 2 -> J2 L0 on acc1 [2,4).
    /// t=3: acc0: J0: 1/7 + (3-2)/1 = 1.14 -> L1 [3,4). t=4: J2 L1 on acc0 [4,5).
    @Test func sdrm3() throws {
        let r = try H.run(SDRM3(sparse: false))
        #expect(r.entries == [H.e(1, 0, 0, 0, 3), H.e(0, 0, 1, 0, 2), H.e(2, 0, 1, 2, 4), H.e(0, 1, 0, 3, 4), H.e(2, 1, 0, 4, 5)])
    }

    /// Unknown names get a suggestion; lists are checked.
    @Test func registry() throws {
        #expect(throws: InputError.self) { try PolicyRegistry.builtIn.make("fcsf") }
        do { _ = try PolicyRegistry.builtIn.make("fcsf") } catch let error as InputError {
            #expect(error.hint?.contains("did you mean 'fcfs'") == true)
        }
        #expect(try PolicyRegistry.builtIn.parseList("fcfs,edf,dream") == ["fcfs", "edf", "dream"])
        #expect(throws: InputError.self) { try PolicyRegistry.builtIn.parseList("fcfs,,edf") }
        for name in PolicyRegistry.builtIn.names { #expect(try PolicyRegistry.builtIn.make(name).name == name) }
    }
}
