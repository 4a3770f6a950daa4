import BatonCore

/// How the 95% interval of a mean over seeds is formed (`--interval`).
public enum IntervalMethod: Sendable, Equatable {
    /// Student's t over the per-seed values (`ConfidenceInterval`): mean +- t(0.975, n-1) s / sqrt(n).
    case studentT
    /// Percentile bootstrap of the mean: `resamples` resamples of the n values drawn with
    /// replacement by a `SeededRandom` from `seed`; the interval is the 2.5th and 97.5th
    /// percentiles of the resampled means (nearest rank). Deterministic for a given seed.
    case bootstrap(resamples: Int, seed: UInt64)

    /// The names `--interval` accepts.
    public static let names = ["t", "bootstrap"]
    /// Resamples of `--interval bootstrap`.
    public static let defaultResamples = 2000

    /// `t` (also `student-t`) or `bootstrap` (2000 resamples, seed 1).
    /// - Throws: `InputError` (.flag) naming `field` for another name.
    public init(parsing name: String, field: String = "--interval") throws {
        switch name.lowercased() {
        case "t", "student-t", "student": self = .studentT
        case "bootstrap": self = .bootstrap(resamples: Self.defaultResamples, seed: 1)
        default: throw unknownNameError("interval method", name, known: Self.names, kind: .flag, field: field)
        }
    }

    /// The short name (`t` or `bootstrap`).
    public var name: String {
        switch self {
        case .studentT: "t"
        case .bootstrap: "bootstrap"
        }
    }
}

/// A metric's values over seeds reduced to mean, standard deviation and 95% interval: the four
/// numbers every mean-over-seeds table, plot and report shows.
///
/// Column naming (one rule, docs/output-formats.md): a metric `m` gives `m` (the mean, keeping the
/// metric's own name so that every table, plot and experiment reads it unchanged), `m_sd`,
/// `m_ci_low` and `m_ci_high`; the table's `seeds` column counts the seeds.
public struct SeedStatistics: Sendable, Equatable {
    /// Finite values used.
    public let n: Int
    /// Mean (NaN without values).
    public let mean: Double
    /// Sample standard deviation, divisor n - 1 (NaN for fewer than two values).
    public let standardDeviation: Double
    /// Ends of the 95% interval (NaN for fewer than two values).
    public let low: Double
    public let high: Double

    /// Statistics of the finite values among `values` (non-finite ones mean "no value").
    public init(_ values: [Double], method: IntervalMethod = .studentT) {
        let finite = values.filter(\.isFinite)
        let t = ConfidenceInterval(finite)
        n = t.n
        mean = t.mean
        standardDeviation = t.standardDeviation
        switch method {
        case .studentT:
            low = t.lower
            high = t.upper
        case .bootstrap(let resamples, let seed):
            (low, high) = finite.count >= 2 ? Self.bootstrap(finite, resamples: resamples, seed: seed) : (.nan, .nan)
        }
    }

    /// Whether the interval contains `value` (false when there is no interval).
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }

    /// The column names of metric `metric`: `[m, m_sd, m_ci_low, m_ci_high]`.
    public static func columnNames(_ metric: String) -> [String] {
        [metric, metric + sdSuffix, metric + lowSuffix, metric + highSuffix]
    }
    public static let sdSuffix = "_sd"
    public static let lowSuffix = "_ci_low"
    public static let highSuffix = "_ci_high"

    /// The four values in `columnNames` order; a value that cannot be formed is empty text.
    public var cells: [ResultValue] {
        [mean, standardDeviation, low, high].map { $0.isFinite ? .double($0) : .text("") }
    }

    /// Percentile bootstrap of the mean (see `IntervalMethod.bootstrap`).
    static func bootstrap(_ values: [Double], resamples: Int, seed: UInt64) -> (Double, Double) {
        var random = SeededRandom(seed: seed, stream: "bootstrap")
        let count = values.count
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<max(1, resamples) {
            var sum = 0.0
            for _ in 0..<count { sum += values[random.nextInt(below: count)] }
            means.append(sum / Double(count))
        }
        means.sort()
        func rank(_ p: Double) -> Double {
            let index = Int((p * Double(means.count)).rounded(.up)) - 1
            return means[min(max(index, 0), means.count - 1)]
        }
        return (rank(0.025), rank(0.975))
    }
}
