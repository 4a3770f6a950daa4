import Testing
import BatonCore
@testable import BatonRTMM

@Suite("YAML configuration")
struct ConfigTests {
    static let examples: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/examples/rtmm/"
    }()

    /// Expects loading `yaml` to fail with a config error at `field` (and `line`, if given) whose text contains `fragment`.
    func expectError(_ yaml: String, field: String?, line: Int? = nil, _ fragment: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try ConfigLoader.load(text: yaml, file: "test.yaml", into: builtInLibrary)
            Issue.record("expected an error containing '\(fragment)'", sourceLocation: sourceLocation)
        } catch let error as InputError {
            #expect(error.kind == .config, sourceLocation: sourceLocation)
            #expect(error.file == "test.yaml", sourceLocation: sourceLocation)
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
            if let line { #expect(error.line == line, "\(error)", sourceLocation: sourceLocation) }
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func examplesLoadAndRun() throws {
        let library = try ConfigLoader.load(paths: ["model.yaml", "scenario.yaml", "platform.yaml"].map { Self.examples + $0 },
                                            into: builtInLibrary)
        let detector = try #require(library.model(named: "tiny_detector"))
        #expect(detector.costs.count == 2 && detector.variants.count == 1)
        #expect(detector.costs[AcceleratorKind(key: "WS-2048-128")!]!.latencyNanoseconds == [400_000, 1_200_000, 800_000, 100_000])
        #expect(detector.variants[0].costs[AcceleratorKind(key: "OS-2048-128")!]!.energyMillijoules == [1.8 * 0.6, 5.0 * 0.6, 3.6 * 0.6, 0.4 * 0.6])
        let gaze = try #require(library.model(named: "gaze_fast"))
        let ws = AcceleratorKind(dataflow: "WS", processingElements: 4096, bandwidth: 256)
        #expect(gaze.costs[ws]!.latencyNanoseconds[0] == Int64((Double(builtInLibrary.model(named: "GE_FBNet_C")!.costs[ws]!.latencyNanoseconds[0]) * 0.8).rounded()))
        #expect(gaze.variants.map(\.name) == ["w50"])
        let timeline = try library.timeline(named: "vr-then-social")
        #expect(timeline.phases.map(\.scenario.name) == ["vr-gaming", "social-a"])
        #expect(timeline.phases[0].durationSeconds == 1)
        let scenario = try library.timeline(named: "vr-plus-depth").phases[0].scenario
        #expect(scenario.models[1] == ScenarioModel(model: "GE_FBNet_C", fps: 60, triggerProbability: 0.8, dependsOn: "ES_RITNet"))
        #expect(scenario.models[2].priority == 3)
        let platform = try library.platform(named: "big-little")
        #expect(platform.accelerators.map(\.name) == ["big-ws", "little-os"])
        #expect(platform.migrationSeconds == 0.00005)
        // The user platform runs the user scenario, with migration costs, under every policy.
        let spec = RTMMRunSpec(timeline: try library.timeline(named: "vr-plus-depth"), platform: platform,
                               durationSeconds: 0.1, checkInvariants: true)
        for name in ["fcfs", "herald", "dream"] {
            #expect(try RTMMRunner.run(spec, scheduler: name, seed: 1, library: library).frames > 0)
        }
        let switching = RTMMRunSpec(timeline: timeline, platform: try library.platform(named: "dual-4k-ws-os"), durationSeconds: 1.2)
        let result = try RTMMRunner.run(switching, scheduler: "edf", seed: 1, library: library)
        #expect(result.models.map(\.name) == ["ES_RITNet", "GE_FBNet_C", "HT_hand_graph_cnn_half", "DR_RGBd_200"])
    }

    @Test func scenarioErrors() {
        expectError("""
            scenario:
              name: s
              models:
                - model: ES_RITNet
                  fps: 60
                - model: HT_hand_graph_cnn_half
                  fps: 45
                - model: DE_midas_v21_small
                  fps: -30
            """, field: "scenario.models[2].fps", line: 8, "FPS must be positive")
        expectError("""
            scenario:
              name: s
              models:
                - model: ES_RITnet
                  fps: 60
            """, field: "scenario.models[0].model", line: 4, "did you mean 'ES_RITNet'")
        expectError("""
            scenarios:
              - name: s
                models:
                  - model: ES_RITNet
                    fps: 60
                  - model: GE_FBNet_C
                    fps: 60
                    depends_on: ES_RITNet
                    trigger_probability: 1.2
            """, field: "scenarios[0].models[1].trigger_probability", line: 6, "[0, 1]")
        expectError("""
            scenario:
              name: s
              models:
                - {model: ES_RITNet, fps: 60, depends_on: GE_FBNet_C}
                - {model: GE_FBNet_C, fps: 60, depends_on: ES_RITNet}
            """, field: "scenario.models[0].depends_on", "cyclic cascade")
        expectError("""
            scenario:
              name: vr-gaming
              models: [{model: ES_RITNet, fps: 60}]
            """, field: "scenario.name", "duplicate scenario name 'vr-gaming'")
        expectError("""
            scenario:
              name: s
              models:
                - model: ES_RITNet
                  fsp: 60
            """, field: "scenario.models[0].fsp", line: 5, "did you mean 'fps'")
        expectError("""
            scenario:
              name: s
              models:
                - model: ES_RITNet
                  fps: sixty
            """, field: "scenario.models[0].fps", line: 5, "expected a number")
        expectError("""
            scenario:
              name: s
            """, field: "scenario.models", "missing required key 'models'")
        expectError("""
            scenario:
              name: t
              phases:
                - scenario: vr-gamming
                  duration_ms: 100
                - scenario: social-a
            """, field: "scenario.phases[0].scenario", "did you mean 'vr-gaming'")
        expectError("""
            scenario:
              name: t
              phases:
                - scenario: vr-gaming
                - scenario: social-a
            """, field: "scenario.phases[0].duration_ms", "needs 'duration_ms'")
    }

    @Test func modelErrors() {
        expectError("""
            model:
              name: m
              costs:
                WS-2048-128: {latency_ms: [1, 2], energy_mj: [1]}
            """, field: "model.costs.WS-2048-128.energy_mj", "1 energies for 2 latencies")
        expectError("""
            model:
              name: m
              costs:
                WS-2048: {latency_ms: [1], energy_mj: [1]}
            """, field: "model.costs.WS-2048", "not an accelerator kind")
        expectError("""
            model:
              name: m
              costs:
                WS-2048-128: {latency_ms: [1, -2], energy_mj: [1, 1]}
            """, field: "model.costs.WS-2048-128.latency_ms[1]", "non-negative")
        expectError("""
            models:
              - name: m
                base: GE_FBNet
            """, field: "models[0].base", "did you mean 'GE_FBNet_C'")
        expectError("""
            models:
              - name: ES_RITNet
                base: GE_FBNet_C
            """, field: "models[0].name", "duplicate model name")
        expectError("""
            model:
              name: m
              costs:
                WS-2048-128: {latency_ms: [1], energy_mj: [1]}
              variants:
                - {name: half, accuracy: 0.9, width: 0.5}
            """, field: "model.variants[0].width", "needs layer shapes")
        expectError("""
            model:
              name: m
              base: GE_FBNet_C
              variants:
                - {name: half, accuracy: 1.5, scale: 0.5}
            """, field: "model.variants[0].accuracy", "(0, 1]")
        expectError("""
            models:
              - name: m
                base: GE_FBNet_C
              - name: m
                base: ES_RITNet
            """, field: "models[1].name", "duplicate model name 'm'")
    }

    @Test func platformAndFileErrors() {
        expectError("""
            platform:
              name: p
              accelerators:
                - {dataflow: WS, pes: 0, bandwidth: 128}
            """, field: "platform.accelerators[0].pes", "must be positive")
        expectError("""
            platform:
              name: p
              accelerators: []
            """, field: "platform.accelerators", "at least one accelerator")
        expectError("""
            platform:
              name: p
              accelerators:
                - {name: a, dataflow: WS, pes: 1024, bandwidth: 128}
                - {name: a, dataflow: OS, pes: 1024, bandwidth: 128}
            """, field: "platform.accelerators[1].name", "duplicate accelerator name")
        expectError("platfrom:\n  name: p\n", field: "platfrom", line: 1, "did you mean 'platform'")
        expectError("scenario: [unclosed\n", field: nil, "invalid YAML")
        expectError("", field: nil, "empty")
        expectError("scenario:\n  name: a\n  name: b\n", field: nil, "duplicate key")
    }

    /// A platform whose kind has no costs for a scenario's model fails when the run is built.
    @Test func platformWithoutCosts() throws {
        let library = try ConfigLoader.load(text: """
            platform:
              name: rs-8k
              accelerators: [{dataflow: RS, pes: 8192, bandwidth: 256}]
            """, into: builtInLibrary)
        let spec = RTMMRunSpec(timeline: try library.timeline(named: "vr-gaming"), platform: try library.platform(named: "rs-8k"),
                               durationSeconds: 0.1)
        do {
            _ = try RTMMRunner.run(spec, scheduler: "fcfs", seed: 1, library: library)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.kind == .config)
            #expect(error.description.contains("RS-8192-256"))
        }
    }

    @Test func missingFile() {
        #expect(throws: InputError.self) { try ConfigLoader.load(paths: ["/nonexistent/x.yaml"], into: builtInLibrary) }
    }
}
