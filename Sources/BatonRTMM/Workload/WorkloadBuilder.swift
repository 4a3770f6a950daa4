import BatonCore

/// Builds the cost tables and frames of a run: a timeline of scenarios on a platform.
public enum WorkloadBuilder {
    /// Builds the workload of one run.
    /// - Parameters:
    ///   - timeline: the scenario(s); each model must be in `library` with costs for every
    ///     accelerator kind of `platform`.
    ///   - durationSeconds: frames are generated with due times in [0, duration).
    ///   - seed: seeds the cascade triggers, input draws and jitter (one generator per concern and frame).
    /// - Throws: `InputError` (.config) for an unknown model or missing costs, (.limit) for too many frames.
    public static func build(timeline: ScenarioTimeline, platform: RTPlatform, library: ModelLibrary,
                             durationSeconds: Double, seed: UInt64,
                             options: WorkloadOptions = WorkloadOptions()) throws -> BuiltWorkload {
        guard durationSeconds.isFinite, durationSeconds > 0 else {
            throw InputError(.flag, field: "duration", "the run's duration must be positive")
        }
        guard options.jitterSeconds.isFinite, options.jitterSeconds >= 0,
              durationSeconds + options.jitterSeconds <= SimulationLimits.maxTimeSeconds else {
            throw InputError(.limit, field: "duration",
                             "a run of \(ResultValue.format(durationSeconds)) s with \(ResultValue.format(options.jitterSeconds)) s of jitter is beyond the limit of \(ResultValue.format(SimulationLimits.maxTimeSeconds)) s",
                             hint: "shorten the run (see docs/limits.md)")
        }
        guard platform.count <= SimulationLimits.maxAccelerators else {
            throw InputError(.limit, field: "platform", "more than \(SimulationLimits.maxAccelerators) accelerators")
        }
        for (p, phase) in timeline.phases.enumerated() {
            try phase.scenario.validate(library: library, path: timeline.phases.count == 1 ? "scenario" : "scenario.phases[\(p)]")
        }
        let names = timeline.modelNames
        var tables: [CostTable] = []
        var ratios: [[Double]] = []
        var built: [BuiltModel] = []
        for name in names {
            guard let model = library.model(named: name) else {
                throw unknownNameError("model", name, known: library.names, kind: .config)
            }
            for accelerator in platform.accelerators where !model.supports(accelerator.kind) {
                throw InputError(.config, field: "model \(name)",
                                 "has no costs for accelerator kind \(accelerator.kind.key) (\(accelerator.name) of platform \(platform.name))",
                                 hint: "costed kinds: \(model.kinds.map(\.key).joined(separator: ", "))")
            }
            let full = platform.accelerators.map { model.costs[$0.kind]! }
            let nominal = tables.count
            tables.append(costTable(full))
            var variantTables: [Int] = []
            var accuracies = [1.0]
            if options.variants {
                for variant in model.variants {
                    variantTables.append(tables.count)
                    tables.append(costTable(platform.accelerators.map { variant.costs[$0.kind]! }))
                    accuracies.append(variant.relativeAccuracy)
                }
            }
            var inputTables: [Int] = []
            var inputRatios: [Int] = []
            if let variation = options.costVariation, variation.sigma > 0 {
                for input in 0..<variation.inputs {
                    let factors = inputFactors(model: name, input: input, layers: full[0].layerCount,
                                               variation: variation, seed: seed)
                    inputTables.append(tables.count)
                    tables.append(costTable(full.map { $0.scaled(by: factors) }))
                    inputRatios.append(ratios.count)
                    ratios.append(factors)
                }
            }
            let table = tables[nominal]
            let minimumEnergy = (0..<platform.count).map { table.totalEnergy(accelerator: $0) }.min() ?? 0
            built.append(BuiltModel(name: name, nominalTable: nominal, variantTables: variantTables, accuracies: accuracies,
                                    inputTables: inputTables, inputRatios: inputRatios,
                                    minimumEnergyMillijoules: minimumEnergy,
                                    fastestLatencySeconds: table.remainingFastestSeconds[0]))
        }
        let catalog = WorkloadCatalog(modelNames: names, costTables: tables, ratioTables: ratios)
        let source = try FrameSource(timeline: timeline, modelNames: names, models: built,
                                     durationSeconds: durationSeconds, seed: seed, options: options)
        return BuiltWorkload(catalog: catalog, models: built, source: source, durationSeconds: durationSeconds)
    }

    /// A catalog table from per-accelerator layer costs (one entry per accelerator, in platform order).
    static func costTable(_ perAccelerator: [LayerCosts]) -> CostTable {
        let layers = perAccelerator[0].layerCount
        let count = perAccelerator.count
        var latency = [Double](repeating: 0, count: layers * count)
        var energy = [Double](repeating: 0, count: layers * count)
        for (a, costs) in perAccelerator.enumerated() {
            precondition(costs.layerCount == layers, "every accelerator kind has the same layers")
            for k in 0..<layers {
                latency[k * count + a] = costs.latencySeconds(k)
                energy[k * count + a] = costs.energyMillijoules[k]
            }
        }
        return CostTable(layerCount: layers, acceleratorCount: count, latencySeconds: latency, energyMillijoules: energy)
    }

    /// Per-layer cost factors of one input (see `CostVariation`).
    static func inputFactors(model: String, input: Int, layers: Int, variation: CostVariation, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed, stream: "cost-variation/" + model, coordinates: [UInt64(input)])
        let shared = random.nextStandardNormal()
        let rho = variation.inputShare
        let own = (1 - rho * rho).squareRoot()
        let sigma = variation.sigma
        return (0..<layers).map { _ in
            exponential(sigma * (rho * shared + own * random.nextStandardNormal()) - sigma * sigma / 2)
        }
    }
}
