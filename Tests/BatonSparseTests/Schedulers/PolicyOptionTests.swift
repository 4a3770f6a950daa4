import BatonCore
import BatonPolicies
import Testing

/// The new policy (LLF) and the documented options that replaced the studies' drifted copies:
/// each schedule worked out by hand in the comments.
@Suite("Policy options and LLF")
struct PolicyOptionTests {
    /// A (arr 0, 2+2, D 10), B (arr 1, 1, D 3), C (arr 1, 3, D 20); estimates = true costs.
    /// t=0: only A: A0 [0,2). t=2: laxities A 10-2-2 = 6, B 3-2-1 = 0, C 20-2-3 = 15: B [2,3),
    /// on time. t=3: A 10-3-2 = 5, C 20-3-3 = 14: A1 [3,5). C [5,8). No job late (FCFS: B late).
    @Test func llfRunsTheLeastLaxityFirst() throws {
        let jobs = [TestJob(arrival: 0, layers: [2, 2], deadline: 10), TestJob(arrival: 1, layers: [1], deadline: 3),
                    TestJob(arrival: 1, layers: [3], deadline: 20)]
        let (result, log) = try runSchedule(policy: try PolicyRegistry.builtIn.make("llf"), jobs)
        #expect(log.order == "A0 B0 A1 C0")
        #expect(log.finishes == [5, 3, 8])
        #expect(result.metrics.late == 0)
    }

    /// A (arr 0, 4, D 3) cannot make it: laxity 3-0-4 = -1; B (arr 0, 1, D 10): laxity 9.
    /// Default (most-urgent): A [0,4), B [4,5). late_jobs=rank-last: B [0,1), A [1,5).
    @Test func llfLateJobRuleBothWays() throws {
        let jobs = [TestJob(arrival: 0, layers: [4], deadline: 3), TestJob(arrival: 0, layers: [1], deadline: 10)]
        let registry = PolicyRegistry.builtIn
        let (_, first) = try runSchedule(policy: try registry.make("llf"), jobs)
        #expect(first.order == "A0 B0")
        #expect(first.finishes == [4, 5])
        let values = try registry.parameterValues(for: ["llf"], assignments: [ParameterAssignment(name: "late_jobs", value: "rank-last")])
        let (_, last) = try runSchedule(policy: try registry.make("llf", parameters: values[0]), jobs)
        #expect(last.order == "B0 A0")
        #expect(last.finishes == [5, 1])
    }

    /// A (arr 0, 2, D 10) runs [0,2) alone. B (arr 0.5, 1, D 1) and C (arr 0.5, 1, D 20) wait;
    /// at t=2 B is late (slack -1), C has score 1/18. Default rank-last: C [2,3), B [3,4).
    /// late_jobs=most-urgent (the real-time study's former copy): B [2,3), C [3,4).
    @Test func planariaLateJobRuleBothWays() throws {
        let jobs = [TestJob(arrival: 0, layers: [2], deadline: 10), TestJob(arrival: 0.5, layers: [1], deadline: 1),
                    TestJob(arrival: 0.5, layers: [1], deadline: 20)]
        let (_, rankLast) = try runSchedule(policy: Planaria(), jobs)
        #expect(rankLast.order == "A0 C0 B0")
        #expect(rankLast.finishes == [2, 4, 3])
        let (_, mostUrgent) = try runSchedule(policy: Planaria(lateJobs: .mostUrgent), jobs)
        #expect(mostUrgent.order == "A0 B0 C0")
        #expect(mostUrgent.finishes == [2, 3, 4])
        #expect(try PolicyRegistry.builtIn.make("planaria") is Planaria)
        #expect(((try PolicyRegistry.builtIn.make("planaria")) as? Planaria)?.lateJobs == .rankLast)
    }

    /// A lone job of priority 0.5: its token (0.5) never reaches PREMA's threshold of 1.
    /// Default (work-conserving): the largest tokens are the candidates, A runs [0,1).
    /// idle_below_threshold: the accelerator is held until the token reaches 1: it grows by
    /// 0.5 * t / 1 (E = 1 s), so 0.5 + 0.5 t = 1 at t = 1 (also the cap, one isolated estimate);
    /// A then runs [1, 2). Formerly no event came and A was left unfinished (issue 12).
    @Test func premaIdlingRuleBothWays() throws {
        let jobs = [TestJob(arrival: 0, layers: [1], deadline: 10, priority: 0.5)]
        let (conserving, log) = try runSchedule(policy: PREMA(sparse: false), jobs)
        #expect(log.finishes == [1])
        #expect(conserving.unfinished == 0)
        let (idling, idleLog) = try runSchedule(policy: PREMA(sparse: false, idleBelowThreshold: true), jobs)
        #expect(idling.unfinished == 0)
        #expect(idleLog.finishes == [2])
        #expect(idling.metrics.acceleratorBusySeconds == [1])  // the hold is not busy time
    }

    /// Idle mode, priority 0.001 (the lowest allowed): the token needs (1 - 0.001) / 0.001 = 999
    /// isolated estimates of waiting; the hold is capped at one estimate (1 s), so the accelerator
    /// re-decides each second and A starts at t = 999 and finishes at 1000. Nothing is stranded.
    @Test func premaIdleModeNeverStrandsLowPriorities() throws {
        let jobs = [TestJob(arrival: 0, layers: [1], deadline: 10, priority: 0.001)]
        let (idling, log) = try runSchedule(policy: PREMA(sparse: false, idleBelowThreshold: true), jobs)
        #expect(idling.unfinished == 0)
        #expect(log.finishes.count == 1)
        #expect(abs(log.finishes[0] - 1000) < 1e-6)
    }
}
