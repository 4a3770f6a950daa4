import Testing
import BatonCore
import BatonPolicies
@testable import BatonRTMM

/// Records DREAM's MapScore of every waiting job at every decision, then decides as FCFS.
struct ScoreProbe: Scheduler {
    var alpha: Double, beta: Double, metric: DreamScore.PreferenceMetric
    var scores: [(now: Double, accelerator: Int, request: Int, score: Double)] = []
    var name: String { "probe" }
    mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        for i in context.jobs.indices where context.jobs[i].isReady {
            scores.append((context.now, accelerator, context.jobs[i].spec.requestID,
                           DreamScore.mapScore(i, on: accelerator, alpha: alpha, beta: beta, metric: metric, context: context)))
        }
        var fcfs = FCFS()
        return fcfs.select(for: accelerator, context: &context)
    }
}

@Suite("DREAM")
struct DreamTests {
    typealias H = HandWorkload

    /// MapScore on the hand platform (A: latency acc0 [1, 1], acc1 [2, 2], energy acc0 4, acc1 1;
    /// B: latency acc0 3, acc1 1, energy 1 and 1), alpha 0.5, beta 2, energy x latency preference.
    /// J0 = A at 0 (deadline 10), J1 = B at 0 (deadline 4), J2 = B at 0.5 (deadline 2). FCFS decides.
    /// t=0, acc0: J0: urgency 2/10 = 0.2, fairness 0, preference min(4, 2)/4 = 0.5 -> 0.2 + 2 x 0.5 = 1.2;
    ///            J1: urgency 1/4 = 0.25, preference min(3, 1)/3 -> 0.25 + 2/3.
    /// t=0, acc1 (J0 now runs on acc0): J1: 0.25 + 2 x 1 = 2.25.
    /// t=1, acc0: J0 (1 s left, slack 9, just ran): 1/9 + 0 + 2 x 0.5; J2 (waited 0.5 s, next layer
    ///            1 s on its fastest accelerator, rem 1, slack 1): 1 + 0.5 x 0.5 + 2 x 1/3 = 1.9167.
    @Test func mapScoreHandCase() throws {
        let jobs = [
            JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 10, trueCosts: 0),
            JobSpec(requestID: 1, model: 1, arrivalSeconds: 0, deadlineSeconds: 4, trueCosts: 1),
            JobSpec(requestID: 2, model: 1, arrivalSeconds: 0.5, deadlineSeconds: 2, trueCosts: 1),
        ]
        var sim = Simulator(catalog: H.catalog, platform: H.platform, scheduler: ScoreProbe(alpha: 0.5, beta: 2, metric: .energyDelay),
                            source: ListSource(jobs))
        _ = try sim.run()
        let s = sim.scheduler.scores
        func score(_ now: Double, _ acc: Int, _ request: Int) -> Double? {
            s.first { $0.now == now && $0.accelerator == acc && $0.request == request }?.score
        }
        #expect(abs(score(0, 0, 0)! - 1.2) < 1e-12)
        #expect(abs(score(0, 0, 1)! - (0.25 + 2.0 / 3)) < 1e-12)
        #expect(abs(score(0, 1, 1)! - 2.25) < 1e-12)
        #expect(abs(score(1, 0, 0)! - (1.0 / 9 + 1)) < 1e-12)
        #expect(abs(score(1, 0, 2)! - (1 + 0.25 + 2.0 / 3)) < 1e-12)
    }

    /// Energy preference: A's layer energy acc0 4, acc1 1 -> preference on acc0 = 1/4; B: 1 on both.
    @Test func energyPreference() throws {
        let jobs = [JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 10, trueCosts: 0),
                    JobSpec(requestID: 1, model: 1, arrivalSeconds: 0, deadlineSeconds: 4, trueCosts: 1)]
        var sim = Simulator(catalog: H.catalog, platform: H.platform, scheduler: ScoreProbe(alpha: 0, beta: 1, metric: .energy),
                            source: ListSource(jobs))
        _ = try sim.run()
        let first = sim.scheduler.scores.prefix(2)
        #expect(abs(first[0].score - (0.2 + 0.25)) < 1e-12)
        #expect(abs(first[1].score - (0.25 + 1)) < 1e-12)
    }

    /// DREAM's decisions (drop and variants off, no tuning, alpha 1, beta 0) on one accelerator:
    /// model m = 2 layers of 1 s. J0 (deadline 10), J1 (deadline 1.5), J2 (deadline 3.5), all at 0.
    /// With drop: t=0: J1 cannot finish (0 + 2 > 1.5): dropped. J0 0.2, J2 2/3.5 = 0.571 -> J2 L0 [0,1).
    /// t=1: J2 1/2.5 + 0 = 0.4; J0 2/9 + (1 - 0)/1 = 1.22 -> J0 L0 [1,2). t=2: J2 1/1.5 + 1 = 1.67,
    /// J0 1/8 + 0 -> J2 L1 [2,3) (on time). t=3: J0 L1 [3,4).
    @Test func dropAndScoreSchedule() throws {
        let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1, 1])])
        let jobs = [10, 1.5, 3.5].enumerated().map {
            JobSpec(requestID: $0.offset, model: 0, arrivalSeconds: 0, deadlineSeconds: $0.element, trueCosts: 0)
        }
        let parameters = DreamParameters(alpha: 1, beta: 0, variants: false, tuning: false)
        let recorder = ScheduleRecorder()
        var sim = Simulator(catalog: catalog, platform: .single(), scheduler: DreamScheduler(parameters: parameters),
                            source: ListSource(jobs), settings: SimulationSettings(checkInvariants: true))
        sim.observer = recorder
        _ = try sim.run()
        #expect(recorder.drops == [1])
        #expect(recorder.entries.map { "J\($0.request).L\($0.layer)@\($0.start)" } == ["J2.L0@0.0", "J0.L0@1.0", "J2.L1@2.0", "J0.L1@3.0"])
        #expect(recorder.finishes == [0: 4, 2: 3])
    }

    /// Tolerance and stale frames: J0 (deadline 1.5, period 1.5) would finish at 2: within the
    /// tolerance of one period it is kept and runs L0 [0,1). If a newer frame of its model (J1,
    /// arrival 0.5) is in the system at t=1, J0 is stale and late (1 + 1 > 1.5): dropped.
    @Test func toleranceAndStaleFrames() throws {
        let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1, 1])])
        let parameters = DreamParameters(alpha: 0, beta: 0, dropTolerance: 1, variants: false, tuning: false)
        let j0 = JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 1.5, trueCosts: 0)
        let j1 = JobSpec(requestID: 1, model: 0, arrivalSeconds: 0.5, deadlineSeconds: 10, trueCosts: 0)
        for (jobs, drops) in [([j0], [Int]()), ([j0, j1], [0])] {
            let recorder = ScheduleRecorder()
            var sim = Simulator(catalog: catalog, platform: .single(), scheduler: DreamScheduler(parameters: parameters),
                                source: ListSource(jobs))
            sim.observer = recorder
            _ = try sim.run()
            #expect(recorder.drops == drops)
            #expect(recorder.entries.first?.request == 0)
        }
    }

    /// Dropping an upstream frame drops its cascade dependant: "up" needs 4 ms but arrives every
    /// 2 ms (500 FPS), so DREAM drops every up frame on sight and every "down" frame is released dropped.
    @Test func dropCascadesToDependants() throws {
        let timeline = MiniLibrary.cascade(probability: 1, fps: 500)
        let spec = RTMMRunSpec(timeline: timeline, platform: MiniLibrary.one, durationSeconds: 0.02, checkInvariants: true)
        let r = try RTMMRunner.run(spec, scheduler: "dream-fixed", seed: 1, library: MiniLibrary.library)
        #expect(r.models[0].stats.counted == 10 && r.models[0].stats.dropped == 10)
        #expect(r.models[1].stats.counted == 10 && r.models[1].stats.dropped == 10)
        #expect(r.energyMillijoules == 0)
        #expect(r.uxCost.value == 0)  // every frame dropped before running: E_norm = 0 (see docs/dream.md)
        let noDrop = try RTMMRunner.run(spec, scheduler: "dream-no-drop", seed: 1, library: MiniLibrary.library)
        #expect(noDrop.metrics.dropped == 0)
    }

    /// Variants under load: four models of one 8 ms layer (8 mJ) with variants at 0.5 and 0.25 of the
    /// cost, all at 100 FPS (period 10 ms) on one accelerator, threshold 1. Admissions at t=0:
    /// m1: pending 8 ms -> load 0.8 -> full; m2: 16/10 = 1.6 -> variant 1 (4 ms);
    /// m3: (8 + 4 + 8)/10 = 2.0 (does not exceed 2) -> variant 1; m4: (8 + 4 + 4 + 8)/10 = 2.4 -> variant 2 (2 ms).
    @Test func variantsUnderLoad() throws {
        var library = ModelLibrary(models: [])
        for name in ["m1", "m2", "m3", "m4"] {
            let full = MiniLibrary.costs([8], energy: [8])
            library.add(RTModel(name: name, costs: full, variants: [
                RTModelVariant(name: "half", relativeAccuracy: 0.9, costs: full.mapValues { $0.scaled(by: [0.5]) }),
                RTModelVariant(name: "quarter", relativeAccuracy: 0.8, costs: full.mapValues { $0.scaled(by: [0.25]) }),
            ]))
        }
        let scenario = Scenario(name: "load", models: ["m1", "m2", "m3", "m4"].map { ScenarioModel(model: $0, fps: 100) })
        let spec = RTMMRunSpec(timeline: ScenarioTimeline(scenario), platform: MiniLibrary.one, durationSeconds: 0.01,
                               checkInvariants: true)
        let parameters = DreamParameters(drop: false, tuning: false)
        let r = try RTMMRunner.run(spec, policy: DreamScheduler(parameters: parameters), seed: 1, library: library)
        #expect(r.models.map(\.variantFrames) == [[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]])
        #expect(r.energyMillijoules == 8 + 4 + 4 + 2)
        #expect(abs(r.meanAccuracy - (1 + 0.9 + 0.9 + 0.8) / 4) < 1e-12)
        #expect(abs(r.uxCost.normalizedEnergy - 18.0 / 32) < 1e-12)
        // Baselines and dream-no-variant always run the full model (dream-no-variant drops the hopeless ones).
        let edf = try RTMMRunner.run(spec, scheduler: "edf", seed: 1, library: library)
        #expect(edf.models.allSatisfy { $0.variantFrames == [1, 0, 0] })
        let noVariant = try RTMMRunner.run(spec, scheduler: "dream-no-variant", seed: 1, library: library)
        #expect(noVariant.models.allSatisfy { $0.variantFrames[1] == 0 && $0.variantFrames[2] == 0 })
    }

    /// The variant level read from the job list's kept total (O(1) per admission) is the level a
    /// pass over the frames gives: six models with variants at loads that cross the thresholds
    /// back and forth, with and without drops and tuning, on one accelerator and two; the same
    /// variant choices, energy and drops as DREAM deciding by passes (`index=linear`).
    @Test func variantLevelFromTheKeptTotalEqualsThePass() throws {
        var library = ModelLibrary(models: [])
        for k in 0..<6 {
            let full = MiniLibrary.costs([Int64(3 + k), 2], energy: [Double(3 + k), 1])
            library.add(RTModel(name: "v\(k)", costs: full, variants: [
                RTModelVariant(name: "half", relativeAccuracy: 0.9, costs: full.mapValues { $0.scaled(by: [0.5, 0.5]) }),
                RTModelVariant(name: "quarter", relativeAccuracy: 0.8, costs: full.mapValues { $0.scaled(by: [0.25, 0.25]) }),
            ]))
        }
        let scenario = Scenario(name: "busy", models: (0..<6).map { ScenarioModel(model: "v\($0)", fps: Double(60 + 45 * $0)) })
        for platform in [MiniLibrary.one, RTPlatform(name: "two", kinds: [MiniLibrary.kind, MiniLibrary.kind])] {
            for parameters in [DreamParameters(drop: false, tuning: false), DreamParameters(variantLoadThreshold: 0.7),
                               DreamParameters(variantLoadThreshold: 1.3, tuning: false)] {
                let spec = RTMMRunSpec(timeline: ScenarioTimeline(scenario), platform: platform, durationSeconds: 0.4, checkInvariants: true)
                let kept = try RTMMRunner.run(spec, policy: DreamScheduler(parameters: parameters, indexed: true), seed: 3, library: library)
                let pass = try RTMMRunner.run(spec, policy: DreamScheduler(parameters: parameters, indexed: false), seed: 3, library: library)
                #expect(kept.models.map(\.variantFrames) == pass.models.map(\.variantFrames), "\(platform.name)")
                #expect(kept.energyMillijoules == pass.energyMillijoules && kept.metrics.dropped == pass.metrics.dropped, "\(platform.name)")
                // The loads cross the thresholds: more than one level is used.
                #expect(Set(kept.models.flatMap { $0.variantFrames.enumerated().filter { $0.element > 0 }.map(\.offset) }).count > 1)
            }
        }
    }

    /// The tuner: window 1 runs theta + delta, window 2 theta - delta; the better probe becomes the centre.
    @Test func tunerMovesToBetterProbe() {
        let parameters = DreamParameters(alpha: 1, beta: 1, dropTolerance: 0, tuningWindowSeconds: 1, tuningStepLog2: 1,
                                         toleranceStep: 0.1, tuningDeadBand: 0.02)
        var tuner = DreamTuner(parameters: parameters)
        let plus = tuner.current
        tuner.record(endedAt: 0.5, energyMillijoules: 1, minimumEnergyMillijoules: 1, violated: false)   // U+ = 1 x 1/2
        tuner.record(endedAt: 1.5, energyMillijoules: 3, minimumEnergyMillijoules: 1, violated: false)   // closes window 1
        let minus = tuner.current
        #expect(abs(minus.log2Alpha + plus.log2Alpha) < 1e-12 && abs(minus.tolerance + plus.tolerance) < 1e-12)
        #expect(abs(plus.log2Alpha) == 1 && abs(plus.log2Beta) == 1 && abs(abs(plus.tolerance) - 0.1) < 1e-12)
        tuner.record(endedAt: 2.5, energyMillijoules: 1, minimumEnergyMillijoules: 1, violated: false)   // U- = 3 x 1/2
        #expect(tuner.history.count == 2)
        #expect(tuner.history[0].uxCost == 0.5 && tuner.history[1].uxCost == 1.5)
        #expect(tuner.center == plus)   // U+ < U-: theta moves one step along +delta
        #expect(tuner.history[1].center == plus)
        // The weights a decision reads are kept, not worked out per decision: they follow the
        // probe point through each window (alpha = 2^log2Alpha, bit for bit).
        let next = tuner.current
        #expect(next != minus)   // a new direction and sign were drawn
        // With a step of 1 the log2 weights are whole numbers: the weights are powers of two.
        #expect(next.log2Alpha == next.log2Alpha.rounded() && next.log2Beta == next.log2Beta.rounded())
        #expect(tuner.currentAlpha == Double(sign: .plus, exponent: Int(next.log2Alpha), significand: 1))
        #expect(tuner.currentBeta == Double(sign: .plus, exponent: Int(next.log2Beta), significand: 1))
        #expect(tuner.currentAlpha == next.alpha && tuner.currentBeta == next.beta)
    }

    /// Equal window costs (within the dead band) leave the centre where it was; empty windows are skipped.
    @Test func tunerDeadBandAndEmptyWindows() {
        let parameters = DreamParameters(alpha: 1, beta: 1, tuningWindowSeconds: 1)
        var tuner = DreamTuner(parameters: parameters)
        let start = tuner.center
        tuner.record(endedAt: 0.5, energyMillijoules: 2, minimumEnergyMillijoules: 1, violated: true)
        tuner.record(endedAt: 5.5, energyMillijoules: 2, minimumEnergyMillijoules: 1, violated: true)   // windows 2-5 empty
        tuner.record(endedAt: 6.5, energyMillijoules: 2, minimumEnergyMillijoules: 1, violated: true)
        #expect(tuner.history.map(\.endSeconds) == [1, 6])
        #expect(tuner.center == start)
    }

    /// Ablations switch off one mechanism each.
    @Test func ablations() throws {
        let base = DreamParameters()
        #expect(!base.applying(.noDrop).drop && base.applying(.noDrop).tuning)
        #expect(base.applying(.noPreference).beta == 0)
        #expect(!base.applying(.fixed).tuning)
        #expect(!base.applying(.noVariants).variants)
        let noPref = DreamScheduler(variant: .noPreference)
        #expect(noPref.currentWeights.beta == 0)
        #expect(noPref.name == "dream-no-pref")
        #expect(DreamScheduler(variant: .fixed).tuner == nil)
    }

    /// DREAM tunes during a real run and records its windows.
    @Test func tuningRun() throws {
        let spec = RTMMRunSpec(timeline: try builtInLibrary.timeline(named: "social-a"),
                               platform: try builtInLibrary.platform(named: "dual-4k-ws-os"), durationSeconds: 1, checkInvariants: true)
        let r = try RTMMRunner.run(spec, scheduler: "dream", seed: 1, library: builtInLibrary)
        #expect(r.tuningHistory.count >= 8)
        #expect(r.finalWeights != nil)
    }
}
