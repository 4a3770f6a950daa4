@testable import BatonSparse
import Testing

@Suite("SJF")
struct SJFTests {
    /// A (arr 0, 4+4), B (arr 1, 3), C (arr 1, 2+2); estimates = true costs.
    /// t=0: A0 [0,4). t=4: rem A 4, B 3, C 4 -> B [4,7).
    /// t=7: A 4, C 4: tie -> earlier admission A1 [7,11). Then C0 [11,13), C1 [13,15).
    /// ANTT = (11/8 + 6/3 + 14/4) / 3 = 6.875 / 3.
    @Test func shortestRemainingFirstTiesToEarlierAdmission() throws {
        let jobs = [TestJob(arrival: 0, layers: [4, 4]), TestJob(arrival: 1, layers: [3]), TestJob(arrival: 1, layers: [2, 2])]
        let (result, log) = try runSchedule("sjf", jobs)
        #expect(log.order == "A0 B0 A1 C0 C1")
        #expect(log.finishes == [11, 7, 15])
        #expect(approx(result.metrics.antt, 6.875 / 3))
        #expect(result.metrics.violationRate == 0)
    }

    /// SJF ranks by the per-architecture estimate, not the hidden truth: B truly takes 3 but
    /// is estimated at 5. t=4: A 4, B 5, C 4 -> A1 [4,8) (tie with C, earlier admission).
    /// t=8: B 5, C 4 -> C0 [8,10), C1 [10,12), B [12,15).
    @Test func ranksByEstimatesNotTruth() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [4, 4]),
            TestJob(arrival: 1, layers: [3], architecture: [5]),
            TestJob(arrival: 1, layers: [2, 2]),
        ]
        let (_, log) = try runSchedule("sjf", jobs)
        #expect(log.order == "A0 A1 C0 C1 B0")
        #expect(log.finishes == [8, 15, 12])
    }

    /// A (arr 0): true 2+6+6, pattern estimate 2+2+2, observed ratios 3 (average predictor: gamma 3
    /// after A0). B (arr 1): 5, no monitor data (gamma 1).
    /// sjf-sparse, t=2: A gamma*rem = 3*4 = 12 > B 5 -> B [2,7), A1 [7,13), A2 [13,19).
    /// sjf (no monitor), t=2: A 4 < B 5 -> A1 [2,8), A2 [8,14), B [14,19).
    @Test func sparseVariantScalesByGamma() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 6, 6], pattern: [2, 2, 2], ratios: [3, 3, 3]),
            TestJob(arrival: 1, layers: [5]),
        ]
        let (_, sparse) = try runSchedule("sjf-sparse", jobs)
        #expect(sparse.order == "A0 B0 A1 A2")
        #expect(sparse.finishes == [19, 7])
        let (_, plain) = try runSchedule("sjf", jobs)
        #expect(plain.order == "A0 A1 A2 B0")
        #expect(plain.finishes == [14, 19])
    }
}
