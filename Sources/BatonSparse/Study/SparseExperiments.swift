import BatonCore
import BatonExperiments

/// The experiments of the sparse multi-DNN study (Dysta, MICRO 2023, section 6 of our spec), each
/// at the study's settings and, because Baton's benchmark has a different capacity than the study's
/// traces, also at the utilisations that give the same contention.
public enum SparseExperimentName: String, Sendable, CaseIterable {
    /// Violation rate vs ANTT for FCFS, SJF, PREMA, Planaria, SDRM3 and Dysta.
    case tradeoff = "dysta-tradeoff"
    /// Metrics against the SLO multiplier (10...150), with Dysta-oracle.
    case sloSweep = "dysta-slo-sweep"
    /// Metrics against the arrival rate, with Dysta-oracle.
    case rateSweep = "dysta-rate-sweep"
    /// What the static (pattern-aware) and dynamic (monitor) levels contribute.
    case breakdown = "dysta-breakdown"
    /// Accuracy of the monitor's predictors by layer position (BERT, GPT-2).
    case predictor = "dysta-predictor"

    /// One-line description for help and reports.
    public var title: String {
        switch self {
        case .tradeoff: "SLO violation rate vs ANTT trade-off"
        case .sloSweep: "Violation rate and ANTT against the SLO multiplier"
        case .rateSweep: "Violation rate and ANTT against the arrival rate"
        case .breakdown: "Contribution of the static and dynamic levels"
        case .predictor: "Run-time sparsity predictor accuracy by layer position"
        }
    }
}

/// The grid of one simulation experiment: what varies, at the study's rates.
public struct SparseExperimentGrid: Sendable, Equatable {
    public var schedulers: [String]
    /// The study's arrival rates (requests/s).
    public var rates: [Double]
    public var sloMultipliers: [Double]
    public var requests: Int
    public var seeds: [Int]

    /// The grid of `experiment` for `pool` (`quick`: fewer requests and seeds, for CI).
    public static func of(_ experiment: SparseExperimentName, pool: SparsePool, quick: Bool) -> SparseExperimentGrid {
        let attention = pool == .attention
        let base = SparseRunPlan.studySchedulers
        var grid: SparseExperimentGrid
        switch experiment {
        case .tradeoff:
            grid = SparseExperimentGrid(schedulers: base, rates: attention ? [30, 40] : [3, 4],
                                        sloMultipliers: [10], requests: 1000, seeds: Array(1...5))
        case .sloSweep:
            grid = SparseExperimentGrid(schedulers: base + ["dysta-oracle"], rates: attention ? [30, 40] : [3, 4],
                                        sloMultipliers: [10, 25, 50, 75, 100, 150], requests: 1000, seeds: Array(1...5))
        case .rateSweep:
            grid = SparseExperimentGrid(schedulers: base + ["dysta-oracle"],
                                        rates: attention ? [10, 15, 20, 25, 30, 35, 40] : [2, 3, 4, 5, 6],
                                        sloMultipliers: [10], requests: 1000, seeds: Array(1...5))
        case .breakdown:
            grid = SparseExperimentGrid(schedulers: ["prema", "dysta-naive", "dysta"], rates: attention ? [30] : [3],
                                        sloMultipliers: [10], requests: 1000, seeds: Array(1...5))
        case .predictor:
            grid = SparseExperimentGrid(schedulers: [], rates: [], sloMultipliers: [], requests: 0, seeds: [])
        }
        if quick {
            grid.requests = min(grid.requests, 200)
            grid.seeds = Array(grid.seeds.prefix(2))
        }
        return grid
    }
}
