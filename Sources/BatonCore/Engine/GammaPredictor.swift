/// How the run-time sparsity monitor turns the sparsity measured so far into gamma, the
/// predicted ratio of true to average cost for the rest of a job (Dysta, MICRO 2023, section on
/// the dynamic level). Each observed ratio is `(1 - s_measured) / (1 - s_average)` for one layer.
public enum GammaPredictor: Sendable, Equatable {
    /// No monitor: gamma stays 1.
    case none
    /// Mean of the ratios of all executed layers (Dysta's default).
    case average
    /// The ratio of the last executed layer (what Dysta's hardware design uses).
    case lastOne
    /// Mean of the ratios of the last `window` executed layers. With `artifactDivisor`, the sum
    /// is divided by `window` even when fewer layers have run (the artifact's behaviour).
    case lastN(window: Int, artifactDivisor: Bool)
    /// Per layer position k: gamma = intercept[k] + slope[k] * ratio[k], fitted offline per
    /// (model, pattern); the key is the job's pattern-aware estimate table.
    case regression([Int: RegressionCoefficients])

    /// Name used on the command line and in results.
    public var name: String {
        switch self {
        case .none: "none"
        case .average: "average"
        case .lastOne: "last-one"
        case .lastN(let window, _): window == 3 ? "last-n" : "last-\(window)"
        case .regression: "regression"
        }
    }

    /// Gamma after layer `finishedLayer` ran, given that input's observed ratios.
    @inline(__always)
    func update(job: inout JobState, finishedLayer k: Int, catalog: WorkloadCatalog) -> Double {
        let table = job.spec.observedRatios
        let ratio = catalog.ratio(table: table, layer: k)
        job.ratioSum += ratio
        switch self {
        case .none:
            return 1
        case .average:
            return job.ratioSum / Double(k + 1)
        case .lastOne:
            return ratio
        case .lastN(let window, let artifactDivisor):
            let first = max(0, k + 1 - window)
            var sum = 0.0
            for i in first...k { sum += catalog.ratio(table: table, layer: i) }
            return sum / Double(artifactDivisor ? window : (k + 1 - first))
        case .regression(let models):
            return models[job.spec.patternEstimate]?.predict(layer: k, ratio: ratio) ?? job.ratioSum / Double(k + 1)
        }
    }

    /// Gamma after the first `executed` layers of an input with these ratios (for offline
    /// analysis); `model` is the pattern-aware estimate table (used by `regression`).
    public func gamma(afterLayers executed: Int, ratios: [Double], model: Int = -1) -> Double {
        guard executed > 0 else { return 1 }
        let k = executed - 1
        switch self {
        case .none: return 1
        case .average:
            var sum = 0.0
            for i in 0...k { sum += ratios[i] }
            return sum / Double(executed)
        case .lastOne: return ratios[k]
        case .lastN(let window, let artifactDivisor):
            let first = max(0, executed - window)
            var sum = 0.0
            for i in first...k { sum += ratios[i] }
            return sum / Double(artifactDivisor ? window : (executed - first))
        case .regression(let models):
            guard let fitted = models[model] else { return GammaPredictor.average.gamma(afterLayers: executed, ratios: ratios) }
            return fitted.predict(layer: k, ratio: ratios[k])
        }
    }
}

/// Per-layer-position linear models `gamma = intercept + slope * ratio`, one per estimate table.
public struct RegressionCoefficients: Sendable, Equatable {
    /// Intercept per layer position (after that layer has run).
    public var intercepts: [Double]
    /// Slope per layer position.
    public var slopes: [Double]

    public init(intercepts: [Double], slopes: [Double]) {
        precondition(intercepts.count == slopes.count, "one intercept per slope")
        self.intercepts = intercepts
        self.slopes = slopes
    }

    /// The prediction after layer `layer` with observed ratio `ratio` (1 past the fitted layers).
    @inlinable public func predict(layer: Int, ratio: Double) -> Double {
        guard layer < slopes.count else { return 1 }
        return intercepts[layer] + slopes[layer] * ratio
    }
}

extension GammaPredictor {
    /// Names of the predictors a policy's `predictor` parameter takes.
    public static let names = ["average", "last-one", "last-n", "regression"]

    /// The predictor called `name` (`last-n`: a window of 3 layers, divided by 3 in the Dysta
    /// artifact's mode). `regression` must be fitted on a workload: the study that owns the
    /// workload resolves it (`GammaRegression.fit` in the sparse study).
    /// - Throws: `InputError` (.flag, field `predictor`) for an unknown name or `regression`.
    public static func named(_ name: String, compatibility: SimulationSettings.Compatibility = .none) throws -> GammaPredictor {
        switch name {
        case "average": return .average
        case "last-one": return .lastOne
        case "last-n": return .lastN(window: 3, artifactDivisor: compatibility == .dystaArtifact)
        case "regression":
            throw InputError(.flag, field: "predictor", "the regression predictor must be fitted on a workload with observed sparsity",
                             hint: "use it with the sparse study (baton run), or choose average, last-one or last-n")
        default:
            throw unknownNameError("predictor", name, known: names, field: "predictor")
        }
    }
}
