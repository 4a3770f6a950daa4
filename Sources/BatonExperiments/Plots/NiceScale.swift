import BatonCore
import Foundation

/// A linear axis with "nice" round ticks (steps of 1, 2, 2.5 or 5 times a power of ten) that
/// cover the data range.
public struct NiceScale: Sendable, Equatable {
    /// Axis start and end (tick-aligned).
    public var lower: Double
    public var upper: Double
    /// Distance between ticks.
    public var step: Double

    /// A scale covering `minimum...maximum` with about `targetTicks` ticks; `includeZero` stretches
    /// it to 0. A degenerate range is widened around its value.
    public init(minimum: Double, maximum: Double, targetTicks: Int = 6, includeZero: Bool = false) {
        var low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 1
        if low > high { swap(&low, &high) }
        // Keep the span finite: values near ±greatestFiniteMagnitude would make it infinite.
        let bound = Double.greatestFiniteMagnitude / 8
        low = min(max(low, -bound), bound)
        high = min(max(high, -bound), bound)
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if high - low < 1e-12 * max(1, abs(high)) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
            if includeZero && minimum >= 0 { low = max(low, 0) }
        }
        let step = NiceScale.niceStep((high - low) / Double(max(1, targetTicks - 1)))
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        self.upper = (high / step).rounded(.up) * step
        if upper - lower < step / 2 { upper = lower + step }
    }

    /// The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is >= `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 2.5 + 1e-9 ? 2.5 : fraction <= 5 + 1e-9 ? 5 : 10
        return nice * power
    }

    /// Tick values from `lower` to `upper`, rounded to the step's precision.
    public var ticks: [Double] {
        let steps = ((upper - lower) / step).rounded()
        let count = steps.isFinite && steps >= 0 ? Int(min(steps, 1000)) + 1 : 1
        let digits = decimals
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (0..<count).map { i in ((lower + Double(i) * step) * scale).rounded() / scale }
    }

    /// Decimals needed to print the ticks exactly.
    public var decimals: Int { NiceScale.decimals(of: step) }

    /// Decimals needed to print multiples of `step` exactly (at most 12).
    static func decimals(of step: Double) -> Int {
        var digits = 0
        var value = step
        while digits < 12 && abs(value - value.rounded()) > 1e-9 * max(1, abs(value)) {
            value *= 10
            digits += 1
        }
        return digits
    }

    /// A tick's label: fixed decimals, with k / M / G suffixes when the axis reaches 10,000
    /// (unless `suffixes` is false).
    public func label(_ value: Double, suffixes: Bool = true) -> String {
        let largest = suffixes ? max(abs(lower), abs(upper)) : 0
        let (divisor, suffix): (Double, String) =
            largest >= 1e9 ? (1e9, "G") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1, "")
        if value == 0 { return "0" }
        return ResultTable.formatFixed(value / divisor, digits: NiceScale.decimals(of: step / divisor)) + suffix
    }

    /// Maps a value to a pixel position between `start` (at `lower`) and `end` (at `upper`).
    @inlinable public func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}
