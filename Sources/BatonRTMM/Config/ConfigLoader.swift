import BatonCore
import Foundation

/// Reads user models, scenarios and platforms from YAML files into a `ModelLibrary`.
///
/// A file holds any of the top-level keys `model`/`models`, `scenario`/`scenarios` and
/// `platform`/`platforms` (a mapping, or a list of mappings). All files are read first; then models
/// are added, then scenarios (which may name models from any file), then platforms. Every problem
/// is an `InputError` of kind `.config` naming the file, line and YAML path (e.g.
/// `scenario.models[2].fps`). The schema is in docs/rtmm.md; examples in examples/rtmm/.
public enum ConfigLoader {
    static let topLevelKeys = ["model", "models", "scenario", "scenarios", "platform", "platforms"]

    /// Adds the definitions in `paths` to `library` (usually `ModelLibrary.builtIn()`).
    public static func load(paths: [String], into library: ModelLibrary) throws -> ModelLibrary {
        var documents: [(text: String, file: String)] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(.config, file: path, "cannot read file (missing or unreadable)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError(.config, file: path, "file is not valid UTF-8 text")
            }
            documents.append((text, path))
        }
        return try load(documents: documents, into: library)
    }

    /// Adds the definitions in YAML `text` (labelled `file` in messages) to `library`.
    public static func load(text: String, file: String? = nil, into library: ModelLibrary) throws -> ModelLibrary {
        try load(documents: [(text, file ?? "config")], into: library)
    }

    static func load(documents: [(text: String, file: String)], into library: ModelLibrary) throws -> ModelLibrary {
        var models: [YAMLValue] = [], scenarios: [YAMLValue] = [], platforms: [YAMLValue] = []
        for document in documents {
            let root = try YAMLValue.parse(document.text, file: document.file)
            for (key, value) in try root.mapping(allowed: topLevelKeys) {
                let items = key.hasSuffix("s") ? try value.sequence() : [value]
                switch key {
                case "model", "models": models += items
                case "scenario", "scenarios": scenarios += items
                default: platforms += items
                }
            }
        }
        var result = library
        for item in models {
            let model = try parseModel(item, library: result)
            try checkNew(model.name, existing: result.names, item: item, what: "model")
            result.add(model)
        }
        var phased: [YAMLValue] = []
        for item in scenarios {
            let entries = try item.mapping(allowed: ["name", "models", "phases", "period", "jitter_ms"])
            if YAMLValue.find("phases", in: entries) != nil {
                phased.append(item)
            } else {
                let scenario = try parseScenario(item, entries: entries, library: result)
                try checkNew(scenario.name, existing: result.scenarioNames, item: item, what: "scenario")
                result.add(ScenarioTimeline(scenario))
            }
        }
        for item in phased {
            let timeline = try parseTimeline(item, library: result)
            try checkNew(timeline.name, existing: result.scenarioNames, item: item, what: "scenario")
            result.add(timeline)
        }
        for item in platforms {
            let platform = try parsePlatform(item)
            try checkNew(platform.name, existing: result.platformNames, item: item, what: "platform")
            result.add(platform)
        }
        return result
    }

    private static func checkNew(_ name: String, existing: [String], item: YAMLValue, what: String) throws {
        if existing.contains(name) {
            throw InputError(.config, file: item.file, line: item.line, field: "\(item.path).name",
                             "duplicate \(what) name '\(name)'", hint: "every \(what) needs its own name (built-in names are taken)")
        }
    }

    // MARK: Models

    static func parseModel(_ item: YAMLValue, library: ModelLibrary) throws -> RTModel {
        let entries = try item.mapping(allowed: ["name", "base", "latency_scale", "energy_scale", "costs", "variants"])
        let name = try YAMLValue.require("name", in: entries, parent: item).string()
        var model: RTModel
        if let baseValue = YAMLValue.find("base", in: entries) {
            let baseName = try baseValue.string()
            guard let base = library.model(named: baseName) else {
                throw unknownNameError("model", baseName, known: library.names, kind: .config,
                                       file: baseValue.file, line: baseValue.line, field: baseValue.path)
            }
            if let costs = YAMLValue.find("costs", in: entries) {
                throw costs.error("give either 'base' or 'costs', not both")
            }
            // Bounded: a built-in layer (at most a few ms) scaled by 1e6 stays within the layer-latency limit.
            let scales = "a scale lies in (0, 1e6]"
            let latencyScale = try YAMLValue.find("latency_scale", in: entries)?.double(where: { $0 > 0 && $0 <= 1e6 }, scales) ?? 1
            let energyScale = try YAMLValue.find("energy_scale", in: entries)?.double(where: { $0 > 0 && $0 <= 1e6 }, scales) ?? 1
            model = base
            model.name = name
            if latencyScale != 1 || energyScale != 1 {
                model.costs = base.costs.mapValues { scale($0, latency: latencyScale, energy: energyScale) }
                model.variants = base.variants.map { variant in
                    var scaled = variant
                    scaled.costs = variant.costs.mapValues { scale($0, latency: latencyScale, energy: energyScale) }
                    return scaled
                }
            }
        } else {
            for key in ["latency_scale", "energy_scale"] {
                if let value = YAMLValue.find(key, in: entries) { throw value.error("'\(key)' needs 'base'") }
            }
            let costsValue = try YAMLValue.require("costs", in: entries, parent: item)
            model = RTModel(name: name, costs: try parseCosts(costsValue))
        }
        if let variantsValue = YAMLValue.find("variants", in: entries) {
            var variants: [RTModelVariant] = []
            let variantItems = try variantsValue.sequence()
            if variantItems.count > SimulationLimits.maxVariantsPerModel {
                throw InputError(.limit, file: variantsValue.file, line: variantsValue.line, field: variantsValue.path,
                                 "\(variantItems.count) variants exceed the limit of \(SimulationLimits.maxVariantsPerModel) per model",
                                 hint: "keep the \(SimulationLimits.maxVariantsPerModel) most useful variants")
            }
            for variantItem in variantItems {
                let variant = try parseVariant(variantItem, model: model)
                if variants.contains(where: { $0.name == variant.name }) {
                    throw InputError(.config, file: variantItem.file, line: variantItem.line, field: "\(variantItem.path).name",
                                     "duplicate variant name '\(variant.name)'")
                }
                variants.append(variant)
            }
            model.variants = variants
        }
        return model
    }

    private static func scale(_ costs: LayerCosts, latency: Double, energy: Double) -> LayerCosts {
        // Saturating: a huge `latency_scale` must not trap (the built workload is checked against
        // the layer-latency limit afterwards).
        LayerCosts(latencyNanoseconds: costs.latencyNanoseconds.map { max(1, Int64(Int(saturating: Double($0) * latency, rounding: .toNearestOrAwayFromZero))) },
                   energyMillijoules: costs.energyMillijoules.map { $0 * energy })
    }

    static func parseCosts(_ value: YAMLValue) throws -> [AcceleratorKind: LayerCosts] {
        let entries = try kindEntries(value)
        guard !entries.isEmpty else { throw value.error("give costs for at least one accelerator kind") }
        var costs: [AcceleratorKind: LayerCosts] = [:]
        var layers: Int?
        for (kind, kindValue) in entries {
            let fields = try kindValue.mapping(allowed: ["latency_ms", "energy_mj"])
            let latencyValue = try YAMLValue.require("latency_ms", in: fields, parent: kindValue)
            let energyValue = try YAMLValue.require("energy_mj", in: fields, parent: kindValue)
            // Bounded by the layer-latency limit: the nanosecond conversion below must not trap.
            let maxMilliseconds = SimulationLimits.layerSeconds.upperBound * 1000
            let latency = try latencyValue.sequence().map {
                try $0.double(where: { $0 >= 0 && $0 <= maxMilliseconds }, "a latency must be non-negative and at most \(ResultValue.format(maxMilliseconds)) ms")
            }
            let energy = try energyValue.sequence().map { try $0.double(where: { $0 >= 0 }, "an energy must be non-negative") }
            guard !latency.isEmpty else { throw latencyValue.error("a model needs at least one layer") }
            guard latency.count <= SimulationLimits.maxLayersPerModel else {
                throw InputError(.limit, file: latencyValue.file, line: latencyValue.line, field: latencyValue.path,
                                 "more than \(SimulationLimits.maxLayersPerModel) layers")
            }
            guard energy.count == latency.count else {
                throw energyValue.error("\(energy.count) energies for \(latency.count) latencies")
            }
            if let layers, layers != latency.count {
                throw latencyValue.error("\(latency.count) layers here but \(layers) for another accelerator kind")
            }
            layers = latency.count
            costs[kind] = LayerCosts(latencyNanoseconds: latency.map { Int64(($0 * 1e6).rounded()) }, energyMillijoules: energy)
        }
        return costs
    }

    /// Entries of a mapping keyed by accelerator kind (`WS-2048-128`), in file order.
    private static func kindEntries(_ value: YAMLValue) throws -> [(AcceleratorKind, YAMLValue)] {
        guard let mapping = value.node.mapping else { throw value.error("expected a mapping of accelerator kinds (e.g. WS-2048-128)") }
        var result: [(AcceleratorKind, YAMLValue)] = []
        for (keyNode, node) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let child = YAMLValue(node: node, path: "\(value.path).\(key)", file: value.file)
            guard let kind = AcceleratorKind(key: key) else {
                throw InputError(.config, file: value.file, line: keyNode.mark?.line, field: child.path,
                                 "'\(key)' is not an accelerator kind", hint: "write <dataflow>-<PEs>-<bandwidth>, e.g. WS-2048-128")
            }
            result.append((kind, child))
        }
        return result
    }

    static func parseVariant(_ item: YAMLValue, model: RTModel) throws -> RTModelVariant {
        let entries = try item.mapping(allowed: ["name", "accuracy", "width", "scale"])
        let name = try YAMLValue.require("name", in: entries, parent: item).string()
        let accuracy = try YAMLValue.require("accuracy", in: entries, parent: item)
            .double(where: { $0 > 0 && $0 <= 1 }, "a relative accuracy lies in (0, 1]")
        let width = YAMLValue.find("width", in: entries)
        let scale = YAMLValue.find("scale", in: entries)
        switch (width, scale) {
        case (let width?, nil):
            let multiplier = try width.double(where: { $0 > 0 && $0 < 1 }, "a width multiplier lies in (0, 1)")
            guard let variant = WidthVariant.derive(from: model, name: name, multiplier: multiplier, relativeAccuracy: accuracy) else {
                throw width.error("a width variant needs layer shapes: give the model a built-in 'base'", field: width.path)
            }
            return variant
        case (nil, let scale?):
            let factor = try scale.double(where: { $0 > 0 && $0 <= 1 }, "a cost scale lies in (0, 1]")
            return RTModelVariant(name: name, relativeAccuracy: accuracy, costs: model.costs.mapValues {
                $0.scaled(by: [Double](repeating: factor, count: $0.layerCount))
            })
        default:
            throw item.error("give exactly one of 'width' and 'scale'")
        }
    }

    // MARK: Scenarios

    static func parseScenario(_ item: YAMLValue, entries: [(key: String, value: YAMLValue)], library: ModelLibrary) throws -> Scenario {
        let name = try YAMLValue.require("name", in: entries, parent: item).string()
        for key in ["period", "jitter_ms"] {
            if let value = YAMLValue.find(key, in: entries) {
                throw value.error("'\(key)' is a run option, not part of a scenario", hint: "use --period or --jitter-ms")
            }
        }
        let modelsValue = try YAMLValue.require("models", in: entries, parent: item)
        var models: [ScenarioModel] = []
        var lines: [Int?] = []
        for entry in try modelsValue.sequence() {
            let fields = try entry.mapping(allowed: ["model", "fps", "depends_on", "trigger_probability", "priority"])
            let fps = try YAMLValue.require("fps", in: fields, parent: entry)
            let probability = try YAMLValue.find("trigger_probability", in: fields)?.double() ?? 1
            let dependsOn = try YAMLValue.find("depends_on", in: fields)?.string()
            if YAMLValue.find("trigger_probability", in: fields) != nil && dependsOn == nil {
                throw entry.error("'trigger_probability' needs 'depends_on'", field: "\(entry.path).trigger_probability")
            }
            models.append(ScenarioModel(model: try YAMLValue.require("model", in: fields, parent: entry).string(),
                                        fps: try fps.double(), triggerProbability: probability, dependsOn: dependsOn,
                                        priority: try YAMLValue.find("priority", in: fields)?.double() ?? 1))
            lines.append(entry.line)
        }
        let scenario = Scenario(name: name, models: models)
        try scenario.validate(library: library, path: item.path, file: item.file, lines: lines)
        return scenario
    }

    static func parseTimeline(_ item: YAMLValue, library: ModelLibrary) throws -> ScenarioTimeline {
        let entries = try item.mapping(allowed: ["name", "phases"])
        let name = try YAMLValue.require("name", in: entries, parent: item).string()
        let phasesValue = try YAMLValue.require("phases", in: entries, parent: item)
        let items = try phasesValue.sequence()
        guard !items.isEmpty else { throw phasesValue.error("a timeline needs at least one phase") }
        var phases: [ScenarioPhase] = []
        for (index, phaseItem) in items.enumerated() {
            let fields = try phaseItem.mapping(allowed: ["scenario", "duration_ms"])
            let scenarioValue = try YAMLValue.require("scenario", in: fields, parent: phaseItem)
            let scenarioName = try scenarioValue.string()
            guard let timeline = library.timelines.first(where: { $0.name == scenarioName }) else {
                throw unknownNameError("scenario", scenarioName, known: library.scenarioNames, kind: .config,
                                       file: scenarioValue.file, line: scenarioValue.line, field: scenarioValue.path)
            }
            guard timeline.phases.count == 1 else {
                throw scenarioValue.error("a phase must name a plain scenario, not a timeline")
            }
            let duration = try YAMLValue.find("duration_ms", in: fields)?.double(where: { $0 > 0 }, "a duration must be positive")
            if duration == nil && index < items.count - 1 {
                throw phaseItem.error("every phase but the last needs 'duration_ms'", field: "\(phaseItem.path).duration_ms")
            }
            phases.append(ScenarioPhase(scenario: timeline.phases[0].scenario, durationSeconds: duration.map { $0 / 1000 }))
        }
        return ScenarioTimeline(name: name, phases: phases)
    }

    // MARK: Platforms

    static func parsePlatform(_ item: YAMLValue) throws -> RTPlatform {
        let entries = try item.mapping(allowed: ["name", "accelerators", "migration_ms"])
        let name = try YAMLValue.require("name", in: entries, parent: item).string()
        let migration = try YAMLValue.find("migration_ms", in: entries)?.double(where: { $0 >= 0 }, "a migration cost must be non-negative") ?? 0
        let acceleratorsValue = try YAMLValue.require("accelerators", in: entries, parent: item)
        let items = try acceleratorsValue.sequence()
        guard !items.isEmpty else { throw acceleratorsValue.error("a platform needs at least one accelerator") }
        guard items.count <= SimulationLimits.maxAccelerators else {
            throw InputError(.limit, file: acceleratorsValue.file, line: acceleratorsValue.line, field: acceleratorsValue.path,
                             "more than \(SimulationLimits.maxAccelerators) accelerators")
        }
        var accelerators: [RTAccelerator] = []
        for (index, acceleratorItem) in items.enumerated() {
            let fields = try acceleratorItem.mapping(allowed: ["name", "dataflow", "pes", "bandwidth"])
            let kind = AcceleratorKind(
                dataflow: try YAMLValue.require("dataflow", in: fields, parent: acceleratorItem).string(),
                processingElements: try YAMLValue.require("pes", in: fields, parent: acceleratorItem).int(where: { $0 > 0 }, "a PE count must be positive"),
                bandwidth: try YAMLValue.require("bandwidth", in: fields, parent: acceleratorItem).int(where: { $0 > 0 }, "a bandwidth must be positive"))
            let acceleratorName = try YAMLValue.find("name", in: fields)?.string() ?? "acc\(index)-\(kind.dataflow.lowercased())"
            if accelerators.contains(where: { $0.name == acceleratorName }) {
                throw acceleratorItem.error("duplicate accelerator name '\(acceleratorName)'", field: "\(acceleratorItem.path).name")
            }
            accelerators.append(RTAccelerator(name: acceleratorName, kind: kind))
        }
        return RTPlatform(name: name, accelerators: accelerators, migrationSeconds: migration / 1000)
    }
}
