import Testing
import BatonCore
import BatonPolicies
@testable import BatonRTMM

@Suite("Metrics")
struct MetricsTests {
    /// 4 frames, 1 late or dropped, 30 mJ spent against a floor of 20 mJ:
    /// E_norm = 30 / 20 = 1.5, V = 1/4, UXCost = 0.375; the floor 1/(2 x 4) = 0.125 does not bind.
    @Test func uxCostHandCase() {
        let ux = UXCost(frames: 4, violations: 1, energyMillijoules: 30, minimumEnergyMillijoules: 20)
        #expect(ux.normalizedEnergy == 1.5)
        #expect(ux.violationRate == 0.25)
        #expect(ux.value == 0.375)
        #expect(ux.flooredValue == 0.375)
        // No violation: UXCost 0, floored 1.5 x 1/8 = 0.1875.
        let clean = UXCost(frames: 4, violations: 0, energyMillijoules: 30, minimumEnergyMillijoules: 20)
        #expect(clean.value == 0)
        #expect(clean.flooredValue == 0.1875)
    }

    /// "up" at 100 FPS on one accelerator for 30 ms: 3 frames of 4 ms and 2 mJ each, all on time.
    /// E_norm = 6 / (3 x 2) = 1, V = 0, floored V = 1/6. XRBench: each frame finishes 6 ms early,
    /// RT = 1 / (1 + e^(15 x -6)) ~ 1, EN = (1500 - 2) / 1500, S = 3 x EN / 3 x 1 -> score 99.8667.
    @Test func runMetricsHandCase() throws {
        let timeline = ScenarioTimeline(Scenario(name: "up", models: [ScenarioModel(model: "up", fps: 100)]))
        let spec = RTMMRunSpec(timeline: timeline, platform: MiniLibrary.one, durationSeconds: 0.03, checkInvariants: true)
        let r = try RTMMRunner.run(spec, scheduler: "fcfs", seed: 1, library: MiniLibrary.library)
        #expect(r.frames == 3)
        #expect(r.uxCost.normalizedEnergy == 1)
        #expect(r.uxCost.value == 0)
        #expect(abs(r.uxCost.flooredValue - 1.0 / 6) < 1e-15)
        #expect(abs(r.xrbenchScore - 100 * 1498.0 / 1500) < 1e-9)
        #expect(r.latencyPercentilesSeconds.p50 == 0.004)
        #expect(abs(r.utilization[0] - 0.012 / 0.024) < 1e-12)  // busy 12 ms over [0, 24 ms]
    }

    /// With frames 1 and 3 of 4 dropped: S = (2 x 1 x 1498/1500) / 4 x (1 - 2/4), score = 100 S.
    @Test func xrbenchScoreWithDrops() throws {
        let workload = try WorkloadBuilder.build(
            timeline: ScenarioTimeline(Scenario(name: "up", models: [ScenarioModel(model: "up", fps: 100)])),
            platform: MiniLibrary.one, library: MiniLibrary.library, durationSeconds: 0.04, seed: 1)
        var sim = Simulator(catalog: workload.catalog, platform: MiniLibrary.one.corePlatform, scheduler: DropOddUpstream(),
                            source: workload.source)
        let metrics = try sim.run().metrics
        let expected = 100 * (2 * 1498.0 / 1500) / 4 * 0.5
        #expect(abs(metrics.xrbenchScore - expected) < 1e-9)
        // The formula of the spec, term by term.
        let terms = ModelStats.xrbenchTerms(finishSeconds: 0.004, deadlineSeconds: 0.01, energyMillijoules: 2)
        #expect(terms.energy == 1498.0 / 1500)
        #expect(abs(terms.realTime - 1 / (1 + exponential(-90))) < 1e-15)
    }

    /// Every policy keeps the engine's invariants on multi-accelerator platforms (no accelerator runs
    /// two layers at once, a frame never runs on two accelerators, every frame ends once), with
    /// jitter and per-input cost variation on, and every frame ends.
    @Test(arguments: ["dual-4k-ws-os", "quad-4k-ws-os"])
    func invariants(platform: String) throws {
        let options = WorkloadOptions(jitterSeconds: 0.002, costVariation: CostVariation(sigma: 0.15, inputs: 4))
        for scenario in ["vr-gaming", "ar-assistant", "social-a"] {
            let spec = RTMMRunSpec(timeline: try builtInLibrary.timeline(named: scenario),
                                   platform: try builtInLibrary.platform(named: platform),
                                   durationSeconds: 0.15, options: options, checkInvariants: true)
            for name in PolicyRegistry.builtIn.names {
                let r = try RTMMRunner.run(spec, scheduler: name, seed: 2, library: builtInLibrary)
                #expect(r.unfinished == 0)
                #expect(r.metrics.completed + r.metrics.dropped == r.metrics.admitted)
                if !name.hasPrefix("dream") { #expect(r.metrics.dropped == 0, "\(name)") }
            }
        }
    }

    /// Same input and seed, same figures; another seed changes the cascade draws.
    @Test func deterministic() throws {
        let spec = RTMMRunSpec(timeline: try builtInLibrary.timeline(named: "outdoor-a"),
                               platform: try builtInLibrary.platform(named: "dual-4k-ws-os"), durationSeconds: 1)
        let a = try RTMMRunner.run(spec, scheduler: "dream", seed: 5, library: builtInLibrary)
        let b = try RTMMRunner.run(spec, scheduler: "dream", seed: 5, library: builtInLibrary)
        #expect(a.uxCost == b.uxCost)
        #expect(a.tuningHistory == b.tuningHistory)
        #expect(a.models == b.models)
    }

    @Test func percentiles() {
        #expect(percentile([5, 1, 3, 2, 4], 50) == 3)
        #expect(percentile([5, 1, 3, 2, 4], 95) == 5)
        #expect(percentile([], 50) == 0)
    }
}
