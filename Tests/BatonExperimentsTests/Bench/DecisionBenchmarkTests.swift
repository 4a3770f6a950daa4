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

    @Test func theRowRecordsTheWarmUp() throws {
        let row = try DecisionBenchmark.measure(FCFS(), catalog: Self.catalog, platform: .single(), templates: Self.templates,
                                                population: 3, decisions: 5, warmup: 4)
        #expect(row.count == DecisionBenchmark.columns.count - 3)
        #expect(row.first == .int(5))
        #expect(row.last == .int(4))
    }
}
