import BatonCore

/// The models, scenarios and platforms a run can name: XRBench's built-ins plus any a user
/// described in YAML (user entries may not reuse a built-in name).
public struct ModelLibrary: Sendable {
    /// Models, built-in first, in order of definition.
    public private(set) var models: [RTModel]
    /// Scenarios and timelines, built-in first.
    public private(set) var timelines: [ScenarioTimeline]
    /// Platforms, built-in first.
    public private(set) var platforms: [RTPlatform]

    /// XRBench's models and scenarios and Baton's built-in platforms.
    public static func builtIn() throws -> ModelLibrary {
        let data = try XRBenchData.bundled()
        return ModelLibrary(models: data.models, timelines: data.scenarios.map { ScenarioTimeline($0) },
                            platforms: RTPlatform.builtIn)
    }

    public init(models: [RTModel], timelines: [ScenarioTimeline] = [], platforms: [RTPlatform] = []) {
        self.models = models
        self.timelines = timelines
        self.platforms = platforms
    }

    /// Model names, in order.
    public var names: [String] { models.map(\.name) }
    /// Scenario (timeline) names, in order.
    public var scenarioNames: [String] { timelines.map(\.name) }
    /// Platform names, in order.
    public var platformNames: [String] { platforms.map(\.name) }

    /// The model called `name`, if any.
    public func model(named name: String) -> RTModel? { models.first { $0.name == name } }

    /// The scenario or timeline called `name`, or an `InputError` with a suggestion.
    public func timeline(named name: String) throws -> ScenarioTimeline {
        if let found = timelines.first(where: { $0.name == name }) { return found }
        throw unknownNameError("scenario", name, known: scenarioNames, field: "scenario")
    }

    /// The platform called `name`, or an `InputError` with a suggestion.
    public func platform(named name: String) throws -> RTPlatform {
        if let found = platforms.first(where: { $0.name == name }) { return found }
        throw unknownNameError("platform", name, known: platformNames, field: "platform")
    }

    /// Adds a model (the caller checked that the name is new).
    public mutating func add(_ model: RTModel) { models.append(model) }
    /// Adds a scenario or timeline.
    public mutating func add(_ timeline: ScenarioTimeline) { timelines.append(timeline) }
    /// Adds a platform.
    public mutating func add(_ platform: RTPlatform) { platforms.append(platform) }
}
