@testable import BatonSparse
import Testing

@Suite("FCFS")
struct FCFSTests {
    /// A (arr 0, layers 2+2, D 10), B (arr 1, 1, D 3), C (arr 1, 3, D 20).
    /// t=0: only A: A0 [0,2). t=2: A arrived first: A1 [2,4), A done at 4.
    /// t=4: B and C arrived at the same time: tie -> earlier admission B [4,5), then C [5,8).
    /// B finishes 5 > 3: late. Violation 1/3. ANTT = (4/4 + 4/1 + 7/3) / 3 = 22/9.
    @Test func earliestArrivalFirstAndTiesToEarlierAdmission() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 2], deadline: 10),
            TestJob(arrival: 1, layers: [1], deadline: 3),
            TestJob(arrival: 1, layers: [3], deadline: 20),
        ]
        let (result, log) = try runSchedule("fcfs", jobs)
        #expect(log.order == "A0 A1 B0 C0")
        #expect(log.finishes == [4, 5, 8])
        #expect(result.metrics.late == 1)
        #expect(approx(result.metrics.violationRate, 1.0 / 3))
        #expect(approx(result.metrics.antt, 22.0 / 9))
        #expect(result.unfinished == 0)
    }

    /// Deadlines are ignored: a job about to miss its deadline still waits its turn.
    /// A (arr 0, 2+2, D 100), B (arr 1, 1, D 2): A0 [0,2), A1 [2,4), B [4,5): late.
    /// The artifact's mode gives the same schedule (B is admitted at clock 2, before A1).
    @Test func lateJobsAreNotFavoured() throws {
        let jobs = [TestJob(arrival: 0, layers: [2, 2], deadline: 100), TestJob(arrival: 1, layers: [1], deadline: 2)]
        for options in [TestPolicyOptions(), artifact()] {
            let (result, log) = try runSchedule("fcfs", jobs, options: options)
            #expect(log.order == "A0 A1 B0")
            #expect(log.finishes == [4, 5])
            #expect(result.metrics.late == 1)
        }
    }
}
