@testable import BatonCore
import BatonExperiments
import BatonPolicies
import Testing

/// The decision benchmark's counts: how many decisions it times, after how many untimed warm-up
/// decisions, at the population asked for.
@Suite("Decision benchmark")
struct DecisionBenchmarkTests {
    static let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1, 2])])
    static let templates = [JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 100, trueCosts: 0)]

    /// A policy that counts its decisions (FCFS's choice).
    struct Counting: Scheduler {
        var inner = FCFS()
        var decisions = 0
        var name: String { "counting" }
        mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
            decisions += 1
            return inner.select(for: accelerator, context: &context)
        }
    }

    @Test func timesTheDecisionsAfterTheWarmUp() throws {
        // Four two-layer jobs in the system, each finished one replaced: every decision is at the
        // population until the limit; 7 untimed, then 10 timed, then the tail runs unasked.
        var simulator = Simulator(catalog: Self.catalog, platform: .single(),
                                  scheduler: TimedScheduler(Counting(), minimumJobs: 4, decisionLimit: 10, warmupDecisions: 7),
                                  source: ClosedLoopSource(population: 4, totalJobs: 4 + 7 + 10, templates: Self.templates))
        _ = try simulator.run()
        #expect(simulator.scheduler.warmupDone == 7)
        #expect(simulator.scheduler.latencies.count == 10)
        #expect(simulator.scheduler.inner.decisions == 17)
    }

    /// A policy that drops the newest other waiting job at each decision (when there is one) and
    /// runs the oldest.
    struct DroppingOne: Scheduler {
        var name: String { "dropping-one" }
        mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
            guard let oldest = context.jobs.indices.first(where: { context.jobs[$0].isReady }) else { return nil }
            if let newest = context.jobs.indices.last(where: { context.jobs[$0].isReady }), newest != oldest { context.drop(newest) }
            return Selection(jobIndex: oldest, layerCount: 1)
        }
    }

    @Test func framesHandledCountTheDrops() throws {
        // Four jobs, each dropped one replaced: every timed decision drops one frame, so each
        // handles two (the one it starts, the one it drops).
        let row = try DecisionBenchmark.measure(DroppingOne(), catalog: Self.catalog, platform: .single(), templates: Self.templates,
                                                population: 4, decisions: 10, warmup: 3)
        let column = { (name: String) in row[DecisionBenchmark.columns.firstIndex(of: name)! - 3] }
        #expect(column("drops_per_decision") == .double(1))
        guard case .int(let perFrame) = column("ns_per_frame_handled"), case .int(let p99) = column("decision_p99_ns") else {
            Issue.record("integer columns expected")
            return
        }
        // The mean over two frames per decision is at most half the slowest decision (plus rounding).
        #expect(perFrame >= 0 && perFrame <= p99 / 2 + 1)
    }

    @Test func theRowRecordsTheWarmUp() throws {
        let row = try DecisionBenchmark.measure(FCFS(), catalog: Self.catalog, platform: .single(), templates: Self.templates,
                                                population: 3, decisions: 5, warmup: 4)
        #expect(row.count == DecisionBenchmark.columns.count - 3)
        #expect(row.first == .int(5))
        #expect(row.last == .int(4))
    }
}
