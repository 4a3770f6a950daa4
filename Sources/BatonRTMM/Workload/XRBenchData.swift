import BatonCore
import Foundation

/// The XRBench suite's models, MAESTRO layer costs and usage scenarios, read from the package's
/// resources (data from XRBench, MLSys 2023, repository XRBench/XRBench-MLSys2023).
public struct XRBenchData: Sendable {
    /// The 11 models (plus `D2go_FastRCNN`, outdoor B's name for `OD_D2go_FasterRCNN`), in file order,
    /// with their built-in width variants.
    public let models: [RTModel]
    /// The 7 scenarios, in Baton's order (see `builtInScenarioNames`).
    public let scenarios: [Scenario]

    /// Baton's scenario names and the XRBench names they stand for.
    public static let builtInScenarioNames: [(baton: String, xrbench: String)] = [
        ("vr-gaming", "VR_gaming"), ("ar-gaming", "AR_gaming"), ("ar-assistant", "AR_Assistant"),
        ("outdoor-a", "outdoor_activity_A"), ("outdoor-b", "outdoor_activity_B"),
        ("social-a", "social_interactionA"), ("social-b", "social_interactionB"),
    ]

    /// The data shipped in the package, loaded once.
    public static func bundled() throws -> XRBenchData { try cached.get() }

    private static let cached: Result<XRBenchData, InputError> = {
        guard let url = Bundle.module.url(forResource: "xrbench", withExtension: nil) else {
            return .failure(InputError(.file, file: "xrbench", "the XRBench data folder is missing from the package resources"))
        }
        do { return .success(try load(directory: url.path)) } catch let error as InputError {
            return .failure(error)
        } catch {
            return .failure(InputError(.file, file: url.path, "\(error)"))
        }
    }()

    /// Reads the XRBench CSV files from `directory`.
    public static func load(directory: String) throws -> XRBenchData {
        let shapes = try readShapes(directory + "/xrbench_layers.csv")
        let costs = try readLayerCosts(directory + "/xrbench_layer_costs_maestro.csv")
        var models: [RTModel] = []
        for (name, layerShapes) in shapes {
            guard let perKind = costs[name] else {
                throw InputError(.file, file: directory + "/xrbench_layer_costs_maestro.csv",
                                 "no costs for model \(name)")
            }
            for (kind, table) in perKind where table.layerCount != layerShapes.count {
                throw InputError(.file, file: directory + "/xrbench_layer_costs_maestro.csv",
                                 "model \(name) has \(table.layerCount) costed layers on \(kind.costRow) \(kind.dataflow), but \(layerShapes.count) layers")
            }
            models.append(RTModel(name: name, shapes: layerShapes, costs: perKind))
        }
        if let detector = models.first(where: { $0.name == "OD_D2go_FasterRCNN" }) {
            var alias = detector
            alias.name = "D2go_FastRCNN"
            models.append(alias)
        }
        models = models.map { model in
            guard WidthVariant.modelsWithVariants.contains(model.name) else { return model }
            var withVariants = model
            withVariants.variants = WidthVariant.builtIn.compactMap {
                WidthVariant.derive(from: model, name: $0.name, multiplier: $0.multiplier, relativeAccuracy: $0.relativeAccuracy)
            }
            return withVariants
        }
        let scenarios = try readScenarios(directory + "/xrbench_scenarios.csv")
        return XRBenchData(models: models, scenarios: scenarios)
    }

    // MARK: Files

    private static func readShapes(_ path: String) throws -> [(String, [LayerShape])] {
        let table = try CSVTable.read(path: path, required: ["model", "layer_idx", "layer_name", "type", "N", "K", "C", "Y", "X", "R", "S"],
                                      optional: ["macs_maestro_valid"])
        var order: [String] = []
        var shapes: [String: [LayerShape]] = [:]
        for row in table.rows.indices {
            let model = try table.string(row, "model")
            let index = try table.int(row, "layer_idx", in: 0...SimulationLimits.maxLayersPerModel)
            if shapes[model] == nil { order.append(model); shapes[model] = [] }
            guard index == shapes[model]!.count else {
                throw table.error(row, "layer_idx", "layers of \(model) are not listed in order 0, 1, 2, ...")
            }
            let shape = LayerShape(n: try table.int(row, "N", in: 1...Int.max), k: try table.int(row, "K", in: 1...Int.max),
                                   c: try table.int(row, "C", in: 1...Int.max), y: try table.int(row, "Y", in: 1...Int.max),
                                   x: try table.int(row, "X", in: 1...Int.max), r: try table.int(row, "R", in: 1...Int.max),
                                   s: try table.int(row, "S", in: 1...Int.max))
            shapes[model]!.append(shape)
        }
        return order.map { ($0, shapes[$0]!) }
    }

    private static func readLayerCosts(_ path: String) throws -> [String: [AcceleratorKind: LayerCosts]] {
        let table = try CSVTable.read(path: path, required: ["model", "layer_idx", "hw", "dataflow", "latency_ms", "energy_mJ_xrbench_units"],
                                      optional: ["note"])
        var latency: [String: [AcceleratorKind: [Int64]]] = [:]
        var energy: [String: [AcceleratorKind: [Double]]] = [:]
        for row in table.rows.indices {
            let model = try table.string(row, "model")
            let row_hw = try table.string(row, "hw")
            guard let kind = costRowKind(row_hw, dataflow: try table.string(row, "dataflow")) else {
                throw table.error(row, "hw", "'\(row_hw)' is not of the form P<PEs>_BW<bandwidth>")
            }
            let index = try table.int(row, "layer_idx", in: 0...SimulationLimits.maxLayersPerModel)
            let text = try table.string(row, "latency_ms")
            guard let nanoseconds = parseMillisecondsAsNanoseconds(text) else {
                throw table.error(row, "latency_ms", "'\(text)' is not a non-negative number of milliseconds")
            }
            let joules = try table.double(row, "energy_mJ_xrbench_units", in: 0...Double.greatestFiniteMagnitude,
                                          requirement: "energy must be non-negative")
            let count = latency[model, default: [:]][kind, default: []].count
            guard index == count else {
                throw table.error(row, "layer_idx", "layers of \(model) on \(kind.costRow) \(kind.dataflow) are not listed in order")
            }
            latency[model, default: [:]][kind, default: []].append(nanoseconds)
            energy[model, default: [:]][kind, default: []].append(joules)
        }
        var result: [String: [AcceleratorKind: LayerCosts]] = [:]
        for (model, kinds) in latency {
            for (kind, values) in kinds {
                result[model, default: [:]][kind] = LayerCosts(latencyNanoseconds: values, energyMillijoules: energy[model]![kind]!)
            }
        }
        return result
    }

    private static func readScenarios(_ path: String) throws -> [Scenario] {
        let table = try CSVTable.read(path: path, required: ["scenario", "model", "fps", "period_ms_int", "trigger_probability", "depends_on"])
        var entries: [String: [ScenarioModel]] = [:]
        for row in table.rows.indices {
            let scenario = try table.string(row, "scenario")
            let dependsOn = table.rows[row][table.column("depends_on")]
            entries[scenario, default: []].append(ScenarioModel(
                model: try table.string(row, "model"),
                fps: try table.double(row, "fps", in: 0.001...1000, requirement: "FPS must lie in (0, 1000]"),
                triggerProbability: try table.double(row, "trigger_probability", in: 0...1, requirement: "a probability lies in [0, 1]"),
                dependsOn: dependsOn.isEmpty ? nil : dependsOn))
        }
        return try builtInScenarioNames.map { names in
            guard let models = entries[names.xrbench] else {
                throw InputError(.file, file: path, "scenario \(names.xrbench) is missing")
            }
            return Scenario(name: names.baton, models: models)
        }
    }

    /// The accelerator kind of an XRBench cost row (`P2048_BW128`) and dataflow.
    static func costRowKind(_ row: String, dataflow: String) -> AcceleratorKind? {
        guard row.hasPrefix("P") else { return nil }
        let parts = row.dropFirst().split(separator: "_")
        guard parts.count == 2, parts[1].hasPrefix("BW"), let pes = Int(parts[0]), let bw = Int(parts[1].dropFirst(2)) else { return nil }
        return AcceleratorKind(dataflow: dataflow, processingElements: pes, bandwidth: bw)
    }
}

/// Parses a decimal number of milliseconds ("1.503136") into whole nanoseconds without going
/// through binary floating point (digits past the sixth decimal are rounded half up).
public func parseMillisecondsAsNanoseconds(_ text: String) -> Int64? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let wholeText = parts.first, !(wholeText.isEmpty && parts.count == 1),
          wholeText.allSatisfy({ $0.isASCII && $0.isNumber }), wholeText.count <= 9 else { return nil }
    let whole = Int64(wholeText.isEmpty ? "0" : String(wholeText)) ?? 0
    var fraction: Int64 = 0
    if parts.count == 2 {
        let digits = Array(parts[1].utf8)
        guard !digits.isEmpty || !wholeText.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        for i in 0..<6 { fraction = fraction * 10 + (i < digits.count ? Int64(digits[i] - 48) : 0) }
        if digits.count > 6, digits[6] >= 53 { fraction += 1 }
    }
    return whole * 1_000_000 + fraction
}
