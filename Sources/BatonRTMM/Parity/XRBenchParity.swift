import BatonCore
import BatonPolicies

/// A small simulator that reproduces XRBench's own runtime for its default scheduler
/// (XRBench, MLSys 2023, repository XRBench/XRBench-MLSys2023), in exact integer nanoseconds.
///
/// Semantics (docs/rtmm.md, "XRBench parity mode"):
/// - Period = 1000 / FPS whole milliseconds; a run lasts `durationMilliseconds` (700); model m gets
///   floor(duration / period) frames; frame j is due at j x period, deadline (j + 1) x period.
/// - Events: the clock moves to the earlier of the next base tick (multiples of 1000 / highest
///   FPS, whole ms) and the next completion; the first event is at 0.
/// - At each event: (1) log completions due by now (accelerator order); (2) inject every frame
///   due by now (a cascaded frame only if its trigger draw succeeds); (3) per model, drop the
///   oldest queued frame if its deadline < now (one per model per event, zero energy); (4) one
///   dispatch pass in byte order of model names: a model's oldest queued frame is skipped if the
///   model is cascaded and its upstream has completed no more than j inferences; otherwise it runs
///   whole on the idle accelerator with the lowest whole-model latency (ties: lowest index); when
///   no accelerator is idle, dispatching stops until the next event.
/// - The run ends at the event at which every model's last frame has been injected (after that
///   event's dispatch); frames still queued or running are not counted.
public enum XRBenchParity {
    /// Runs `scenario` on `platform` with XRBench's scheduler and scoring.
    /// - Parameters:
    ///   - repeatDispatchPasses: repeat the dispatch pass while it dispatched something (what
    ///     XRBench's source code does); off by default (one pass per event, as specified).
    /// - Throws: `InputError` for a model without costs on the platform, or a period below 1 ms.
    public static func run(scenario: Scenario, platform: RTPlatform, library: ModelLibrary, seed: UInt64 = 1,
                           durationMilliseconds: Int = 700, repeatDispatchPasses: Bool = false) throws -> ParityResult {
        try scenario.validate(library: library)
        guard durationMilliseconds > 0 else {
            throw InputError(.flag, field: "duration-ms", "the parity run's duration must be positive")
        }
        var state = try ParityState(scenario: scenario, platform: platform, library: library, seed: seed,
                                    durationMilliseconds: durationMilliseconds)
        state.repeatDispatchPasses = repeatDispatchPasses
        state.run()
        return state.result(scenario: scenario.name, platform: platform.name)
    }
}

/// The state of a parity run (internal so that single steps can be tested).
struct ParityState {
    struct Model {
        var name: String
        var periodNanoseconds: Int64
        var frames: Int
        var upstream: Int?
        var probability: Double
        var latency: [Int64]
        var energy: [Double]
        var nextInjection = 0
        var completed = 0
        var queue: [ParityFrameRecord] = []
        var queueHead = 0
    }

    var models: [Model]
    let nameOrder: [Int]
    let tickNanoseconds: Int64
    let seed: UInt64
    var repeatDispatchPasses = false
    var now: Int64 = 0
    var running: [ParityFrameRecord?]
    var records: [ParityFrameRecord] = []

    init(scenario: Scenario, platform: RTPlatform, library: ModelLibrary, seed: UInt64, durationMilliseconds: Int) throws {
        var models: [Model] = []
        var highestFPS = 0.0
        for entry in scenario.models {
            guard let model = library.model(named: entry.model) else {
                throw unknownNameError("model", entry.model, known: library.names, kind: .config)
            }
            let costs = try platform.accelerators.map { accelerator -> LayerCosts in
                guard let costs = model.costs[accelerator.kind] else {
                    throw InputError(.config, field: "model \(model.name)", "has no costs for accelerator kind \(accelerator.kind.key)")
                }
                return costs
            }
            // Checked: a tiny FPS gives a period beyond Int's range (it trapped). A period longer
            // than the run gives no frame either way, so it is capped at the run's length + 1 ms.
            let periodMilliseconds = min(Int(saturating: 1000 / entry.fps, rounding: .down), durationMilliseconds + 1)
            guard periodMilliseconds >= 1 else {
                throw InputError(.config, field: "model \(model.name)", "FPS \(entry.fps) gives a period below 1 ms")
            }
            highestFPS = max(highestFPS, entry.fps)
            models.append(Model(name: entry.model, periodNanoseconds: Int64(periodMilliseconds) * 1_000_000,
                                frames: durationMilliseconds / periodMilliseconds,
                                upstream: entry.dependsOn.flatMap { up in scenario.models.firstIndex { $0.model == up } },
                                probability: entry.triggerProbability,
                                latency: costs.map(\.totalNanoseconds), energy: costs.map(\.totalEnergyMillijoules)))
        }
        self.models = models
        nameOrder = XRBenchDefaultScheduler.byteOrder(models.map(\.name))
        tickNanoseconds = Int64(max(1, min(Int(saturating: 1000 / highestFPS, rounding: .down), durationMilliseconds + 1))) * 1_000_000
        self.seed = seed
        running = [ParityFrameRecord?](repeating: nil, count: platform.count)
    }

    /// Whether every model's last frame has been injected.
    var allInjected: Bool { models.allSatisfy { $0.nextInjection >= $0.frames } }

    mutating func run() {
        while true {
            logCompletions()
            inject()
            dropStaleFrames()
            dispatch()
            if allInjected { return }
            var next = (now / tickNanoseconds + 1) * tickNanoseconds
            for frame in running.compactMap({ $0 }) where frame.completionNanoseconds > now {
                next = min(next, frame.completionNanoseconds)
            }
            now = next
        }
    }

    /// (1) Logs the frames that completed by now, in accelerator order.
    mutating func logCompletions() {
        for a in running.indices {
            guard let frame = running[a], frame.completionNanoseconds <= now else { continue }
            records.append(frame)
            if let m = models.firstIndex(where: { $0.name == frame.model }) { models[m].completed += 1 }
            running[a] = nil
        }
    }

    /// (2) Injects every frame due by now.
    mutating func inject() {
        for m in models.indices {
            while models[m].nextInjection < models[m].frames {
                let j = models[m].nextInjection
                let due = Int64(j) * models[m].periodNanoseconds
                guard due <= now else { break }
                models[m].nextInjection += 1
                if models[m].upstream != nil,
                   !FrameSource.isTriggered(model: models[m].name, frame: j, probability: models[m].probability, seed: seed) {
                    continue
                }
                models[m].queue.append(ParityFrameRecord(
                    model: models[m].name, frame: j, accelerator: -1, dueNanoseconds: due, injectionNanoseconds: now,
                    dispatchNanoseconds: -1, deadlineNanoseconds: due + models[m].periodNanoseconds,
                    completionNanoseconds: -1, energyMillijoules: 0, dropped: false))
            }
        }
    }

    /// (3) Drops, per model, the oldest queued frame if its deadline has passed (one per event).
    mutating func dropStaleFrames() {
        for m in models.indices where models[m].queueHead < models[m].queue.count {
            var frame = models[m].queue[models[m].queueHead]
            guard frame.deadlineNanoseconds < now else { continue }
            frame.dropped = true
            frame.dispatchNanoseconds = now
            frame.completionNanoseconds = now
            records.append(frame)
            models[m].queueHead += 1
        }
    }

    /// (4) One dispatch pass in model-name order (repeated while it dispatches, if so configured).
    mutating func dispatch() {
        var dispatched = true
        while dispatched {
            dispatched = false
            for m in nameOrder where models[m].queueHead < models[m].queue.count {
                var frame = models[m].queue[models[m].queueHead]
                if let upstream = models[m].upstream, models[upstream].completed <= frame.frame { continue }
                var best = -1
                for a in running.indices where running[a] == nil {
                    if best < 0 || models[m].latency[a] < models[m].latency[best] { best = a }
                }
                guard best >= 0 else { return }
                frame.accelerator = best
                frame.dispatchNanoseconds = now
                frame.completionNanoseconds = now + models[m].latency[best]
                frame.energyMillijoules = models[m].energy[best]
                running[best] = frame
                models[m].queueHead += 1
                dispatched = repeatDispatchPasses
            }
        }
    }

    func result(scenario: String, platform: String) -> ParityResult {
        var perModel: [ParityModelResult] = []
        for model in models {
            var stats = ModelStats()
            var realTime = 0.0, energyScore = 0.0
            for record in records where record.model == model.name {
                stats.jobs += 1
                if record.dropped { stats.dropped += 1; continue }
                stats.completed += 1
                if record.completionNanoseconds > record.deadlineNanoseconds { stats.late += 1 }
                stats.energyMillijoules += record.energyMillijoules
                let terms = ModelStats.xrbenchTerms(finishSeconds: Double(record.completionNanoseconds) * 1e-9,
                                                    deadlineSeconds: Double(record.deadlineNanoseconds) * 1e-9,
                                                    energyMillijoules: record.energyMillijoules)
                stats.xrbenchScoreSum += terms.realTime * terms.energy
                stats.turnaroundSumSeconds += Double(record.completionNanoseconds - record.dueNanoseconds) * 1e-9
                realTime += terms.realTime
                energyScore += terms.energy
            }
            guard stats.counted > 0 else { continue }
            let completed = Double(max(stats.completed, 1))
            perModel.append(ParityModelResult(name: model.name, stats: stats, realTimeScore: realTime / completed,
                                              energyScore: energyScore / completed,
                                              userExperienceScore: 1 - Double(stats.dropped) / Double(stats.counted),
                                              latencyNanoseconds: model.latency))
        }
        let score = perModel.isEmpty ? 0 : 100 * perModel.map(\.stats.xrbenchScore).reduce(0, +) / Double(perModel.count)
        return ParityResult(scenario: scenario, platform: platform, seed: seed, records: records, models: perModel,
                            score: score, endNanoseconds: now)
    }
}
