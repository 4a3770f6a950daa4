@testable import BatonPolicies
import PropertyBased
import Testing

/// The bound SDRM3 and DREAM search by: the urgency's chord plus the fairness line.
@Suite("Urgency chord")
struct UrgencyChordTests {
    /// `min(1, rem / (deadline - t))` (1 once late) plus `fairnessPerSecond * (t - lastRun)`.
    static func exact(remaining: Double, deadline: Double, fairnessPerSecond: Double, lastRun: Double, at t: Double) -> Double {
        let slack = deadline - t
        let urgency = slack <= 0 ? 1 : min(1, remaining / slack)
        return urgency + fairnessPerSecond * (t - lastRun)
    }

    /// rem 2, deadline 10, drawn at 0 with lastRun 0 and fairness 0.5 per second: urgency 0.2 now,
    /// reaching 1 at t* = 8, so the chord rises (1 - 0.2) / 8 = 0.1 per second; the bound is
    /// `0.2 + 0.6 t`: 2.6 at t = 4 (exact 2/6 + 2 = 2.33), 5 at t* (exact), 5.6 at t = 9 (exact 5.5).
    @Test func chordByHand() {
        let line = UrgencyChord.minusBound(remainingSeconds: 2, deadlineSeconds: 10, fairnessPerSecond: 0.5, lastRunSeconds: 0, now: 0)
        #expect(abs(line.base - -0.2) < 1e-15 && abs(line.slope - -0.6) < 1e-15 && line.anchor == 0)
        #expect(abs(-line.value(at: 4) - 2.6) < 1e-12)
        #expect(abs(-line.value(at: 8) - 5) < 1e-12)
        #expect(abs(-line.value(at: 9) - 5.6) < 1e-12)
    }

    /// Drawn past t* (here at t = 9, t* = 8) the urgency is 1 from then on: the bound is the
    /// constant 1 plus the fairness line from the last run, `1 + 0.5 (t - 3)`, exact.
    @Test func lateFramesAreBoundedByOne() {
        let line = UrgencyChord.minusBound(remainingSeconds: 2, deadlineSeconds: 10, fairnessPerSecond: 0.5, lastRunSeconds: 3, now: 9)
        #expect(line.base == -1 && line.slope == -0.5 && line.anchor == 3)
        #expect(-line.value(at: 11) == Self.exact(remaining: 2, deadline: 10, fairnessPerSecond: 0.5, lastRun: 3, at: 11))
    }

    /// At any later time the bound is at least the exact value (to rounding); at the time it is
    /// drawn it equals it, unless t* is within the relative 1e-6 that draws the constant 1.
    @Test func boundsTheExactValueFromWhenDrawn() async {
        await propertyCheck(count: 300, input: Gen.double(in: 0...5), Gen.double(in: 0...20), Gen.double(in: 0...3),
                            Gen.double(in: 0...10), Gen.double(in: 0...30)) { remaining, deadline, fairness, now, later in
            let lastRun = now / 2
            let line = UrgencyChord.minusBound(remainingSeconds: remaining, deadlineSeconds: deadline, fairnessPerSecond: fairness,
                                               lastRunSeconds: lastRun, now: now)
            for t in [now, now + later / 4, now + later] {
                let exact = Self.exact(remaining: remaining, deadline: deadline, fairnessPerSecond: fairness, lastRun: lastRun, at: t)
                #expect(-line.value(at: t) >= exact * (1 - 1e-12) - 1e-12, "t \(t): bound \(-line.value(at: t)) < \(exact)")
            }
            let exactNow = Self.exact(remaining: remaining, deadline: deadline, fairnessPerSecond: fairness, lastRun: lastRun, at: now)
            guard deadline - remaining - now > 1e-6 * max(1, now) || remaining >= deadline - now else { return }
            #expect(-line.value(at: now) <= exactNow * (1 + 1e-12) + 1e-12)
        }
    }
}
