@testable import BatonSparse
import Testing

@Suite("SDRM3")
struct SDRM3Tests {
    /// alpha 1. A (arr 0, D 10, 2+2), B (arr 1, D 4, 1), C (arr 1, D 100, 4).
    /// t=2: A 2/8 + 0/2 = 0.25; B 1/2 + 1/1 = 1.5; C 4/98 + 1/4 = 0.29 -> B [2,3).
    /// t=3: A 2/7 + 1/2 = 0.786; C 4/97 + 2/4 = 0.541 -> A1 [3,5). t=5: C [5,9).
    /// ANTT = (5/4 + 2/1 + 8/4) / 3 = 5.25 / 3. No violation.
    @Test func urgencyPlusFairness() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 10),
            TestJob(arrival: 1, layers: [1], deadline: 4),
            TestJob(arrival: 1, layers: [4], deadline: 100),
        ]
        let (result, log) = try runSchedule("sdrm3", jobs)
        #expect(log.order == "A0 B0 A1 C0")
        #expect(log.finishes == [5, 3, 9])
        #expect(result.metrics.violationRate == 0)
        #expect(approx(result.metrics.antt, 5.25 / 3))
    }

    /// A (arr 0, D 1, 2+2), B (arr 1, D 100, 3); alpha 1.
    /// Baton: late A has urgency 1: t=2: A 1 + 0 = 1; B 3/98 + 1/3 = 0.364 -> A1 [2,4), B [4,7).
    /// Artifact: A's urgency 2/(1-2) = -2 (not clamped below) -> score -2 is a negative best,
    ///   so B replaces it -> B [2,5), A1 [5,7).
    @Test func lateUrgencyBaselineAndArtifact() throws {
        let jobs = [TestJob(arrival: 0, layers: [2, 2], deadline: 1), TestJob(arrival: 1, layers: [3], deadline: 100)]
        let (_, baton) = try runSchedule("sdrm3", jobs)
        #expect(baton.order == "A0 A1 B0")
        let (_, compat) = try runSchedule("sdrm3", jobs, options: artifact())
        #expect(compat.order == "A0 B0 A1")
    }

    /// alpha 0 (urgency only). A (arr 0, D 1, 2+2), B (arr 1, D 1.5, 4): both late at t=2.
    /// Baton: both urgency 1 -> tie -> earlier admission A1 [2,4), B [4,8).
    /// Artifact: A 2/-1 = -2 first; B 4/-0.5 = -8 is lower but replaces the negative best -> B first.
    @Test func artifactNegativeBestIsReplacedByLowerScore() throws {
        let jobs = [TestJob(arrival: 0, layers: [2, 2], deadline: 1), TestJob(arrival: 1, layers: [4], deadline: 1.5)]
        let options = TestPolicyOptions(alpha: 0)
        let (_, baton) = try runSchedule("sdrm3", jobs, options: options)
        #expect(baton.order == "A0 A1 B0")
        let (_, compat) = try runSchedule("sdrm3", jobs, options: artifact(options))
        #expect(compat.order == "A0 B0 A1")
    }

    /// A (arr 0, D 100, 2+2), B and C (arr 1, D 11, 1). t=2: B and C both 1/9 + 1/1.
    /// Baton: earlier admission B, then C (at t=3: C 1/8 + 2 > A 2/97 + 1/2), A1 last.
    /// Artifact: same arrival, so the later C replaces B: C, B, A1.
    @Test func equalScoresBaselineAndArtifact() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 100),
            TestJob(arrival: 1, layers: [1], deadline: 11),
            TestJob(arrival: 1, layers: [1], deadline: 11),
        ]
        let (_, baton) = try runSchedule("sdrm3", jobs)
        #expect(baton.order == "A0 B0 C0 A1")
        let (_, compat) = try runSchedule("sdrm3", jobs, options: artifact())
        #expect(compat.order == "A0 C0 B0 A1")
    }

    /// alpha 0. A (arr 0, D 13): true 1+3+3, pattern estimate 1+1+1, ratios 3. B (arr 0.5, D 6): 2.
    /// sdrm3: t=1: A 2/12 = 0.167 < B 2/5 = 0.4 -> B [1,3), A1 [3,6), A2 [6,9).
    /// sdrm3-sparse: t=1: A 3*2/12 = 0.5 > B 0.4 -> A1 [1,4). t=4: A 3*1/9 = 0.333 < B 2/2 = 1
    ///   -> B [4,6) (on time), A2 [6,9).
    @Test func sparseVariantScalesByGamma() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [1, 3, 3], deadline: 13, pattern: [1, 1, 1], ratios: [3, 3, 3]),
            TestJob(arrival: 0.5, layers: [2], deadline: 6),
        ]
        let options = TestPolicyOptions(alpha: 0)
        let (_, plain) = try runSchedule("sdrm3", jobs, options: options)
        #expect(plain.order == "A0 B0 A1 A2")
        let (result, sparse) = try runSchedule("sdrm3-sparse", jobs, options: options)
        #expect(sparse.order == "A0 A1 B0 A2")
        #expect(sparse.finishes == [9, 6])
        #expect(result.metrics.violationRate == 0)
    }
}
