import BatonCore

/// One model of a scenario: its frame rate and, for a cascade, what triggers it.
public struct ScenarioModel: Sendable, Equatable {
    /// Model name (as the model library spells it).
    public var model: String
    /// Target frames per second.
    public var fps: Double
    /// For a dependent model: probability that an upstream frame triggers it (1 otherwise).
    public var triggerProbability: Double
    /// The upstream model whose frame j must finish before this model's frame j runs, if any.
    public var dependsOn: String?
    /// Priority (used by PREMA and Planaria; 1 by default).
    public var priority: Double

    public init(model: String, fps: Double, triggerProbability: Double = 1, dependsOn: String? = nil,
                priority: Double = 1) {
        self.model = model
        self.fps = fps
        self.triggerProbability = triggerProbability
        self.dependsOn = dependsOn
        self.priority = priority
    }
}

/// A usage scenario: models running concurrently at their frame rates.
public struct Scenario: Sendable, Equatable {
    /// Name used on the command line and in results (e.g. "vr-gaming").
    public var name: String
    /// The models, in the order given (per-model results follow it).
    public var models: [ScenarioModel]

    public init(name: String, models: [ScenarioModel]) {
        self.name = name
        self.models = models
    }

    /// Checks the scenario against a model library: known models, positive FPS, probabilities in
    /// [0, 1], upstream models present, equal FPS along a cascade, no cycles, no duplicates.
    /// - Parameters:
    ///   - path: YAML path of the scenario for messages (e.g. "scenario" or "scenarios[1]").
    ///   - lines: line of each model entry, if known (for messages).
    public func validate(library: ModelLibrary, path: String = "scenario", file: String? = nil,
                         lines: [Int?] = []) throws {
        func line(_ i: Int) -> Int? { i < lines.count ? lines[i] : nil }
        if models.isEmpty {
            throw InputError(.config, file: file, field: "\(path).models", "a scenario needs at least one model")
        }
        var seen: [String: Int] = [:]
        for (i, entry) in models.enumerated() {
            let field = "\(path).models[\(i)]"
            if library.model(named: entry.model) == nil {
                throw unknownNameError("model", entry.model, known: library.names, kind: .config,
                                       file: file, line: line(i), field: field + ".model")
            }
            if let previous = seen[entry.model] {
                throw InputError(.config, file: file, line: line(i), field: field + ".model",
                                 "model '\(entry.model)' appears twice (also at \(path).models[\(previous)])")
            }
            seen[entry.model] = i
            guard entry.fps.isFinite, entry.fps > 0 else {
                throw InputError(.config, file: file, line: line(i), field: field + ".fps",
                                 "FPS must be positive, got \(entry.fps)")
            }
            guard entry.fps <= 1000 else {
                throw InputError(.config, file: file, line: line(i), field: field + ".fps",
                                 "FPS above 1000 gives a period below 1 ms", hint: "use at most 1000 FPS")
            }
            guard entry.triggerProbability.isFinite, (0...1).contains(entry.triggerProbability) else {
                throw InputError(.config, file: file, line: line(i), field: field + ".trigger_probability",
                                 "a probability lies in [0, 1], got \(entry.triggerProbability)")
            }
            guard SimulationLimits.priorities.contains(entry.priority) else {
                let range = SimulationLimits.priorities
                throw InputError(.config, file: file, line: line(i), field: field + ".priority",
                                 "priority must lie in [\(ResultValue.format(range.lowerBound)), \(ResultValue.format(range.upperBound))], got \(ResultValue.format(entry.priority))")
            }
        }
        let names = models.map(\.model)
        for (i, entry) in models.enumerated() {
            guard let upstream = entry.dependsOn else { continue }
            let field = "\(path).models[\(i)].depends_on"
            guard let j = seen[upstream] else {
                var error = unknownNameError("upstream model", upstream, known: names, kind: .config,
                                             file: file, line: line(i), field: field)
                error.message += " (an upstream model must be part of the same scenario)"
                throw error
            }
            if models[j].fps != entry.fps {
                throw InputError(.config, file: file, line: line(i), field: "\(path).models[\(i)].fps",
                                 "a dependent model runs once per upstream frame, so its FPS (\(entry.fps)) must equal that of '\(upstream)' (\(models[j].fps))")
            }
        }
        // Cycles: follow depends_on from every model.
        for (i, entry) in models.enumerated() where entry.dependsOn != nil {
            var chain = [entry.model]
            var current = entry.dependsOn
            while let next = current {
                if next == entry.model {
                    throw InputError(.config, file: file, line: line(i), field: "\(path).models[\(i)].depends_on",
                                     "cyclic cascade: \((chain + [next]).joined(separator: " -> "))")
                }
                chain.append(next)
                if chain.count > models.count + 1 { break }  // a cycle not through this model; found from its own start
                current = seen[next].flatMap { models[$0].dependsOn }
            }
        }
    }
}

/// One phase of a timeline: a scenario for a stretch of time.
public struct ScenarioPhase: Sendable, Equatable {
    /// The scenario of this phase.
    public var scenario: Scenario
    /// How long it lasts, in seconds; nil for "until the end of the run" (last phase only).
    public var durationSeconds: Double?

    public init(scenario: Scenario, durationSeconds: Double? = nil) {
        self.scenario = scenario
        self.durationSeconds = durationSeconds
    }
}

/// Scenarios one after another (a run whose load changes over time). A plain scenario is a
/// timeline of one phase that lasts the whole run.
public struct ScenarioTimeline: Sendable, Equatable {
    /// Name shown in results.
    public var name: String
    /// The phases, in order.
    public var phases: [ScenarioPhase]

    public init(name: String, phases: [ScenarioPhase]) {
        precondition(!phases.isEmpty, "a timeline needs a phase")
        self.name = name
        self.phases = phases
    }

    /// A single scenario for the whole run.
    public init(_ scenario: Scenario) {
        self.init(name: scenario.name, phases: [ScenarioPhase(scenario: scenario)])
    }

    /// Start and end of each phase within a run of `durationSeconds`: phases keep their durations,
    /// the last phase (or one without a duration) runs to the end of the run, and phases that
    /// would start at or after the end are left out.
    public func schedule(durationSeconds: Double) -> [(phase: Int, start: Double, end: Double)] {
        var result: [(Int, Double, Double)] = []
        var start = 0.0
        for (i, phase) in phases.enumerated() {
            guard start < durationSeconds else { break }
            let isLast = i == phases.count - 1
            var end = isLast ? durationSeconds : start + (phase.durationSeconds ?? durationSeconds)
            end = min(end, durationSeconds)
            result.append((i, start, end))
            start = end
        }
        return result
    }

    /// Model names in order of first appearance across phases.
    public var modelNames: [String] {
        var names: [String] = []
        for phase in phases { for entry in phase.scenario.models where !names.contains(entry.model) { names.append(entry.model) } }
        return names
    }
}
