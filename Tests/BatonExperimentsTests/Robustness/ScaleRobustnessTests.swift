import BatonCore
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse
import Testing

/// Chart axes never crash and stay finite for any finite data, however extreme (a plot of a
/// result column holding 1e308 and -1e308 used to trap converting an infinite tick count to Int).
@Suite("Chart scales on extreme data")
struct ScaleRobustnessTests {
    static let extremes: [Double] = [0, -0.0, 1, -1, 1e-300, -1e-300, 5e-324, 1e12, -1e12, 1e300, -1e300,
                                     Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, .nan, .infinity]

    static func check(_ scale: NiceScale, _ low: Double, _ high: Double) {
        #expect(scale.lower.isFinite && scale.upper.isFinite && scale.step.isFinite, "\(low)...\(high)")
        #expect(scale.step > 0 && scale.lower < scale.upper, "\(low)...\(high)")
        let ticks = scale.ticks
        #expect((2...200).contains(ticks.count), "\(low)...\(high): \(ticks.count) ticks")
        let finite = ticks.allSatisfy { $0.isFinite }
        #expect(finite, "\(low)...\(high)")
        for tick in ticks.prefix(3) { _ = scale.label(tick) }
    }

    @Test func everyPairOfExtremes() {
        for low in Self.extremes {
            for high in Self.extremes {
                for zero in [false, true] {
                    Self.check(NiceScale(minimum: low, maximum: high, includeZero: zero), low, high)
                }
            }
        }
    }

    /// 2,000 random ranges with magnitudes from 1e-300 to 1e300 (seeded, reproducible).
    @Test func randomRanges() {
        var random = SeededRandom(seed: 2024, stream: "nice-scale")
        for _ in 0..<2000 {
            func value() -> Double {
                let magnitude = exponential((random.nextUnit() * 1380) - 690)  // e^-690...e^690
                return random.nextUnit() < 0.5 ? -magnitude : magnitude
            }
            let a = value(), b = value()
            Self.check(NiceScale(minimum: a, maximum: b, targetTicks: 2 + random.nextInt(below: 10)), a, b)
        }
    }
}
