import BatonCore

/// What the simulator and the schedulers know about one model (trace file) of a sparse workload:
/// indices into the workload's `WorkloadCatalog` and the model's averages.
public struct SparseWorkloadModel: Sendable, Equatable {
    /// File stem (the name in requests and results).
    public let name: String
    /// Architecture (the SLO base and the pattern-unaware estimate average over it).
    public let architecture: String
    /// Sparsity pattern.
    public let pattern: String
    /// Trace format.
    public let format: TraceFormat
    /// Layers per input.
    public let layerCount: Int
    /// Cost table holding each input's true per-layer latencies (in file order).
    public let inputTables: [Int]
    /// Ratio table (`(1 - s) / (1 - s_avg)` per layer) of each input, for the run-time monitor.
    public let ratioTables: [Int]
    /// Cost table of the pattern-aware estimate: per-layer mean latency over this file's inputs.
    public let patternEstimate: Int
    /// Cost table of the pattern-unaware estimate: per-layer mean over every input of every file
    /// of the architecture (the pattern-aware table itself for Sanger files).
    public let architectureEstimate: Int
    /// Per-layer mean monitor sparsity over this file's inputs (`s_average`).
    public let averageSparsity: [Double]
    /// Mean isolated latency of this file's inputs (the artifact's `target_lat_per_pattern`).
    public let patternMeanIsolatedSeconds: Double
    /// The SLO base: mean isolated latency over all inputs and patterns of the architecture (the
    /// artifact's `target_lat_per_model`); deadline = arrival + multiplier x this.
    public let sloBaseSeconds: Double
    /// Inputs requests may draw (all, or the first 7 in compatibility mode).
    public let drawableInputs: Int
    /// Mean isolated latency over the drawable inputs (what a request of this model costs on average).
    public let drawnMeanIsolatedSeconds: Double

    /// Number of inputs in the trace.
    public var inputCount: Int { inputTables.count }
}

/// A sparse benchmark turned into what the simulator needs: the catalog of cost and ratio tables,
/// and per model the table indices, averages and SLO base.
public struct SparseWorkload: Sendable {
    /// Model names, cost tables (inputs, pattern and architecture estimates) and ratio tables.
    public let catalog: WorkloadCatalog
    /// Per model, in the benchmark's (name) order; `JobSpec.model` indexes this.
    public let models: [SparseWorkloadModel]
    /// The compatibility mode the tables were built for.
    public let compatibility: SimulationSettings.Compatibility

    /// Model names in order.
    public var modelNames: [String] { catalog.modelNames }

    /// The index of the model named `name`, if any.
    public func modelIndex(named name: String) -> Int? { models.firstIndex { $0.name == name } }

    /// Request `requestID` as a job: input `input` of model `model` (its true costs and observed
    /// ratios) with the model's estimates. The one place a sparse-study request becomes a job
    /// (generated, replayed streamed or read whole). The model's fields are read in place: a copy
    /// of the model would retain and release each of its arrays per request.
    @inlinable
    public func job(requestID: Int, model m: Int, input: Int, arrivalSeconds: Double, deadlineSeconds: Double,
                    priority: Double) -> JobSpec {
        JobSpec(requestID: requestID, model: m, arrivalSeconds: arrivalSeconds, deadlineSeconds: deadlineSeconds,
                priority: priority, trueCosts: models[m].inputTables[input], patternEstimate: models[m].patternEstimate,
                architectureEstimate: models[m].architectureEstimate, observedRatios: models[m].ratioTables[input])
    }
}

extension SparseBenchmark {
    /// Builds the catalog for the simulator.
    ///
    /// Means are computed in the artifact's order of additions: per-layer means sum the inputs in
    /// file order then divide; an input's isolated latency is its layers summed left to right; a
    /// file's mean isolated latency is NumPy's pairwise mean; an Eyeriss-V2 architecture's
    /// estimate and SLO base are `sum over its files (in name order) of count x mean`, divided by
    /// the total count. In `.dystaArtifact` mode attention models are costed at L = 512, requests
    /// may draw only the first 7 inputs of each file (the averages still use every input, as in
    /// the artifact), and remaining sums are added left to right (`sum(list[k:])`).
    public func makeCatalog(compatibility: SimulationSettings.Compatibility) -> SparseWorkload {
        let compat = compatibility == .dystaArtifact
        let summation: CostTable.Summation = compat ? .leftToRight : .rightToLeft
        var tables: [CostTable] = []
        var ratios: [[Double]] = []

        struct PerFile {
            var inputTables: [Int], ratioTables: [Int], patternEstimate: Int
            var averageLatency: [Double], averageSparsity: [Double]
            var meanIsolated: Double, drawable: Int, drawnMean: Double
        }
        var files: [PerFile] = []
        for model in models {
            let length = compat ? SparseBenchmark.artifactSequenceLength : (model.sequenceLength ?? model.costedSequenceLength)
            let latencies = model.latencies(sequenceLength: length)
            let sparsities = model.inputs.map { input in
                input.overallSparsity.map { model.format.monitorSparsity(overallSparsity: $0) }
            }
            let averageLatency = ArtifactArithmetic.perLayerMean(latencies, layers: model.layerCount)
            let averageSparsity = ArtifactArithmetic.perLayerMean(sparsities, layers: model.layerCount)
            var inputTables: [Int] = []
            var ratioTables: [Int] = []
            var isolated: [Double] = []
            for (i, latency) in latencies.enumerated() {
                inputTables.append(tables.count)
                tables.append(CostTable(latencySeconds: latency, summation: summation))
                ratioTables.append(ratios.count)
                ratios.append((0..<model.layerCount).map { (1 - sparsities[i][$0]) / (1 - averageSparsity[$0]) })
                isolated.append(ArtifactArithmetic.pythonSum(latency))
            }
            let patternEstimate = tables.count
            tables.append(CostTable(latencySeconds: averageLatency, summation: summation))
            let drawable = compat ? min(SparseBenchmark.artifactDrawableInputs, isolated.count) : isolated.count
            files.append(PerFile(inputTables: inputTables, ratioTables: ratioTables, patternEstimate: patternEstimate,
                                 averageLatency: averageLatency, averageSparsity: averageSparsity,
                                 meanIsolated: ArtifactArithmetic.numpyMean(isolated), drawable: drawable,
                                 drawnMean: ArtifactArithmetic.numpyMean(Array(isolated.prefix(drawable)))))
        }

        // Per architecture (Eyeriss-V2): input-count-weighted means over its files, in name order.
        var architectureEstimate = [Int](repeating: -1, count: models.count)
        var sloBase = [Double](repeating: 0, count: models.count)
        var done = Set<String>()
        for (m, model) in models.enumerated() {
            if model.format == .sanger {
                architectureEstimate[m] = files[m].patternEstimate
                sloBase[m] = files[m].meanIsolated
                continue
            }
            guard !done.contains(model.architecture) else { continue }
            done.insert(model.architecture)
            let members = models.indices.filter { models[$0].architecture == model.architecture }
            var total = 0
            var weightedIsolated = 0.0
            var weightedLatency = [Double](repeating: 0, count: model.layerCount)
            for f in members {
                let count = models[f].inputs.count
                total += count
                weightedIsolated += Double(count) * files[f].meanIsolated
                for k in 0..<model.layerCount { weightedLatency[k] += Double(count) * files[f].averageLatency[k] }
            }
            let table = tables.count
            tables.append(CostTable(latencySeconds: weightedLatency.map { $0 / Double(total) }, summation: summation))
            let base = weightedIsolated / Double(total)
            for f in members {
                architectureEstimate[f] = table
                sloBase[f] = base
            }
        }

        var workloadModels: [SparseWorkloadModel] = []
        for (m, model) in models.enumerated() {
            let file = files[m]
            workloadModels.append(SparseWorkloadModel(
                name: model.name, architecture: model.architecture, pattern: model.pattern, format: model.format,
                layerCount: model.layerCount, inputTables: file.inputTables, ratioTables: file.ratioTables,
                patternEstimate: file.patternEstimate, architectureEstimate: architectureEstimate[m],
                averageSparsity: file.averageSparsity, patternMeanIsolatedSeconds: file.meanIsolated,
                sloBaseSeconds: sloBase[m], drawableInputs: file.drawable, drawnMeanIsolatedSeconds: file.drawnMean))
        }
        let catalog = WorkloadCatalog(modelNames: models.map(\.name), costTables: tables, ratioTables: ratios)
        return SparseWorkload(catalog: catalog, models: workloadModels, compatibility: compatibility)
    }
}
