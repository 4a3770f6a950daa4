import Testing
import BatonCore
import BatonPolicies
@testable import BatonRTMM

/// A small library: "up" (2 layers of 2 ms), "down" (1 layer of 1 ms), "leaf" (1 layer of 1 ms),
/// on kind WS-8-8, and a one- and a two-accelerator platform of that kind.
enum MiniLibrary {
    static let kind = AcceleratorKind(dataflow: "WS", processingElements: 8, bandwidth: 8)
    static func costs(_ ms: [Int64], energy: [Double]) -> [AcceleratorKind: LayerCosts] {
        [kind: LayerCosts(latencyNanoseconds: ms.map { $0 * 1_000_000 }, energyMillijoules: energy)]
    }
    static let library = ModelLibrary(models: [
        RTModel(name: "up", costs: costs([2, 2], energy: [1, 1])),
        RTModel(name: "down", costs: costs([1], energy: [1])),
        RTModel(name: "leaf", costs: costs([1], energy: [1])),
    ])
    static let one = RTPlatform(name: "one", kinds: [kind])
    static let two = RTPlatform(name: "two", kinds: [kind, kind])

    static func cascade(probability: Double, fps: Double = 100) -> ScenarioTimeline {
        ScenarioTimeline(Scenario(name: "cascade", models: [
            ScenarioModel(model: "up", fps: fps),
            ScenarioModel(model: "down", fps: fps, triggerProbability: probability, dependsOn: "up"),
        ]))
    }
}

/// Drops every odd frame of model 0 the first time it is seen waiting (test-only), else FCFS.
struct DropOddUpstream: Scheduler {
    var name: String { "drop-odd" }
    mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        var best = -1
        for i in context.jobs.indices where context.jobs[i].isReady {
            let job = context.jobs[i]
            if job.spec.model == 0 && job.spec.frameIndex % 2 == 1 { context.drop(i); continue }
            if best < 0 || job.arrivalSeconds < context.jobs[best].arrivalSeconds { best = i }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}

/// Records admissions (request, model, frame, time, dropped on arrival) and finishes.
final class AdmissionRecorder: SimulationObserver {
    var admitted: [(model: Int, frame: Int, time: Double)] = []
    var finished: [(model: Int, frame: Int, time: Double)] = []
    var dropped: [(model: Int, frame: Int)] = []
    func jobAdmitted(_ job: JobState, at time: Double) { admitted.append((job.spec.model, job.spec.frameIndex, time)) }
    func jobFinished(_ job: JobState, at time: Double) { finished.append((job.spec.model, job.spec.frameIndex, time)) }
    func jobDropped(_ spec: JobSpec, serial: Int, at time: Double) { dropped.append((spec.model, spec.frameIndex)) }
}

@Suite("Workload")
struct WorkloadTests {
    // MARK: XRBench data

    @Test func xrbenchModelsAndCheckCosts() throws {
        let data = try XRBenchData.bundled()
        #expect(data.models.count == 12)  // 11 models + outdoor B's alias
        let kind = AcceleratorKind(dataflow: "WS", processingElements: 4096, bandwidth: 256)
        func total(_ name: String) -> Int64? { data.models.first { $0.name == name }?.costs[kind]?.totalNanoseconds }
        // XRBench's published check value: ES 1.503 ms, GE 4.222 ms, HT 8.562 ms on one 4096-PE WS accelerator.
        #expect(total("ES_RITNet") == 1_503_136)
        #expect(total("GE_FBNet_C") == 4_222_037)
        #expect(total("HT_hand_graph_cnn_half") == 8_561_680)
        #expect(data.models.first { $0.name == "SS_HRViT_b1" }?.shapes?.count == 423)
        #expect(data.models.first { $0.name == "D2go_FastRCNN" }?.costs == data.models.first { $0.name == "OD_D2go_FasterRCNN" }?.costs)
        let es = try #require(data.models.first { $0.name == "ES_RITNet" })
        #expect(es.kinds.count == 12)  // 4 cost rows x 3 dataflows
    }

    @Test func xrbenchScenarios() throws {
        let data = try XRBenchData.bundled()
        #expect(data.scenarios.map(\.name) == ["vr-gaming", "ar-gaming", "ar-assistant", "outdoor-a", "outdoor-b", "social-a", "social-b"])
        let vr = data.scenarios[0]
        #expect(vr.models == [
            ScenarioModel(model: "ES_RITNet", fps: 60),
            ScenarioModel(model: "GE_FBNet_C", fps: 60, triggerProbability: 1, dependsOn: "ES_RITNet"),
            ScenarioModel(model: "HT_hand_graph_cnn_half", fps: 45),
        ])
        let assistant = data.scenarios[2]
        #expect(assistant.models[1] == ScenarioModel(model: "ASR_EM_24L", fps: 3, triggerProbability: 0.5, dependsOn: "KD_res8_narrow"))
        #expect(data.scenarios[3].models[1].triggerProbability == 0.2)
        for scenario in data.scenarios { try scenario.validate(library: builtInLibrary) }
    }

    @Test func millisecondParsing() {
        #expect(parseMillisecondsAsNanoseconds("1.503136") == 1_503_136)
        #expect(parseMillisecondsAsNanoseconds("0.000013") == 13)
        #expect(parseMillisecondsAsNanoseconds("150.994949") == 150_994_949)
        #expect(parseMillisecondsAsNanoseconds("2") == 2_000_000)
        #expect(parseMillisecondsAsNanoseconds("0.0000005") == 1)  // rounded half up
        #expect(parseMillisecondsAsNanoseconds("1e-3") == nil)
        #expect(parseMillisecondsAsNanoseconds("-1") == nil)
        #expect(parseMillisecondsAsNanoseconds("") == nil)
    }

    // MARK: Periods and frames

    @Test func periods() {
        #expect(PeriodMode.integerMilliseconds.periodSeconds(fps: 60) == 0.016)
        #expect(PeriodMode.integerMilliseconds.periodSeconds(fps: 45) == 0.022)
        #expect(PeriodMode.integerMilliseconds.periodSeconds(fps: 3) == 0.333)
        #expect(PeriodMode.exact.periodSeconds(fps: 60) == 1.0 / 60)
    }

    /// VR gaming for 50 ms: ES at 0, 16, 32, 48 ms (deadline the next frame), HT at 0, 22, 44 ms;
    /// GE has no periodic frames (it is triggered by ES).
    @Test func periodicFrames() throws {
        let timeline = try builtInLibrary.timeline(named: "vr-gaming")
        let platform = try builtInLibrary.platform(named: "single-4k-ws")
        let workload = try WorkloadBuilder.build(timeline: timeline, platform: platform, library: builtInLibrary,
                                                 durationSeconds: 0.05, seed: 1)
        var source = workload.source
        var frames: [JobSpec] = []
        while let spec = source.next() { frames.append(spec) }
        #expect(frames.map(\.model) == [0, 2, 0, 2, 0, 2, 0])
        #expect(frames.map(\.arrivalSeconds) == [0, 0, 0.016, 0.022, 0.032, 0.044, 0.048])
        #expect(frames.map(\.deadlineSeconds) == [0.016, 0.022, 0.032, 0.044, 0.048, 0.066, 0.064])
        #expect(frames.map(\.frameIndex) == [0, 0, 1, 1, 2, 2, 3])
        #expect(workload.catalog.modelNames == ["ES_RITNet", "GE_FBNet_C", "HT_hand_graph_cnn_half"])
        // GE and HT carry their two width variants; ES has none.
        #expect(frames[0].variantCosts.isEmpty && frames[1].variantCosts.count == 2)
    }

    /// Jitter delays arrivals by less than the jitter; deadlines stay on the nominal grid.
    @Test func jitter() throws {
        let timeline = MiniLibrary.cascade(probability: 1)
        let workload = try WorkloadBuilder.build(timeline: timeline, platform: MiniLibrary.one, library: MiniLibrary.library,
                                                 durationSeconds: 0.1, seed: 3, options: WorkloadOptions(jitterSeconds: 0.004))
        var source = workload.source
        var count = 0
        while let spec = source.next() {
            let due = Double(spec.frameIndex) * 0.01
            #expect(spec.arrivalSeconds >= due && spec.arrivalSeconds < due + 0.004)
            #expect(abs(spec.deadlineSeconds - (due + 0.01)) < 1e-12)
            count += 1
        }
        #expect(count == 10)
    }

    /// Scenario switches: a timeline of two phases emits each phase's models in its stretch.
    @Test func timelinePhases() throws {
        let first = Scenario(name: "a", models: [ScenarioModel(model: "up", fps: 100)])
        let second = Scenario(name: "b", models: [ScenarioModel(model: "leaf", fps: 50)])
        let timeline = ScenarioTimeline(name: "a-then-b", phases: [ScenarioPhase(scenario: first, durationSeconds: 0.03),
                                                                   ScenarioPhase(scenario: second)])
        let workload = try WorkloadBuilder.build(timeline: timeline, platform: MiniLibrary.one, library: MiniLibrary.library,
                                                 durationSeconds: 0.07, seed: 1)
        var source = workload.source
        var frames: [JobSpec] = []
        while let spec = source.next() { frames.append(spec) }
        #expect(frames.map(\.model) == [0, 0, 0, 1, 1])
        #expect(frames.map(\.arrivalSeconds) == [0, 0.01, 0.02, 0.03, 0.05])
        #expect(frames.map { FrameSource.phase(ofRequest: $0.requestID) } == [0, 0, 0, 1, 1])
    }

    // MARK: Cascades

    /// The dependent frame j is admitted only when upstream frame j finishes, carries frame index j,
    /// the upstream frame's arrival and deadline, and exists only when its trigger draw succeeds.
    @Test func cascadeReleaseAfterUpstream() throws {
        let timeline = MiniLibrary.cascade(probability: 0.5)
        let workload = try WorkloadBuilder.build(timeline: timeline, platform: MiniLibrary.one, library: MiniLibrary.library,
                                                 durationSeconds: 0.2, seed: 7)
        let recorder = AdmissionRecorder()
        var sim = Simulator(catalog: workload.catalog, platform: MiniLibrary.one.corePlatform, scheduler: FCFS(),
                            source: workload.source, settings: SimulationSettings(checkInvariants: true))
        sim.observer = recorder
        let result = try sim.run()
        let upFinish = Dictionary(uniqueKeysWithValues: recorder.finished.filter { $0.model == 0 }.map { ($0.frame, $0.time) })
        let children = recorder.admitted.filter { $0.model == 1 }
        #expect(upFinish.count == 20)
        let expected = (0..<20).filter { FrameSource.isTriggered(model: "down", frame: $0, probability: 0.5, seed: 7) }
        #expect(children.map(\.frame) == expected)
        #expect(!expected.isEmpty && expected.count < 20)
        for child in children { #expect(child.time == upFinish[child.frame]) }
        #expect(result.metrics.perModel[1].counted == expected.count)
    }

    /// Trigger draws: p = 0 never, p = 1 always, and about p of the frames otherwise (fixed seed).
    @Test func triggerProbability() {
        #expect((0..<100).allSatisfy { !FrameSource.isTriggered(model: "m", frame: $0, probability: 0, seed: 1) })
        #expect((0..<100).allSatisfy { FrameSource.isTriggered(model: "m", frame: $0, probability: 1, seed: 1) })
        let hits = (0..<4000).filter { FrameSource.isTriggered(model: "m", frame: $0, probability: 0.2, seed: 1) }.count
        #expect(hits > 700 && hits < 900)
        // The draw depends on the frame, not on the order of asking.
        #expect(FrameSource.isTriggered(model: "m", frame: 17, probability: 0.5, seed: 2)
                == FrameSource.isTriggered(model: "m", frame: 17, probability: 0.5, seed: 2))
    }

    /// Dropping upstream frame j drops dependent frame j (released already dropped, counted as a
    /// frame and a drop); even frames go through.
    @Test func dropPropagation() throws {
        let timeline = MiniLibrary.cascade(probability: 1)
        let workload = try WorkloadBuilder.build(timeline: timeline, platform: MiniLibrary.one, library: MiniLibrary.library,
                                                 durationSeconds: 0.1, seed: 1)
        let recorder = AdmissionRecorder()
        var sim = Simulator(catalog: workload.catalog, platform: MiniLibrary.one.corePlatform, scheduler: DropOddUpstream(),
                            source: workload.source, settings: SimulationSettings(checkInvariants: true))
        sim.observer = recorder
        let result = try sim.run()
        #expect(recorder.dropped.filter { $0.model == 0 }.map(\.frame) == [1, 3, 5, 7, 9])
        #expect(recorder.dropped.filter { $0.model == 1 }.map(\.frame) == [1, 3, 5, 7, 9])
        #expect(recorder.finished.filter { $0.model == 1 }.map(\.frame) == [0, 2, 4, 6, 8])
        #expect(result.metrics.perModel[1].dropped == 5 && result.metrics.perModel[1].counted == 10)
    }

    /// Chains: leaf depends on down depends on up; a dropped "up" frame drops both dependants.
    @Test func cascadeChain() throws {
        let timeline = ScenarioTimeline(Scenario(name: "chain", models: [
            ScenarioModel(model: "up", fps: 100),
            ScenarioModel(model: "down", fps: 100, dependsOn: "up"),
            ScenarioModel(model: "leaf", fps: 100, dependsOn: "down"),
        ]))
        let workload = try WorkloadBuilder.build(timeline: timeline, platform: MiniLibrary.two, library: MiniLibrary.library,
                                                 durationSeconds: 0.04, seed: 1)
        let recorder = AdmissionRecorder()
        var sim = Simulator(catalog: workload.catalog, platform: MiniLibrary.two.corePlatform, scheduler: DropOddUpstream(),
                            source: workload.source, settings: SimulationSettings(checkInvariants: true))
        sim.observer = recorder
        let result = try sim.run()
        #expect(result.metrics.perModel.map(\.counted) == [4, 4, 4])
        #expect(result.metrics.perModel.map(\.dropped) == [2, 2, 2])
        #expect(recorder.finished.filter { $0.model == 2 }.map(\.frame) == [0, 2])
    }

    // MARK: Variants and cost variation

    /// Width 0.5 on three layers (K, C): (8, 3), (16, 8), (10, 16). Layer 0 keeps C = 3:
    /// (4 x 3)/(8 x 3) = 0.5; layer 1: (8 x 4)/(16 x 8) = 0.25; layer 2 keeps K = 10: (10 x 8)/(10 x 16) = 0.5.
    @Test func widthVariantFactors() {
        let shapes = [LayerShape(n: 1, k: 8, c: 3, y: 10, x: 10, r: 3, s: 3),
                      LayerShape(n: 1, k: 16, c: 8, y: 8, x: 8, r: 3, s: 3),
                      LayerShape(n: 1, k: 10, c: 16, y: 1, x: 1, r: 1, s: 1)]
        #expect(WidthVariant.factors(shapes: shapes, multiplier: 0.5) == [0.5, 0.25, 0.5])
        // 0.75 of 3 channels rounds to 2: (6 x 3)/(8 x 3) = 0.75 for layer 0; layer 1 (12 x 6)/(16 x 8) = 0.5625.
        #expect(WidthVariant.factors(shapes: shapes, multiplier: 0.75)[0...1] == [0.75, 0.5625])
        let model = RTModel(name: "m", shapes: shapes, costs: MiniLibrary.costs([4, 4, 2], energy: [2, 2, 2]))
        let variant = WidthVariant.derive(from: model, name: "w50", multiplier: 0.5, relativeAccuracy: 0.9)!
        #expect(variant.costs[MiniLibrary.kind]!.latencyNanoseconds == [2_000_000, 1_000_000, 1_000_000])
        #expect(variant.costs[MiniLibrary.kind]!.energyMillijoules == [1, 0.5, 1])
    }

    /// Built-in variants are cheaper than the full model on every kind, cheapest last.
    @Test func builtInVariantsAreCheaper() throws {
        for model in builtInLibrary.models where !model.variants.isEmpty {
            #expect(model.variants.map(\.name) == ["w75", "w50"])
            for kind in model.kinds {
                let full = model.costs[kind]!.totalNanoseconds
                let w75 = model.variants[0].costs[kind]!.totalNanoseconds
                let w50 = model.variants[1].costs[kind]!.totalNanoseconds
                #expect(w50 < w75 && w75 < full)
            }
        }
        #expect(builtInLibrary.models.filter { !$0.variants.isEmpty }.count == 8)
    }

    /// Cost variation: true tables differ per input, the estimate stays nominal, the ratios are the
    /// factors, and the same seed gives the same tables.
    @Test func costVariation() throws {
        let options = WorkloadOptions(costVariation: CostVariation(sigma: 0.2, inputs: 4))
        let build = { try WorkloadBuilder.build(timeline: MiniLibrary.cascade(probability: 1), platform: MiniLibrary.one,
                                                library: MiniLibrary.library, durationSeconds: 0.05, seed: 9, options: options) }
        let a = try build(), b = try build()
        let up = a.models[0]
        #expect(up.inputTables.count == 4)
        let nominal = a.catalog.costTables[up.nominalTable]
        for (input, table) in up.inputTables.enumerated() {
            let truth = a.catalog.costTables[table]
            let ratios = a.catalog.ratioTables[up.inputRatios[input]]
            for k in 0..<2 { #expect(abs(truth.latency(layer: k, accelerator: 0) - nominal.latency(layer: k, accelerator: 0) * ratios[k]) < 1e-9) }
            #expect(truth.latencySeconds == b.catalog.costTables[table].latencySeconds)
        }
        var source = a.source
        while let spec = source.next() {
            #expect(spec.architectureEstimate == a.models[spec.model].nominalTable)
            #expect(a.models[spec.model].inputTables.contains(spec.trueCosts))
        }
    }

    // MARK: Validation

    @Test func scenarioValidation() {
        func check(_ models: [ScenarioModel], _ field: String, _ fragment: String) {
            do {
                try Scenario(name: "s", models: models).validate(library: MiniLibrary.library)
                Issue.record("expected an error for \(field)")
            } catch let error as InputError {
                #expect(error.kind == .config)
                #expect(error.field == field)
                #expect(error.description.contains(fragment), "\(error)")
            } catch { Issue.record("\(error)") }
        }
        check([ScenarioModel(model: "upp", fps: 10)], "scenario.models[0].model", "did you mean 'up'")
        check([ScenarioModel(model: "up", fps: 0)], "scenario.models[0].fps", "positive")
        check([ScenarioModel(model: "up", fps: 10), ScenarioModel(model: "up", fps: 10)], "scenario.models[1].model", "twice")
        check([ScenarioModel(model: "up", fps: 10), ScenarioModel(model: "down", fps: 10, triggerProbability: 1.5, dependsOn: "up")],
              "scenario.models[1].trigger_probability", "[0, 1]")
        check([ScenarioModel(model: "up", fps: 10, dependsOn: "down"), ScenarioModel(model: "down", fps: 10, dependsOn: "up")],
              "scenario.models[0].depends_on", "cyclic cascade: up -> down -> up")
        check([ScenarioModel(model: "up", fps: 10), ScenarioModel(model: "down", fps: 20, dependsOn: "up")],
              "scenario.models[1].fps", "must equal")
        check([ScenarioModel(model: "down", fps: 10, dependsOn: "leaf")], "scenario.models[0].depends_on", "same scenario")
    }

    /// A platform kind a model has no costs for is a config error naming the model and kind.
    @Test func missingCosts() {
        let platform = RTPlatform(name: "os", kinds: [AcceleratorKind(dataflow: "OS", processingElements: 8, bandwidth: 8)])
        #expect(throws: InputError.self) {
            try WorkloadBuilder.build(timeline: MiniLibrary.cascade(probability: 1), platform: platform,
                                      library: MiniLibrary.library, durationSeconds: 0.1, seed: 1)
        }
    }
}
