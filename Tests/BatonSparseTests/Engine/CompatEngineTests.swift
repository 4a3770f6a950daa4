import BatonCore
@testable import BatonSparse
import Testing

/// The engine's Dysta-artifact loop (spec 7.3), seen through the sparse schedulers.
@Suite("Engine: dysta-artifact mode")
struct CompatEngineTests {
    /// A (arr 0, 5 s), B (arr 1, 2 s), FCFS.
    /// Baton: B waits for A: A [0,5), B [5,7); ANTT = (5/5 + 6/2) / 2 = 2.
    /// Artifact: with A alone in the system B is not admitted before A's decision; when A ends
    /// at 5 the system is empty and the clock jumps to B's arrival, 1, going backwards:
    /// B [1,3); ANTT = (5/5 + 2/2) / 2 = 1; the run ends at clock 3.
    @Test func clockGoesBackwardsWhenTheSystemDrains() throws {
        let jobs = [TestJob(arrival: 0, layers: [5]), TestJob(arrival: 1, layers: [2])]
        let (baton, batonLog) = try runSchedule("fcfs", jobs)
        #expect(batonLog.starts == [0, 5])
        #expect(approx(baton.metrics.antt, 2))
        let (compat, compatLog) = try runSchedule("fcfs", jobs, options: artifact())
        #expect(compatLog.starts == [0, 1])
        #expect(compatLog.finishes == [5, 3])
        #expect(approx(compat.metrics.antt, 1))
        #expect(compat.metrics.endSeconds == 3)
        #expect(compat.metrics.completed == 2 && compat.unfinished == 0)
    }

    /// A (arr 0, 2+2+2), B (arr 2, 1 s), SJF.
    /// Baton admits arrivals at the current time: at t=2 B (rem 1) beats A (rem 4): A0 B0 A1 A2.
    /// The artifact admits only arrivals strictly before the clock: at clock 2 B is not in the
    /// system, A1 runs [2,4); at clock 4 B is admitted and wins: A0 A1 B0 A2.
    @Test func strictAdmission() throws {
        let jobs = [TestJob(arrival: 0, layers: [2, 2, 2]), TestJob(arrival: 2, layers: [1])]
        let (_, baton) = try runSchedule("sjf", jobs)
        #expect(baton.order == "A0 B0 A1 A2")
        #expect(baton.starts == [0, 2, 3, 5])
        let (_, compat) = try runSchedule("sjf", jobs, options: artifact())
        #expect(compat.order == "A0 A1 B0 A2")
        #expect(compat.starts == [0, 2, 4, 5])
    }

    /// A (arr 0, 2+2), B (arr 2, 1 s), SJF: B arrives exactly when A's first layer ends, is not
    /// admitted (not strictly before), A finishes at 4, the system drains, and the clock goes
    /// back to 2 for B: B [2,3). Turnaround of B is 1 (Baton: B [2,3) as well, by admission).
    @Test func exactArrivalWaitsForTheDrain() throws {
        let jobs = [TestJob(arrival: 0, layers: [2, 2]), TestJob(arrival: 2, layers: [1])]
        let (_, compat) = try runSchedule("sjf", jobs, options: artifact())
        #expect(compat.order == "A0 A1 B0")
        #expect(compat.starts == [0, 2, 2])
        let (_, baton) = try runSchedule("sjf", jobs)
        #expect(baton.order == "A0 B0 A1")
        #expect(baton.starts == [0, 2, 3])
    }
}
