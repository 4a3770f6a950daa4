import BatonCore

/// How well gamma predictors foresee the rest of a job (spec section 5): after each layer
/// position, `gamma x average remaining latency` (pattern-aware estimate) against the true
/// remaining latency of the input, over the held-out inputs of the split.
public enum PredictorAccuracy {
    /// Columns of the result table. `layers_run` is the number of layers executed when gamma is
    /// taken (1...layers-1), or "all" on a model's summary row over every position.
    public static let columns = ["model", "predictor", "layers_run", "samples", "mean_signed_error_s",
                                 "mean_relative_error", "mse_s2", "rmse_s"]

    /// The study's four predictors: average, last-one, last-N (N = 3; the artifact divides by N
    /// even before N layers have run, which is kept in compatibility mode) and the regression
    /// fitted on the training split.
    public static func standardPredictors(workload: SparseWorkload, split: RegressionSplit = .standard,
                                          models: [String]? = nil) throws -> [GammaPredictor] {
        [.average, .lastOne, .lastN(window: 3, artifactDivisor: workload.compatibility == .dystaArtifact),
         try GammaRegression.fit(workload: workload, split: split, models: models)]
    }

    /// Indices of the named models (all if nil), in workload order.
    static func modelIndices(_ names: [String]?, in workload: SparseWorkload) throws -> [Int] {
        guard let names else { return Array(workload.models.indices) }
        return try names.map { name in
            guard let m = workload.modelIndex(named: name) else {
                throw unknownNameError("model", name, known: workload.modelNames, kind: .flag)
            }
            return m
        }
    }

    /// Evaluates `predictors` (the standard four if nil) on the held-out inputs of `models` (all
    /// if nil): per model, predictor and position, the mean signed error `est - true` (seconds),
    /// the mean relative error `|est - true| / true`, the MSE (s^2) and RMSE (s); with
    /// `includeSummary`, one more row per model and predictor over all positions.
    /// - Throws: `InputError` for an unknown model, or a model with no held-out input.
    public static func evaluate(workload: SparseWorkload, models names: [String]? = nil,
                                predictors: [GammaPredictor]? = nil, split: RegressionSplit = .standard,
                                includeSummary: Bool = true) throws -> ResultTable {
        let indices = try modelIndices(names, in: workload)
        let predictors = try predictors ?? standardPredictors(workload: workload, split: split, models: names)
        var table = ResultTable(columns: columns)
        let catalog = workload.catalog
        for m in indices {
            let model = workload.models[m]
            let heldOut = (0..<model.inputCount).filter(split.isHeldOut)
            guard !heldOut.isEmpty else {
                throw InputError(.flag, field: "held-out-every",
                                 "model '\(model.name)' has \(model.inputCount) inputs, too few to hold out every \(split.heldOutEvery)th")
            }
            let estimate = catalog.costTables[model.patternEstimate]
            for predictor in predictors {
                var total = Accumulator()
                for executed in 1..<max(1, model.layerCount) {
                    var position = Accumulator()
                    let averageRemaining = estimate.remainingFastestSeconds[executed]
                    for i in heldOut {
                        let ratios = catalog.ratioTables[model.ratioTables[i]]
                        let gamma = predictor.gamma(afterLayers: executed, ratios: ratios, model: model.patternEstimate)
                        let truth = catalog.costTables[model.inputTables[i]].remainingFastestSeconds[executed]
                        position.add(estimate: gamma * averageRemaining, truth: truth)
                    }
                    total.merge(position)
                    table.append(row: position.row(model: model.name, predictor: predictor.name, position: .int(executed)))
                }
                if includeSummary, total.count > 0 {
                    table.append(row: total.row(model: model.name, predictor: predictor.name, position: .text("all")))
                }
            }
        }
        return table
    }

    /// Running sums of the errors of one group of predictions.
    struct Accumulator {
        var count = 0
        var signed = 0.0
        var relative = 0.0
        var squared = 0.0

        mutating func add(estimate: Double, truth: Double) {
            let error = estimate - truth
            count += 1
            signed += error
            relative += abs(error) / truth
            squared += error * error
        }

        mutating func merge(_ other: Accumulator) {
            count += other.count
            signed += other.signed
            relative += other.relative
            squared += other.squared
        }

        func row(model: String, predictor: String, position: ResultValue) -> [ResultValue] {
            let n = Double(count)
            let mse = squared / n
            return [.text(model), .text(predictor), position, .int(count), .double(signed / n),
                    .double(relative / n), .double(mse), .double(mse.squareRoot())]
        }
    }
}
