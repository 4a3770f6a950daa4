import BatonCore

/// A deterministic split of each trace file's inputs into a training and a held-out part: input
/// `i` (file order) is held out when `i % heldOutEvery == heldOutEvery - 1` (every 5th by default,
/// i.e. 80% training), so both parts cover the normal-light and the low-light inputs.
public struct RegressionSplit: Sendable, Equatable {
    /// Every this many inputs, one is held out (at least 2).
    public var heldOutEvery: Int

    public init(heldOutEvery: Int = 5) throws {
        guard heldOutEvery >= 2 else {
            throw InputError(.flag, field: "held-out-every", "must be at least 2 (got \(heldOutEvery))")
        }
        self.heldOutEvery = heldOutEvery
    }

    /// Every 5th input held out.
    public static let standard = RegressionSplit(uncheckedEvery: 5)
    private init(uncheckedEvery: Int) { heldOutEvery = uncheckedEvery }

    /// Whether input `input` is held out (used for evaluation, not for fitting).
    public func isHeldOut(_ input: Int) -> Bool { input % heldOutEvery == heldOutEvery - 1 }
}

/// Offline fitting of the linear-regression gamma predictor (spec section 5): per (model, pattern)
/// and per layer position k, a least-squares line with intercept on the training inputs,
/// `x = observed ratio of layer k`, `y = true latency of layers k+1... / average latency of layers k+1...`.
/// After the last layer nothing remains, so positions 0..<layers-1 are fitted.
public enum GammaRegression {
    /// Closed-form least squares `y = intercept + slope * x`. With no points the line is `y = 1`;
    /// with one point, or when every x is equal, the slope is 0 and the intercept is the mean of y.
    public static func fitLine(x: [Double], y: [Double]) -> (intercept: Double, slope: Double) {
        precondition(x.count == y.count, "one y per x")
        guard !x.isEmpty else { return (1, 0) }
        let n = Double(x.count)
        var sumX = 0.0, sumY = 0.0
        for i in x.indices { sumX += x[i]; sumY += y[i] }
        let meanX = sumX / n, meanY = sumY / n
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX
            sxx += dx * dx
            sxy += dx * (y[i] - meanY)
        }
        guard sxx > 0 else { return (meanY, 0) }
        let slope = sxy / sxx
        return (meanY - slope * meanX, slope)
    }

    /// Coefficients for one model of the workload, fitted on its training inputs.
    public static func fit(model: SparseWorkloadModel, catalog: WorkloadCatalog,
                           split: RegressionSplit = .standard) -> RegressionCoefficients {
        let estimate = catalog.costTables[model.patternEstimate]
        let training = (0..<model.inputCount).filter { !split.isHeldOut($0) }
        var intercepts: [Double] = []
        var slopes: [Double] = []
        for k in 0..<max(0, model.layerCount - 1) {
            let averageRemaining = estimate.remainingFastestSeconds[k + 1]
            var xs: [Double] = []
            var ys: [Double] = []
            for i in training {
                xs.append(catalog.ratioTables[model.ratioTables[i]][k])
                ys.append(catalog.costTables[model.inputTables[i]].remainingFastestSeconds[k + 1] / averageRemaining)
            }
            let line = fitLine(x: xs, y: ys)
            intercepts.append(line.intercept)
            slopes.append(line.slope)
        }
        return RegressionCoefficients(intercepts: intercepts, slopes: slopes)
    }

    /// The regression predictor for `models` (all models if nil), keyed by each model's
    /// pattern-aware estimate table, as `GammaPredictor.regression` expects.
    /// - Throws: `InputError` for an unknown model name.
    public static func fit(workload: SparseWorkload, split: RegressionSplit = .standard,
                           models names: [String]? = nil) throws -> GammaPredictor {
        var fitted: [Int: RegressionCoefficients] = [:]
        for m in try PredictorAccuracy.modelIndices(names, in: workload) {
            let model = workload.models[m]
            fitted[model.patternEstimate] = fit(model: model, catalog: workload.catalog, split: split)
        }
        return .regression(fitted)
    }
}
