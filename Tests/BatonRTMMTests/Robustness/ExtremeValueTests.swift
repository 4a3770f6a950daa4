import BatonCore
import BatonPolicies
@testable import BatonRTMM
import Testing

/// Accepted but extreme values never trap (issue 12, class 1): tiny frame rates, huge scales.
@Suite("Real-time extreme values")
struct ExtremeValueTests {
    /// Every FPS in (0, 1000] is accepted; a tiny one (down to the smallest subnormal) gives one
    /// frame at the start of the run under every policy, in both period modes.
    @Test(arguments: [1e-4, 1e-300, 5e-324])
    func tinyFrameRateGivesOneFrame(fps: Double) throws {
        let platform = try builtInLibrary.platform(named: "single-4k-ws")
        let scenario = Scenario(name: "tiny", models: [ScenarioModel(model: "ES_RITNet", fps: fps),
                                                      ScenarioModel(model: "GE_FBNet_C", fps: 60)])
        try scenario.validate(library: builtInLibrary)
        for mode in PeriodMode.allCases {
            var options = WorkloadOptions()
            options.periodMode = mode
            let spec = RTMMRunSpec(timeline: ScenarioTimeline(scenario), platform: platform, durationSeconds: 0.05,
                                   options: options, checkInvariants: true)
            for name in ["fcfs", "edf", "prema", "planaria", "dream", "xrbench"] {
                let result = try RTMMRunner.run(spec, scheduler: name, seed: 1, library: builtInLibrary)
                // ES_RITNet: one frame at t = 0; GE_FBNet_C at 60 FPS over 50 ms: 16 ms (integer)
                // or 16.67 ms (exact) periods, frames at 0, p, 2p, 3p < 50 ms: 4 (integer) or 3.
                let expected = 1 + (mode == .integerMilliseconds ? 4 : 3)
                #expect(result.metrics.admitted == expected, "\(name) \(mode)")
                #expect(result.unfinished == 0, "\(name) \(mode)")
            }
        }
    }

    /// A period longer than the time limit is capped at it (finite deadline, no NaN time).
    @Test func periodIsFiniteForAnyAcceptedRate() {
        for fps in [5e-324, 1e-300, 1e-9, 1] {
            for mode in PeriodMode.allCases {
                let period = mode.periodSeconds(fps: fps)
                #expect(period > 0)
                #expect(!(0 * min(period, SimulationLimits.maxTimeSeconds)).isNaN)
            }
        }
    }

    /// The XRBench parity simulator takes a tiny FPS (a period beyond the run: no frame) without trapping.
    @Test func paritySimulatorTakesTinyRate() throws {
        let platform = try builtInLibrary.platform(named: "single-4k-ws")
        let scenario = Scenario(name: "tiny", models: [ScenarioModel(model: "ES_RITNet", fps: 1e-300)])
        let result = try XRBenchParity.run(scenario: scenario, platform: platform, library: builtInLibrary, seed: 1)
        #expect(result.records.isEmpty)
    }

    /// Priorities below 1 under PREMA in its idle mode (issue 12, class 3): formerly frames were
    /// stranded (neither finished nor dropped) and the run reported fewer frames than FCFS. Now
    /// every policy releases and counts the same frames, and per model released = completed +
    /// dropped + unfinished (with unfinished 0), checked by the engine's invariant checker too.
    @Test func lowPrioritiesLoseNoFrames() throws {
        let platform = try builtInLibrary.platform(named: "single-4k-ws")
        let scenario = Scenario(name: "low", models: [ScenarioModel(model: "ES_RITNet", fps: 60, priority: 0.001),
                                                     ScenarioModel(model: "GE_FBNet_C", fps: 60),
                                                     ScenarioModel(model: "DE_midas_v21_small", fps: 30, priority: 0.5)])
        let spec = RTMMRunSpec(timeline: ScenarioTimeline(scenario), platform: platform, durationSeconds: 0.2, checkInvariants: true)
        let values = try PolicyRegistry.builtIn.parameterValues(for: ["prema"], assignments: [try .parse("prema.idle_below_threshold=true")])[0]
        let reference = try RTMMRunner.run(spec, scheduler: "fcfs", seed: 1, library: builtInLibrary)
        let runs: [(String, ParameterValues?)] = [("prema", values), ("prema", nil), ("planaria", nil), ("dream", nil)]
        for (name, parameters) in runs {
            let result = try RTMMRunner.run(spec, scheduler: name, seed: 1, library: builtInLibrary, parameters: parameters)
            #expect(result.metrics.admitted == reference.metrics.admitted, "\(name)")
            #expect(result.frames == reference.frames, "\(name)")
            #expect(result.metrics.unfinished == 0, "\(name)")
            for model in result.metrics.perModel {
                #expect(model.jobs == model.completed + model.dropped + model.unfinished, "\(name)")
            }
        }
    }
}
