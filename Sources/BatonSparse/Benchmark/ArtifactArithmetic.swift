/// Sums and means added up in the same order as the Dysta artifact's Python/NumPy code, so that
/// estimates and SLO bases are bit-identical to it for the same traces.
enum ArtifactArithmetic {
    /// Python's `sum(values)`: left to right from 0.
    static func pythonSum(_ values: [Double]) -> Double {
        var total = 0.0
        for v in values { total += v }
        return total
    }

    /// NumPy's pairwise summation of a contiguous float64 array (`np.add.reduce`, hence `np.sum`
    /// and `np.mean`): under 8 values a plain loop; up to 128 values eight interleaved partial
    /// sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder; above 128 the
    /// array is split at n/2 rounded down to a multiple of 8 and both halves summed recursively.
    static func numpyPairwiseSum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0, 0, $0.count) }
    }

    private static func pairwise(_ a: UnsafeBufferPointer<Double>, _ start: Int, _ n: Int) -> Double {
        if n < 8 {
            var total = 0.0
            for i in 0..<n { total += a[start + i] }
            return total
        } else if n <= 128 {
            var r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3]
            var r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7]
            var i = 8
            while i < n - (n % 8) {
                r0 += a[start + i]; r1 += a[start + i + 1]; r2 += a[start + i + 2]; r3 += a[start + i + 3]
                r4 += a[start + i + 4]; r5 += a[start + i + 5]; r6 += a[start + i + 6]; r7 += a[start + i + 7]
                i += 8
            }
            var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { total += a[start + i]; i += 1 }
            return total
        } else {
            var half = n / 2
            half -= half % 8
            return pairwise(a, start, half) + pairwise(a, start + half, n - half)
        }
    }

    /// `np.mean(values)`: the pairwise sum divided by the count.
    static func numpyMean(_ values: [Double]) -> Double {
        numpyPairwiseSum(values) / Double(values.count)
    }

    /// Per-layer mean over rows, as `np.zeros(n)` plus each row in order, then divided by the row count.
    static func perLayerMean(_ rows: [[Double]], layers: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: layers)
        for row in rows { for k in 0..<layers { sum[k] += row[k] } }
        let count = Double(rows.count)
        return sum.map { $0 / count }
    }
}
