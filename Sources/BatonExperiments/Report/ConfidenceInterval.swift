/// The mean of a small sample (e.g. one value of a metric per seed) with its 95% Student-t
/// confidence interval.
///
/// With `n` values, mean `m` and sample standard deviation `s` (divisor `n - 1`):
///
///     halfWidth = t(0.975, n - 1) * s / sqrt(n)
///     lower     = m - halfWidth,  upper = m + halfWidth
///
/// `t(0.975, df)` is the two-sided 95% quantile of Student's t distribution
/// (`studentT975(degreesOfFreedom:)`). The interval assumes the values are independent draws
/// from a roughly normal distribution, which per-seed means of a metric usually are.
///
/// Edge cases: no values give a NaN mean; fewer than two values give a NaN standard deviation,
/// half-width and ends (no interval can be formed, and `contains` is false); identical values
/// give a zero-width interval. Non-finite values are used as given (they make the result
/// non-finite): filter them first if they mean "no value".
///
/// For paired samples (two schedulers on the same seeds) use `differences(_:_:)`: the interval of
/// the per-seed differences, narrower than comparing two separate intervals.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Number of values.
    public let n: Int
    /// Sample mean (NaN without values).
    public let mean: Double
    /// Sample standard deviation with divisor n - 1 (NaN for fewer than two values).
    public let standardDeviation: Double
    /// Half-width of the 95% interval (NaN for fewer than two values).
    public let halfWidth: Double

    /// The interval of `values`.
    public init(_ values: [Double]) {
        n = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else {
            standardDeviation = .nan
            halfWidth = .nan
            return
        }
        let m = mean
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
        standardDeviation = variance.squareRoot()
        halfWidth = Self.studentT975(degreesOfFreedom: values.count - 1) * standardDeviation / Double(values.count).squareRoot()
    }

    /// The interval of the paired differences `a[i] - b[i]` (e.g. a policy minus a baseline on
    /// the same seeds). `a` and `b` must have the same length.
    public static func differences(_ a: [Double], _ b: [Double]) -> ConfidenceInterval {
        precondition(a.count == b.count, "paired samples of different sizes (\(a.count) and \(b.count))")
        return ConfidenceInterval(zip(a, b).map { $0 - $1 })
    }

    /// Lower end, `mean - halfWidth`.
    public var lower: Double { mean - halfWidth }
    /// Upper end, `mean + halfWidth`.
    public var upper: Double { mean + halfWidth }

    /// Whether `value` lies in the interval, ends included (false when there is no interval).
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The 0.975 quantile of Student's t distribution with `df` >= 1 degrees of freedom (the
    /// multiplier of a two-sided 95% interval). 1-30: the standard table to three decimals;
    /// beyond: the normal quantile 1.959964 with the first two terms of the Cornish-Fisher
    /// expansion in 1/df (error below 0.001 from df = 31, tending to 1.96).
    public static func studentT975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "at least one degree of freedom")
        if df <= table975.count { return table975[df - 1] }
        let z = 1.959964, v = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
    }

    private static let table975: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
}
