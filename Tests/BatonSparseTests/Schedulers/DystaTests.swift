@testable import BatonSparse
import Testing

@Suite("Dysta")
struct DystaTests {
    /// beta 0.01. A (arr 0, D 100): true 2+6+6, pattern estimate 2+2+2, ratios 3. B (arr 1, D 100): 5.
    /// dysta, t=2 (n = 2): A: gamma*rem = 3*4 = 12, urgency 98 - 12 = 86, idle 0 -> 12 + 0.01*86 = 12.86;
    ///   B: 5, urgency 98 - 5 = 93, penalty 1/5/2 = 0.1 -> 5 + 0.01*93.1 = 5.931 -> B [2,7),
    ///   A1 [7,13), A2 [13,19). ANTT = (19/14 + 6/5) / 2.
    /// dysta-naive (gamma 1, architecture estimates = 2+2+2): A 4 + 0.01*94 = 4.94 < 5.931 -> A first.
    @Test func monitorAndNaive() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 6, 6], deadline: 100, pattern: [2, 2, 2], ratios: [3, 3, 3]),
            TestJob(arrival: 1, layers: [5], deadline: 100),
        ]
        let (result, dysta) = try runSchedule("dysta", jobs)
        #expect(dysta.order == "A0 B0 A1 A2")
        #expect(dysta.finishes == [19, 7])
        #expect(approx(result.metrics.antt, (19.0 / 14 + 6.0 / 5) / 2))
        #expect(result.metrics.violationRate == 0)
        let (_, naive) = try runSchedule("dysta-naive", jobs)
        #expect(naive.order == "A0 A1 A2 B0")
    }

    /// The decision that keeps the last choice without a scan (`Dysta.selectRemembering`) must
    /// allow for the other jobs' values falling while they wait (their urgency shrinks by up to
    /// beta per second). beta 0.5. A (arr 0, D 10): 1+1, ratio 3.75 after its first layer;
    /// B (arr 0, D 12): 1. n = 2.
    /// t=0: A 2 + 0.5*8 = 6, B 1 + 0.5*11 = 6.5 -> A0 [0,1); the memo's floor for B is 6.5.
    /// t=1: A (gamma 3.75) 3.75 + 0.5*(9 - 3.75) = 6.375, below 6.5, but B 1 + 0.5*(10 + 1/1/2)
    ///   = 6.25 is lower now (6.5 - beta*1 = 6.0 is the floor that holds) -> B0 [1,2), A1 [2,3).
    @Test func keptChoiceYieldsToAWaitingJobWhoseValueFell() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [1, 1], deadline: 10, ratios: [3.75, 3.75]),
            TestJob(arrival: 0, layers: [1], deadline: 12),
        ]
        let (_, log) = try runSchedule("dysta", jobs, options: TestPolicyOptions(beta: 0.5))
        #expect(log.order == "A0 B0 A1")
        #expect(log.finishes == [3, 2])
    }

    /// A (arr 0): true 2+2+2 but pattern estimate 2+6+6 (ratios 1: gamma 1). B (arr 1): 5. D 100.
    /// dysta, t=2: A 12 + 0.01*(98 - 12) = 12.86 > B 5.931 -> B first.
    /// dysta-oracle reads the true remaining 4: 4 + 0.01*(98 - 4) = 4.94 -> A continues.
    @Test func oracleUsesTrueLatencies() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2, 2], deadline: 100, pattern: [2, 6, 6], ratios: [1, 1, 1]),
            TestJob(arrival: 1, layers: [5], deadline: 100),
        ]
        let (_, dysta) = try runSchedule("dysta", jobs)
        #expect(dysta.order == "A0 B0 A1 A2")
        let (_, oracle) = try runSchedule("dysta-oracle", jobs)
        #expect(oracle.order == "A0 A1 A2 B0")
    }

    /// W (arr 0, 2, D 3); X (arr 0.5, 1, D 10); Y (arr 1, 1, D 10). At t=2 (n = 2) X and Y have
    /// the same rem 1 and urgency 8 - 1 = 7; only the preemption penalty differs:
    /// X 1.5/1/2 = 0.75 -> 1.0775; Y 1/1/2 = 0.5 -> 1.075 -> Y first. With beta 0: tie -> X first.
    @Test func preemptionPenaltyFavoursLessIdleJob() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2], deadline: 3),
            TestJob(arrival: 0.5, layers: [1], deadline: 10),
            TestJob(arrival: 1, layers: [1], deadline: 10),
        ]
        let (_, withPenalty) = try runSchedule("dysta", jobs)
        #expect(withPenalty.order == "A0 C0 B0")
        let (_, withoutBeta) = try runSchedule("dysta", jobs, options: TestPolicyOptions(beta: 0))
        #expect(withoutBeta.order == "A0 B0 C0")
    }

    /// W (arr 0, 2, D 100); X and Y (arr 0.5, 1 s each), X's deadline 20, Y's 10 (or 1.5: late).
    /// t=2: same rem and penalty 0.75; urgency X 18 - 1 = 17, Y 8 - 1 = 7 -> Y (1.0775 < 1.1775).
    /// A late Y has urgency max(0, -0.5 - 1) = 0 -> 1.0075: still first (no special late rule).
    @Test func urgencyAndLateJobs() throws {
        for yDeadline in [10.0, 1.5] {
            let jobs = [
                TestJob(arrival: 0, layers: [2], deadline: 100),
                TestJob(arrival: 0.5, layers: [1], deadline: 20),
                TestJob(arrival: 0.5, layers: [1], deadline: yDeadline),
            ]
            let (_, log) = try runSchedule("dysta", jobs)
            #expect(log.order == "A0 C0 B0", "Y deadline \(yDeadline)")
        }
    }

    /// Identical X and Y (arr 0.5, 1 s, D 10) behind W (arr 0, 2+2, D 100), estimates = truth.
    /// t=2 (n = 3): X and Y both 1 + 0.01*((8 - 1) + 1.5/1/3) = 1.075, W 2 + 0.01*96 = 2.96:
    /// equal values, strict less-than keeps the first considered, X. t=3: Y 1 + 0.01*(6 + 2.5/1/2)
    /// = 1.0725 < W 2 + 0.01*(95 + 1/4/2) -> Y, then W1. The same in the artifact mode (spec 7.6),
    /// where X and Y are admitted at clock 2, having arrived before it.
    @Test func strictTiesInBothModes() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 100),
            TestJob(arrival: 0.5, layers: [1], deadline: 10),
            TestJob(arrival: 0.5, layers: [1], deadline: 10),
        ]
        for name in ["dysta", "dysta-naive", "dysta-oracle"] {
            let (_, baton) = try runSchedule(name, jobs)
            #expect(baton.order == "A0 B0 C0 A1", "\(name)")
            let (_, compat) = try runSchedule(name, jobs, options: artifact())
            #expect(compat.order == "A0 B0 C0 A1", "\(name) artifact")
        }
    }
}
