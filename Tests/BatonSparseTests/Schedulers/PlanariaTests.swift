@testable import BatonSparse
import Testing

@Suite("Planaria")
struct PlanariaTests {
    /// A (arr 0, p 1, D 10, 2+2), B (arr 1, p 3, D 13, 1), C (arr 1, p 1, D 3, 1).
    /// t=2: scores p/slack: A 1/8, B 3/11, C 1/1 -> C [2,3) (finishes at its deadline: on time).
    /// t=3: A 1/7, B 3/10 -> B [3,4). t=4: A1 [4,6).
    /// ANTT = (6/4 + 3/1 + 2/1) / 3 = 6.5 / 3. No violation.
    @Test func priorityOverSlack() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 10, priority: 1),
            TestJob(arrival: 1, layers: [1], deadline: 13, priority: 3),
            TestJob(arrival: 1, layers: [1], deadline: 3, priority: 1),
        ]
        let (result, log) = try runSchedule("planaria", jobs)
        #expect(log.order == "A0 C0 B0 A1")
        #expect(log.finishes == [6, 4, 3])
        #expect(result.metrics.violationRate == 0)
        #expect(approx(result.metrics.antt, 6.5 / 3))
    }

    /// A (arr 0, p 9, D 1, 2+2), B (arr 1, p 1, D 100, 1+1), C (arr 1, p 1, D 1.5, 1).
    /// Baton: late jobs rank below on-time ones. t=2: A and C are late, B on time -> B0 [2,3),
    ///   B1 [3,4). t=4: both late: higher priority A1 [4,6), then C [6,7).
    /// Artifact: scores A 9/-1, B 1/98, C 1/-0.5 -> the negative best A is replaced by B -> B0;
    ///   t=3 likewise B1. t=4: A 9/-3 = -3 is the first best, negative, so C (1/-2.5 = -0.4)
    ///   replaces it: the last late job considered wins -> C [4,5), A1 [5,7).
    @Test func lateJobsBaselineAndArtifact() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 1, priority: 9),
            TestJob(arrival: 1, layers: [1, 1], deadline: 100, priority: 1),
            TestJob(arrival: 1, layers: [1], deadline: 1.5, priority: 1),
        ]
        let (baton, batonLog) = try runSchedule("planaria", jobs)
        #expect(batonLog.order == "A0 B0 B1 A1 C0")
        #expect(baton.metrics.late == 2)
        let (_, compatLog) = try runSchedule("planaria", jobs, options: artifact())
        #expect(compatLog.order == "A0 B0 B1 C0 A1")
    }

    /// A (arr 0, D 100, 2+2), B and C (both arr 1, D 11, 1 s), all p 1. At t=2 B and C tie (1/9).
    /// Baton: the earlier admission B [2,3), then C (1/8 > A's 1/97) [3,4), A1 [4,6).
    /// Artifact: on an equal score the best is kept only if it arrived strictly earlier; B and C
    ///   arrived together, so C replaces B -> C [2,3), B [3,4), A1.
    @Test func equalScoresBaselineAndArtifact() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 100),
            TestJob(arrival: 1, layers: [1], deadline: 11),
            TestJob(arrival: 1, layers: [1], deadline: 11),
        ]
        let (_, baton) = try runSchedule("planaria", jobs)
        #expect(baton.order == "A0 B0 C0 A1")
        let (_, compat) = try runSchedule("planaria", jobs, options: artifact())
        #expect(compat.order == "A0 C0 B0 A1")
    }

    /// As above but C arrives at 1.5: on the tie at clock 2 the artifact keeps B, which arrived
    /// strictly earlier -> B [2,3), C [3,4), A1.
    @Test func artifactKeepsStrictlyEarlierArrivalOnEqualScore() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 100),
            TestJob(arrival: 1, layers: [1], deadline: 11),
            TestJob(arrival: 1.5, layers: [1], deadline: 11),
        ]
        let (_, compat) = try runSchedule("planaria", jobs, options: artifact())
        #expect(compat.order == "A0 B0 C0 A1")
    }
}
