import BatonCore

/// Periodic frames of every model of a timeline, and the cascaded frames their completions trigger.
///
/// - Model m at `fps` (period P from `PeriodMode`) in a phase [start, end) emits frame j at
///   `start + j * P` (plus jitter, if any) while that is before `end`; its deadline is the next
///   frame's nominal time, `start + (j + 1) * P`. Frame indices count on across phases.
/// - A dependent model emits no frames of its own. When its upstream's frame j finishes, the
///   source draws `u` (one generator per (model, frame), so every policy sees the same draws) and,
///   if `u < trigger probability`, releases the dependent frame j, ready now, with the upstream
///   frame's arrival and deadline (equal FPS along a cascade is required). If the upstream frame j
///   is dropped, the same draw decides whether the dependent frame j existed; if it did, it is
///   released already dropped (it counts as a frame and as a drop). Chains of cascades follow.
public struct FrameSource: JobSource, Sendable {
    /// A dependent model of a phase.
    struct Dependant: Sendable {
        var model: Int
        var name: String
        var probability: Double
        var priority: Double
    }

    private let frames: [JobSpec]
    private var position = 0
    /// `dependants[phase][model]`: the models triggered by `model`'s frames in that phase.
    private let dependants: [[[Dependant]]]
    private let models: [BuiltModel]
    private let seed: UInt64
    private let variants: Bool

    /// Number of periodic (non-cascaded) frames.
    public var periodicFrameCount: Int { frames.count }

    init(timeline: ScenarioTimeline, modelNames: [String], models: [BuiltModel], durationSeconds: Double,
         seed: UInt64, options: WorkloadOptions) throws {
        self.models = models
        self.seed = seed
        self.variants = options.variants
        // Bound the number of frames before making any: a very long run would otherwise build
        // frames up to the limit first (gigabytes of memory) and only then fail. Cascaded models
        // count as if every trigger fired (they run at their upstream's FPS), so the bound holds
        // for the frames the run may release, not only for those built up front.
        var expectedFrames = 0.0
        for (phase, start, end) in timeline.schedule(durationSeconds: durationSeconds) {
            for entry in timeline.phases[phase].scenario.models {
                expectedFrames += ((end - start) / options.periodMode.periodSeconds(fps: entry.fps)).rounded(.up)
            }
        }
        if !(expectedFrames <= Double(SimulationLimits.maxFrames)) {
            throw InputError(.limit, field: "duration", "more than \(SimulationLimits.maxFrames) frames",
                             hint: "shorten the run (see docs/limits.md)")
        }
        var keyed: [(spec: JobSpec, phase: Int, order: Int)] = []
        var nextFrame = [Int](repeating: 0, count: modelNames.count)
        var dependants: [[[Dependant]]] = []
        for (phase, start, end) in timeline.schedule(durationSeconds: durationSeconds) {
            let scenario = timeline.phases[phase].scenario
            var phaseDependants = [[Dependant]](repeating: [], count: modelNames.count)
            for (order, entry) in scenario.models.enumerated() {
                let model = modelNames.firstIndex(of: entry.model)!
                if let upstream = entry.dependsOn {
                    let parent = modelNames.firstIndex(of: upstream)!
                    phaseDependants[parent].append(Dependant(model: model, name: entry.model,
                                                             probability: entry.triggerProbability, priority: entry.priority))
                    continue
                }
                // A tiny FPS gives a period of years or an infinite one (0 * inf is NaN, which lost
                // the first frame): capped at the time limit, which leaves one frame, due at the
                // start, whose deadline lies beyond any run.
                let period = min(options.periodMode.periodSeconds(fps: entry.fps), SimulationLimits.maxTimeSeconds)
                var j = 0
                while true {
                    let due = start + Double(j) * period
                    guard due < end else { break }
                    let frame = nextFrame[model]
                    var arrival = due
                    if options.jitterSeconds > 0 {
                        var random = SeededRandom(seed: seed, stream: "jitter/" + entry.model, coordinates: [UInt64(frame)])
                        arrival += random.nextUnit() * options.jitterSeconds
                    }
                    let spec = FrameSource.spec(model: model, name: entry.model, phase: phase, frame: frame,
                                                arrival: arrival, ready: arrival, deadline: start + Double(j + 1) * period,
                                                priority: entry.priority, models: models, seed: seed, variants: options.variants)
                    keyed.append((spec, phase, order))
                    nextFrame[model] += 1
                    j += 1
                    if keyed.count > SimulationLimits.maxFrames {
                        throw InputError(.limit, field: "duration", "more than \(SimulationLimits.maxFrames) frames",
                                         hint: "shorten the run")
                    }
                }
            }
            dependants.append(phaseDependants)
        }
        keyed.sort {
            ($0.spec.readySeconds, $0.phase, $0.order, $0.spec.frameIndex) < ($1.spec.readySeconds, $1.phase, $1.order, $1.spec.frameIndex)
        }
        frames = keyed.map(\.spec)
        self.dependants = dependants
    }

    /// The request ID of a frame: phase, model and frame index packed into one number.
    public static func requestID(phase: Int, model: Int, frame: Int) -> Int {
        (phase << 48) | (model << 32) | frame
    }

    /// The phase a request ID belongs to.
    public static func phase(ofRequest id: Int) -> Int { id >> 48 }

    static func spec(model: Int, name: String, phase: Int, frame: Int, arrival: Double, ready: Double, deadline: Double,
                     priority: Double, models: [BuiltModel], seed: UInt64, variants: Bool,
                     dropped: Bool = false) -> JobSpec {
        let info = models[model]
        var trueTable = info.nominalTable
        var ratios = -1
        if !info.inputTables.isEmpty {
            var random = SeededRandom(seed: seed, stream: "inputs/" + name, coordinates: [UInt64(frame)])
            let input = random.nextInt(below: info.inputTables.count)
            trueTable = info.inputTables[input]
            ratios = info.inputRatios[input]
        }
        return JobSpec(requestID: requestID(phase: phase, model: model, frame: frame), model: model,
                       arrivalSeconds: arrival, readySeconds: ready, deadlineSeconds: deadline, priority: priority,
                       trueCosts: trueTable, patternEstimate: info.nominalTable, architectureEstimate: info.nominalTable,
                       observedRatios: ratios, frameIndex: frame, variantCosts: variants ? VariantTables(info.variantTables) : [],
                       droppedOnArrival: dropped)
    }

    /// Whether dependent model `name`'s frame `frame` is triggered (a fixed draw per model and frame).
    public static func isTriggered(model name: String, frame: Int, probability: Double, seed: UInt64) -> Bool {
        if probability >= 1 { return true }
        if probability <= 0 { return false }
        var random = SeededRandom(seed: seed, stream: "trigger/" + name, coordinates: [UInt64(frame)])
        return random.nextUnit() < probability
    }

    public func nextReadyTime() -> Double? { position < frames.count ? frames[position].readySeconds : nil }

    public mutating func next() -> JobSpec? {
        guard position < frames.count else { return nil }
        defer { position += 1 }
        return frames[position]
    }

    public mutating func jobFinished(_ job: JobState, at time: Double, released: inout [JobSpec]) {
        release(after: job.spec, at: time, dropped: false, into: &released)
    }

    public mutating func jobDropped(_ spec: JobSpec, at time: Double, released: inout [JobSpec]) {
        release(after: spec, at: time, dropped: true, into: &released)
    }

    private func release(after parent: JobSpec, at time: Double, dropped: Bool, into released: inout [JobSpec]) {
        let phase = FrameSource.phase(ofRequest: parent.requestID)
        guard phase < dependants.count else { return }
        for child in dependants[phase][parent.model]
        where FrameSource.isTriggered(model: child.name, frame: parent.frameIndex, probability: child.probability, seed: seed) {
            released.append(FrameSource.spec(model: child.model, name: child.name, phase: phase, frame: parent.frameIndex,
                                             arrival: parent.arrivalSeconds, ready: max(time, parent.arrivalSeconds),
                                             deadline: parent.deadlineSeconds, priority: child.priority,
                                             models: models, seed: seed, variants: variants, dropped: dropped))
        }
    }
}
