/// A streaming distribution of non-negative durations with bounded memory.
///
/// Up to `exactCapacity` values are kept as they are, so percentiles of ordinary runs are exact.
/// Past that the values fold into a log-linear histogram (1,024 linear sub-buckets per power of
/// two of nanoseconds: relative error at most 0.1%, i.e. three significant digits), whose memory
/// depends on the range of values, not their number.
///
/// Percentiles use the nearest-rank definition: the value at rank ceil(p / 100 x n) (1-based).
/// (Baton first used the hdrhistogram-swift package here; its generic counters ran unspecialised
/// and dominated a simulation's run time, which this type, measured in `baton bench`, avoids.)
public struct LatencyDistribution: Sendable, Equatable {
    /// How many values are kept exactly before folding into the histogram.
    public static let exactCapacity = 65_536
    static let subBucketBits = 10
    static let subBuckets = 1 << subBucketBits

    private var exact: [Double] = []
    private var buckets: [UInt32] = []
    private var folded = false
    /// Number of values recorded.
    public private(set) var count = 0

    public init() {}

    /// Records one duration in seconds (negative values count as 0).
    public mutating func record(_ seconds: Double) {
        count += 1
        let value = max(0, seconds)
        if !folded {
            if exact.count < LatencyDistribution.exactCapacity {
                exact.append(value)
                return
            }
            folded = true
            let kept = exact
            exact = []
            for v in kept { addToHistogram(v) }
        }
        addToHistogram(value)
    }

    /// The nearest-rank percentile (0...100) in seconds; 0 when empty.
    public func percentile(_ p: Double) -> Double {
        percentiles([p])[0]
    }

    /// Several nearest-rank percentiles at once (one sort in exact mode).
    public func percentiles(_ ps: [Double]) -> [Double] {
        guard count > 0 else { return ps.map { _ in 0 } }
        var values = folded ? [] : exact
        return ps.map { p in
            let rank = max(1, min(count, Int((p / 100 * Double(count)).rounded(.up))))
            return folded ? histogramValue(rank: rank) : LatencyDistribution.select(rank - 1, in: &values)
        }
    }

    /// The `k`-th smallest value (0-based) of `values`, by quickselect (average O(n), exactly the
    /// value a full sort would put at `k`); reorders `values`.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        var low = 0, high = values.count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }

    private func histogramValue(rank: Int) -> Double {
        var seen = 0
        for (index, n) in buckets.enumerated() where n > 0 {
            seen += Int(n)
            if seen >= rank { return LatencyDistribution.value(ofBucket: index) }
        }
        return LatencyDistribution.value(ofBucket: buckets.count - 1)
    }

    /// Adds another distribution's values (for aggregating runs).
    public mutating func add(_ other: LatencyDistribution) {
        if other.folded {
            if !folded {
                folded = true
                let kept = exact
                exact = []
                for v in kept { addToHistogram(v) }
            }
            if buckets.count < other.buckets.count { buckets += [UInt32](repeating: 0, count: other.buckets.count - buckets.count) }
            for (i, n) in other.buckets.enumerated() { buckets[i] += n }
            count += other.count
        } else {
            for v in other.exact { record(v) }
        }
    }

    private mutating func addToHistogram(_ seconds: Double) {
        let index = LatencyDistribution.bucket(of: seconds)
        if index >= buckets.count { buckets += [UInt32](repeating: 0, count: index + 1 - buckets.count) }
        buckets[index] &+= 1
    }

    /// Bucket of a duration: values below 1,024 ns have one bucket per nanosecond; above, each power
    /// of two [2^e, 2^(e+1)) has 512 buckets of equal width.
    static func bucket(of seconds: Double) -> Int {
        let nanoseconds = UInt64(min(seconds * 1e9, 1.8e19).rounded())
        if nanoseconds < UInt64(subBuckets) { return Int(nanoseconds) }
        let exponent = 63 - nanoseconds.leadingZeroBitCount          // >= subBucketBits
        let shift = exponent - (subBucketBits - 1)
        let sub = Int(nanoseconds >> UInt64(shift)) - subBuckets / 2  // 0 ..< 512
        return subBuckets + (exponent - subBucketBits) * (subBuckets / 2) + sub
    }

    /// A representative duration (the middle) of a bucket, seconds.
    static func value(ofBucket index: Int) -> Double {
        if index < subBuckets { return Double(index) * 1e-9 }
        let half = subBuckets / 2
        let exponent = (index - subBuckets) / half + subBucketBits
        let sub = (index - subBuckets) % half + half
        let shift = exponent - (subBucketBits - 1)
        let low = Double(UInt64(sub) << UInt64(shift))
        let width = Double(UInt64(1) << UInt64(shift))
        return (low + width / 2) * 1e-9
    }
}
