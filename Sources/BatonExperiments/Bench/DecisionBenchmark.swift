import BatonCore
import BatonPolicies

/// Decision latency and simulation speed of policies at a fixed number of jobs in the system (a
/// closed loop on template jobs), on any catalog and platform. Shared by the studies' benchmarks.
public enum DecisionBenchmark {
    /// The table's columns.
    public static let columns = ["scheduler", "platform", "tasks_in_system", "decisions", "seconds", "decisions_per_second",
                                 "decision_median_ns", "decision_p99_ns", "drops_per_decision", "ns_per_frame_handled",
                                 "warmup_decisions"]

    /// One row per (policy, population): `policies` are registry names; `decisions` timed per row
    /// (nil: 2,000,000 / (population / 16), at least 500; a tenth of that with `quick`); decisions are timed only
    /// while `population` jobs are in the system (dropped jobs are replaced too, and counted per
    /// timed decision: a decision that drops frames also finds them), and the simulation speed (decisions per second,
    /// the engine's work included) over the span of the timed decisions. Once enough decisions are
    /// timed the remaining jobs run to completion without asking the policy (`TimedScheduler`).
    /// `warmup` decisions at the population are made untimed first: the closed loop starts with
    /// every job arriving at once, and a policy whose work depends on how the jobs' figures spread
    /// (DREAM's drops, the tournaments' crossings) reaches its steady state only after many
    /// decisions (see docs/decision-indexes.md). A policy that cannot run this workload (its
    /// factory or the engine refuses it) gets a row of zeros, so that the table still lists it.
    public static func table(policies: [String], registry: PolicyRegistry = .builtIn, catalog: WorkloadCatalog,
                             platform: Platform, templates: [JobSpec], populations: [Int], quick: Bool,
                             decisions wantedDecisions: Int? = nil, warmup: Int = 0,
                             progress: ((Int, Int) -> Void)? = nil) throws -> ResultTable {
        var table = ResultTable(columns: columns)
        let total = policies.count * populations.count
        var done = 0
        for name in policies {
            for population in populations {
                // Enough decisions for a stable figure, fewer where each decision may scan many jobs
                // (unless the caller says how many).
                let decisions = wantedDecisions ?? max(500, (quick ? 200_000 : 2_000_000) / max(1, population / 16))
                let prefix: [ResultValue] = [.text(name), .text(platform.name), .int(population)]
                if let row = try? measure(try registry.make(name), catalog: catalog, platform: platform, templates: templates,
                                          population: population, decisions: decisions, warmup: warmup) {
                    table.append(row: prefix + row)
                } else {
                    table.append(row: prefix + [.int(0), .double(0), .double(0), .int(0), .int(0), .double(0), .int(0), .int(warmup)])
                }
                done += 1
                progress?(done, total)
            }
        }
        return table
    }

    /// Runs `policy` once in a closed loop of `population` jobs until `decisions` decisions are timed
    /// (after `warmup` untimed ones) and returns (decisions, seconds, decisions/s, median ns, p99
    /// ns, drops per decision, ns per frame handled, warmup). A frame handled is one a decision
    /// started or dropped: the timed decisions' total time over their count plus their drops (the
    /// cost per frame of a policy whose decisions also find hopeless frames, DREAM's; for the
    /// others it is the mean decision).
    public static func measure(_ policy: any Scheduler, catalog: WorkloadCatalog, platform: Platform, templates: [JobSpec],
                               population: Int, decisions: Int, warmup: Int = 0) throws -> [ResultValue] {
        func run<P: Scheduler>(_ policy: P) throws -> [ResultValue] {
            // Every finished job is replaced while decisions are timed, and every dropped one (DREAM
            // drops frames by the thousand at these populations; without replacements the
            // population would fall below the one measured after a few decisions).
            let source = ClosedLoopSource(population: population, totalJobs: population + warmup + decisions, templates: templates,
                                          droppedReplacements: 64 * (population + warmup + decisions))
            var simulator = Simulator(catalog: catalog, platform: platform,
                                      scheduler: TimedScheduler(policy, minimumJobs: population, decisionLimit: decisions,
                                                                warmupDecisions: warmup), source: source)
            _ = try simulator.run()
            let latencies = simulator.scheduler.latencies
            let seconds = simulator.scheduler.measuredSpanSeconds
            return [.int(latencies.count), .double(seconds), .double(seconds > 0 ? Double(latencies.count) / seconds : 0),
                    .int(Int((latencies.percentile(50) * 1e9).rounded())), .int(Int((latencies.percentile(99) * 1e9).rounded())),
                    .double(latencies.count > 0 ? Double(simulator.scheduler.measuredDrops) / Double(latencies.count) : 0),
                    .int(Int((simulator.scheduler.measuredDecisionSeconds * 1e9
                              / Double(max(1, latencies.count + simulator.scheduler.measuredDrops))).rounded())),
                    .int(warmup)]
        }
        return try run(policy)
    }
}
