import BatonCore
import Foundation

extension SparseBenchmark {
    /// Default number of inputs per generated trace file.
    public static let defaultInputsPerFile = 200

    /// Generates Baton's synthetic benchmark for `pool` from `options.profile` and `seed`.
    ///
    /// Each trace file draws from its own generator (`SeededRandom(seed:, stream: "baton-sparse-trace/<stem>")`),
    /// so files do not depend on each other or on the order they are made in. The same profile,
    /// options and seed give byte-identical trace files.
    /// - Throws: `InputError` for a non-positive or too large `inputsPerFile` (also when the pool's
    ///   rows, inputs x layers over its files, would exceed `SimulationLimits.maxTraceRows`), a
    ///   low-light share outside [0, 1], or an empty weight-set list.
    public static func generate(pool: SparsePool, inputsPerFile: Int = defaultInputsPerFile, seed: UInt64,
                                options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseBenchmark {
        guard inputsPerFile >= 1 else {
            throw InputError(.flag, field: "inputs-per-file", "must be at least 1 (got \(inputsPerFile))")
        }
        guard inputsPerFile <= maxInputsPerFile else {
            throw InputError(.limit, field: "inputs-per-file", "\(inputsPerFile) exceeds the limit of \(maxInputsPerFile)")
        }
        guard options.lowLightShare >= 0, options.lowLightShare <= 1 else {
            throw InputError(.flag, field: "low-light-share", "must be in [0, 1] (got \(options.lowLightShare))")
        }
        let rows = try traceRows(pool: pool, inputsPerFile: inputsPerFile, options: options)
        guard rows <= SimulationLimits.maxTraceRows else {
            throw InputError(.limit, field: "inputs-per-file",
                             "\(inputsPerFile) inputs per file make \(rows) trace rows (inputs x layers), over the limit of \(SimulationLimits.maxTraceRows)",
                             hint: "at most \(SimulationLimits.maxTraceRows / max(1, rows / inputsPerFile)) inputs per file for this pool (see docs/limits.md)")
        }
        let profile = options.profile
        var models: [SparseModel] = []
        switch pool {
        case .attention:
            for attention in profile.attention {
                models.append(try generateAttention(attention, profile: profile, inputs: inputsPerFile,
                                                    seed: seed, options: options))
            }
        case .cnn:
            guard !options.weightSets.isEmpty else {
                throw InputError(.flag, field: "weight-sets", "at least one weight-sparsity set is needed")
            }
            for cnn in profile.cnn {
                let layers = try LayerTables.load(cnn.layerTable)
                for set in options.weightSets {
                    for pattern in profile.patterns {
                        models.append(generateCNN(cnn, layers: layers, pattern: pattern, set: set, profile: profile,
                                                  inputs: inputsPerFile, seed: seed, lowLightShare: options.lowLightShare,
                                                  costModel: options.cnnCostModel))
                    }
                }
            }
        }
        return try SparseBenchmark(models: models, options: options)
    }

    /// Rows (inputs x layers, over every file) the generator would make for `pool`, computed from
    /// the profile's layer tables without generating anything.
    public static func traceRows(pool: SparsePool, inputsPerFile: Int,
                                 options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> Int {
        var layersPerInput = 0
        switch pool {
        case .attention:
            for attention in options.profile.attention {
                layersPerInput += try LayerTables.load(attention.layerTable).filter(\.isAttentionScore).count
            }
        case .cnn:
            let files = options.weightSets.count * options.profile.patterns.count
            for cnn in options.profile.cnn { layersPerInput += try LayerTables.load(cnn.layerTable).count * files }
        }
        let (rows, overflow) = layersPerInput.multipliedReportingOverflow(by: inputsPerFile)
        return overflow ? Int.max : rows
    }

    /// A mean-1 log-normal factor from a standard normal draw.
    static func logNormalFactor(_ z: Double, spread: Double) -> Double {
        exp(spread * z - spread * spread / 2)
    }

    static func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double { min(high, max(low, x)) }

    static func generateAttention(_ attention: AttentionProfile, profile: SparsityProfile, inputs count: Int,
                                  seed: UInt64, options: SparseBenchmarkOptions) throws -> SparseModel {
        let layerCount = try LayerTables.load(attention.layerTable).filter(\.isAttentionScore).count
        let stem = attention.fileStem
        let costedLength = options.costedSequenceLength(native: attention.sequenceLength) ?? attention.sequenceLength
        var random = SeededRandom(seed: seed, stream: "baton-sparse-trace/" + stem)
        var inputs: [SparseInput] = []
        inputs.reserveCapacity(count)
        for i in 0..<count {
            let inputFactor = logNormalFactor(random.nextStandardNormal(), spread: attention.inputSpread)
            var density = [Double](repeating: 0, count: layerCount)
            var balance = [Double](repeating: 0, count: layerCount)
            var latency = [Double](repeating: 0, count: layerCount)
            for k in 0..<layerCount {
                let mean = attention.meanDensity(layer: k, of: layerCount)
                let noise = logNormalFactor(random.nextStandardNormal(), spread: attention.layerSpread)
                let d = clamp(mean * inputFactor * noise, profile.minimumDensity, 1)
                let balanceNoise = logNormalFactor(random.nextStandardNormal(), spread: attention.loadBalanceSpread)
                let b = clamp(attention.loadBalanceMean * pow(d / mean, attention.loadBalanceElasticity) * balanceNoise,
                              profile.minimumLoadBalance, 1)
                density[k] = d
                balance[k] = b
                latency[k] = SangerCostModel.layerLatencySeconds(density: d, loadBalance: b, sequenceLength: costedLength)
            }
            inputs.append(SparseInput(batchIndex: i, latencySeconds: latency, overallSparsity: density, loadBalance: balance))
        }
        return SparseModel(name: stem, architecture: stem, pattern: TraceNaming.sangerPattern, format: .sanger,
                           sequenceLength: attention.sequenceLength, costedSequenceLength: costedLength,
                           layerCount: layerCount, inputs: inputs)
    }

    /// Weight density per layer: the first layer and depthwise layers are not pruned; the other
    /// layers take the set's low / mid / high target by thirds of their depth order.
    static func weightDensities(_ layers: [LayerShape], set: WeightSparsitySet) -> [Double] {
        let prunable = layers.indices.filter { $0 > 0 && layers[$0].kind != .dwconv }
        var density = [Double](repeating: 1, count: layers.count)
        for (position, k) in prunable.enumerated() {
            let tier = min(2, position * 3 / max(1, prunable.count))
            density[k] = 1 - set.targets[tier]
        }
        return density
    }

    static func generateCNN(_ cnn: CNNProfile, layers: [LayerShape], pattern: WeightPattern, set: WeightSparsitySet,
                            profile: SparsityProfile, inputs count: Int, seed: UInt64, lowLightShare: Double,
                            costModel: CNNCostModel = .eyerissV2) -> SparseModel {
        let stem = cnn.fileStem(pattern: pattern, set: set)
        let n = layers.count
        let weights = weightDensities(layers, set: set)
        let layerLatency = costModel.prepare(layers)
        // Mean density per layer including the filter pattern's zeroed channels.
        var means = [Double](repeating: 1, count: n)
        for k in 1..<max(1, n) {
            var mean = cnn.meanDensity(layer: k, of: n)
            if pattern == .filter { mean *= 1 - profile.filterChannelZeroing * (1 - weights[k - 1]) }
            means[k] = mean
        }
        let lowLight = Int((Double(count) * lowLightShare).rounded())
        var random = SeededRandom(seed: seed, stream: "baton-sparse-trace/" + stem)
        var inputs: [SparseInput] = []
        inputs.reserveCapacity(count)
        for i in 0..<count {
            let dark = i >= count - lowLight
            let spreadScale = dark ? profile.lowLightSpreadFactor : 1
            let shift = dark ? profile.lowLightDensityShift : 1
            let inputFactor = logNormalFactor(random.nextStandardNormal(), spread: profile.cnnInputSpread * spreadScale)
            var sparsity = [Double](repeating: 0, count: n)
            var latency = [Double](repeating: 0, count: n)
            for k in 0..<n {
                var d = 1.0
                if k > 0 {
                    let noise = logNormalFactor(random.nextStandardNormal(), spread: profile.cnnLayerSpread * spreadScale)
                    d = clamp(means[k] * inputFactor * noise * shift, profile.minimumDensity, 1)
                }
                sparsity[k] = 1 - d
                latency[k] = layerLatency(k, weights[k], d)
            }
            inputs.append(SparseInput(batchIndex: i, latencySeconds: latency, overallSparsity: sparsity))
        }
        let (architecture, patternName) = TraceNaming.eyerissArchitecture(stem: stem)
        return SparseModel(name: stem, architecture: architecture, pattern: patternName, format: .eyerissV2,
                           layerCount: n, inputs: inputs)
    }
}
