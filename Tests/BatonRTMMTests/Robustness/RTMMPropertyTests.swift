import BatonCore
import BatonPolicies
@testable import BatonRTMM
import PropertyBased
import Testing

/// Runs `body` and records a thrown error as a test issue. Needed inside `propertyCheck`
/// bodies: PropertyBased 2.x discards errors thrown there (`try?`), which would pass silently.
func recordingErrors(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
    }
}

/// Engine invariants and basic accounting under every real-time scheduler, on random scenarios
/// built from the XRBench models, on every built-in platform.
@Suite("Real-time study properties")
struct RTMMPropertyTests {
    /// A random scenario: 1-4 distinct XRBench models at 10-60 FPS, each possibly cascaded from an
    /// earlier one (same FPS, trigger probability in [0, 1], priority 1/3/9).
    static func scenario(seed: UInt64, models count: Int, platform: RTPlatform) -> Scenario {
        var random = SeededRandom(seed: seed, stream: "rtmm-property")
        var pool = builtInLibrary.names.filter { name in
            guard let model = builtInLibrary.model(named: name) else { return false }
            return platform.accelerators.allSatisfy { model.supports($0.kind) }
        }
        var entries: [ScenarioModel] = []
        for _ in 0..<min(count, pool.count) {
            let name = pool.remove(at: random.nextInt(below: pool.count))
            let priority = [1.0, 3, 9][random.nextInt(below: 3)]
            if !entries.isEmpty, random.nextInt(below: 3) == 0 {
                let upstream = entries[random.nextInt(below: entries.count)]
                entries.append(ScenarioModel(model: name, fps: upstream.fps, triggerProbability: random.nextUnit(),
                                             dependsOn: upstream.model, priority: priority))
            } else {
                entries.append(ScenarioModel(model: name, fps: [10.0, 15, 30, 45, 60][random.nextInt(below: 5)], priority: priority))
            }
        }
        return Scenario(name: "random", models: entries)
    }

    /// Every scheduler, invariants checked by the engine; every frame ends (completed or dropped),
    /// nothing is left running, rates lie in [0, 1], energy and UXCost are finite and non-negative.
    @Test func invariantsHoldForEveryScheduler() async {
        let platforms = builtInLibrary.platformNames
        await propertyCheck(count: 40, input: Gen.uint64(), Gen.int(in: 0...(platforms.count - 1)), Gen.int(in: 1...4),
                            Gen.int(in: 20...120)) { seed, p, models, durationMilliseconds in
            recordingErrors {
                let platform = try builtInLibrary.platform(named: platforms[p])
                let scenario = Self.scenario(seed: seed, models: models, platform: platform)
                let spec = RTMMRunSpec(timeline: ScenarioTimeline(scenario), platform: platform,
                                       durationSeconds: Double(durationMilliseconds) / 1000, checkInvariants: true)
                for name in PolicyRegistry.builtIn.names {
                    let result = try RTMMRunner.run(spec, scheduler: name, seed: seed, library: builtInLibrary)
                    let m = result.metrics
                    #expect(result.unfinished == 0, "\(name) on \(platforms[p])")
                    #expect(m.completed + m.dropped == m.admitted, "\(name)")
                    #expect(result.frames > 0, "\(name)")
                    #expect((0...1).contains(result.violationRate) && (0...1).contains(result.dropRate), "\(name)")
                    #expect(m.energyMillijoules.isFinite && m.energyMillijoules >= 0, "\(name)")
                    #expect(result.uxCost.value.isFinite && result.uxCost.value >= 0, "\(name)")
                    #expect(m.acceleratorBusySeconds.count == platform.accelerators.count, "\(name)")
                }
            }
        }
    }

    /// The same scenario, platform, scheduler and seed give identical results (DREAM's tuning included).
    @Test func repeatedRunsAreIdentical() async {
        let platforms = builtInLibrary.platformNames
        await propertyCheck(count: 10, input: Gen.uint64(), Gen.int(in: 0...(platforms.count - 1))) { seed, p in
            recordingErrors {
                let platform = try builtInLibrary.platform(named: platforms[p])
                let spec = RTMMRunSpec(timeline: ScenarioTimeline(Self.scenario(seed: seed, models: 3, platform: platform)),
                                       platform: platform, durationSeconds: 0.1)
                for name in PolicyRegistry.builtIn.names {
                    let one = try RTMMRunner.run(spec, scheduler: name, seed: seed, library: builtInLibrary)
                    let two = try RTMMRunner.run(spec, scheduler: name, seed: seed, library: builtInLibrary)
                    #expect(one.uxCost.value == two.uxCost.value && one.metrics.energyMillijoules == two.metrics.energyMillijoules, "\(name)")
                    #expect(one.metrics.late == two.metrics.late && one.metrics.dropped == two.metrics.dropped, "\(name)")
                    #expect(one.latencyPercentilesSeconds.p99 == two.latencyPercentilesSeconds.p99, "\(name)")
                }
            }
        }
    }
}
