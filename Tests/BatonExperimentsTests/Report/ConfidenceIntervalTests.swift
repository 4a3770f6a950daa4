import BatonExperiments
import Testing

@Suite("Student-t confidence intervals")
struct ConfidenceIntervalTests {
    /// 1...5: mean 3, s = sqrt(10 / 4) = 1.5811..., half-width t(0.975, 4) s / sqrt(5)
    /// = 2.776 x 0.70711 = 1.96293.
    @Test func workedByHand() {
        let ci = ConfidenceInterval([1, 2, 3, 4, 5])
        #expect(ci.n == 5 && ci.mean == 3)
        #expect(abs(ci.standardDeviation - 2.5.squareRoot()) < 1e-15)
        #expect(abs(ci.halfWidth - 2.776 * 0.5.squareRoot()) < 1e-12)
        #expect(abs(ci.lower - (3 - 1.962928)) < 1e-6 && abs(ci.upper - (3 + 1.962928)) < 1e-6)
        #expect(ci.contains(1.1) && !ci.contains(1.0) && ci.contains(ci.upper))
    }

    /// Paired differences, identical values (zero width), one value and none (no interval).
    @Test func edgeCases() {
        let paired = ConfidenceInterval.differences([2, 4, 6], [1, 2, 3])
        #expect(paired.mean == 2 && paired.n == 3)
        let flat = ConfidenceInterval([0, 0, 0])
        #expect(flat.halfWidth == 0 && flat.contains(0) && !flat.contains(1e-300))
        let one = ConfidenceInterval([7])
        #expect(one.mean == 7 && one.halfWidth.isNaN && one.standardDeviation.isNaN && !one.contains(7))
        #expect(ConfidenceInterval([]).mean.isNaN)
    }

    /// The table for 1-30 degrees of freedom, the expansion beyond: t(0.975, 31) = 2.0395,
    /// t(0.975, 100) = 1.9840, tending to 1.96, decreasing throughout.
    @Test func quantiles() {
        #expect(ConfidenceInterval.studentT975(degreesOfFreedom: 1) == 12.706)
        #expect(ConfidenceInterval.studentT975(degreesOfFreedom: 30) == 2.042)
        #expect(abs(ConfidenceInterval.studentT975(degreesOfFreedom: 31) - 2.0395) < 0.001)
        #expect(abs(ConfidenceInterval.studentT975(degreesOfFreedom: 100) - 1.9840) < 0.001)
        #expect(abs(ConfidenceInterval.studentT975(degreesOfFreedom: 1_000_000) - 1.959964) < 1e-5)
        let values = (1...200).map { ConfidenceInterval.studentT975(degreesOfFreedom: $0) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
    }
}
