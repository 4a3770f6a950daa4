import BatonCore
import Foundation

/// A chart axis: linear with nice ticks, or base-10 logarithmic.
struct AxisScale {
    var linear: NiceScale?
    /// Decade exponents of a log axis.
    var logLower = 0.0
    var logUpper = 1.0

    /// A linear axis over the values; `includeZero` forces 0, `autoZero` adds 0 when the values
    /// are non-negative and the smallest is at most half the largest.
    static func linear(_ values: [Double], includeZero: Bool = false, autoZero: Bool = true, targetTicks: Int = 6) -> AxisScale {
        let low = values.min() ?? 0, high = values.max() ?? 1
        let zero = includeZero || (autoZero && low >= 0 && low <= 0.5 * high)
        return AxisScale(linear: NiceScale(minimum: low, maximum: high, targetTicks: targetTicks, includeZero: zero))
    }

    /// A log axis over the positive values (decades rounded outwards).
    static func log(_ values: [Double]) -> AxisScale {
        let positive = values.filter { $0 > 0 && $0.isFinite }  // an infinite value has no decade
        var low = (log10(positive.min() ?? 1)).rounded(.down)
        var high = (log10(positive.max() ?? 10)).rounded(.up)
        if high <= low { high = low + 1 }
        if high - low > 12 { low = high - 12 }
        return AxisScale(linear: nil, logLower: low, logUpper: high)
    }

    var lower: Double { linear?.lower ?? pow(10, logLower) }
    var upper: Double { linear?.upper ?? pow(10, logUpper) }

    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        if let linear { return linear.position(value, from: start, to: end) }
        let v = Foundation.log10(max(value, pow(10, logLower - 1)))
        return start + (v - logLower) / (logUpper - logLower) * (end - start)
    }

    var ticks: [Double] {
        if let linear { return linear.ticks }
        // Checked conversions: the decade bounds come from the data (finite logs of finite values,
        // but never trusted to be in Int's range).
        let lowerDecade = Int(saturating: logLower), upperDecade = max(lowerDecade, Int(saturating: logUpper))
        let decades = upperDecade - lowerDecade
        var result: [Double] = []
        for k in lowerDecade...min(upperDecade, lowerDecade + 400) {
            let base = pow(10, Double(k))
            result.append(base)
            if decades <= 2, k < upperDecade { result += [2 * base, 5 * base] }
        }
        return result
    }

    func label(_ value: Double) -> String {
        if let linear { return linear.label(value) }
        return compactNumber(value, significant: 3)
    }
}

/// A number with about `significant` significant digits, k/M/G suffixes from 10,000.
func compactNumber(_ value: Double, significant: Int = 4) -> String {
    guard value.isFinite else { return ResultValue.format(value) }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    for (divisor, suffix) in [(1e9, "G"), (1e6, "M"), (1e4, "k")] where magnitude >= divisor {
        let scaled = divisor == 1e4 ? 1e3 : divisor
        return compactNumber(value / scaled, significant: significant) + suffix
    }
    let exponent = Int(saturating: log10(magnitude), rounding: .down)
    let digits = max(0, min(12, significant - 1 - exponent))
    var text = ResultTable.formatFixed(value, digits: digits)
    if text.contains(".") {
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
    }
    return text
}
