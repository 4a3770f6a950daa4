import BatonCore
import BatonPolicies
@testable import BatonSparse
import Testing

/// Golden cross-check of the `dysta-artifact` compatibility mode against the numbers printed by
/// the Dysta artifact's own code (repository SamsungLabs/Sparse-Multi-DNN-Scheduling, folder
/// `dysta_scheduler`, commit b9f19133b887ad2bfdec76f6ad6ec4c7443aaf3a).
///
/// How the expected numbers were obtained: the artifact's `scheduler.py`, `utils_common.py`,
/// `utils_pred.py`, `bench_sanger_v3.py` and `simulator.py` at that commit, unchanged and kept
/// outside this repository, were run (Python 3.11, NumPy 2.4, pandas) by a small driver that
/// 1. builds the artifact's latency table with `construct_lat_table` from the fixture trace
///    directory (files in name order, `seq_len` 512; the folder names `sanger` / `eyerissv2`
///    select the artifact's trace format, which it detects from the path);
/// 2. turns each row of the fixture request table into the artifact's request row
///    `[arrival, target_lat, model, priority, avg_lat_per_model, input, avg_sparsity,
///    avg_lat_per_pattern]` with `target_lat = deadline - arrival` (for every row
///    `arrival + target_lat` reproduces the deadline exactly, so no ulp adjustment was needed);
/// 3. runs each scheduler exactly as `simulator.py` does (same constructor arguments, alpha 1,
///    beta 0.01, and the same `is_pattern_aware` and `is_hw_monitor` rules), then prints
///    `calc_violation_rate`, `calc_ANTT` (np.mean) and `calc_system_thrpt` in Python's shortest
///    round-trip form. Those printed numbers are the literals below.
///
/// Fixtures (`Fixtures/compat/`):
/// - `sanger/`: `baton benchmark generate --pool attention --inputs 2 --seed 1` (costed at L = 512
///   in this mode); `requests_sanger.csv`: `baton requests generate --traces sanger --rate 45
///   --slo 3 --requests 60 --seed 10 --compat dysta-artifact`.
/// - `eyerissv2/`: hand-made Eyeriss-V2 traces with dyadic latencies and sparsities (exact sums,
///   so equal scores and arrivals exactly at a layer boundary happen): architecture `alpha` with
///   two patterns of 4 and 3 inputs (so the per-architecture averages are count-weighted), `beta`
///   and `gamma`; input 1 repeats input 0 in the `alpha` and `beta` files. `requests_eyerissv2.csv`:
///   40 requests on a 0.25 s grid, priorities 1/3/9, deadlines 0-6 s after arrival.
///
/// What the two tables exercise, counted in the artifact's own runs over the 11 schedulers: the
/// clock going backwards when the system drains (17 times on Sanger, 22 on Eyeriss-V2), arrivals
/// exactly at the clock that must wait (106, Eyeriss-V2), PREMA's thresholds 1, 3 and 9, negative
/// Planaria and SDRM3 scores (late jobs), equal Planaria scores and equal Dysta values.
@Suite("Cross-check: dysta-artifact mode against the artifact's own numbers")
struct ArtifactCrossCheckTests {
    struct Expected: Sendable {
        let scheduler: String
        let violationRate: Double
        let antt: Double
        let stp: Double
    }

    /// The artifact's scheduler names, in Baton's spelling (`sjf_sparse` is `sjf-sparse`, ...).
    static let artifactSchedulers = [
        "fcfs", "sjf", "sjf-sparse", "prema", "prema-sparse", "planaria",
        "sdrm3", "sdrm3-sparse", "dysta", "dysta-naive", "dysta-oracle",
    ]

    /// Artifact output for `compat/sanger` + `compat/requests_sanger.csv` (60 requests).
    static let sanger = [
        Expected(scheduler: "fcfs", violationRate: 0.31666666666666665, antt: 2.3813478203529033, stp: 42.9637846881135),
        Expected(scheduler: "sjf", violationRate: 0.2, antt: 2.0962538066705596, stp: 42.99547065851785),
        Expected(scheduler: "sjf-sparse", violationRate: 0.2, antt: 2.0936777322413733, stp: 42.99547065851785),
        Expected(scheduler: "prema", violationRate: 0.25, antt: 2.2197699675368243, stp: 42.9637846881135),
        Expected(scheduler: "prema-sparse", violationRate: 0.25, antt: 2.2197699675368243, stp: 42.9637846881135),
        Expected(scheduler: "planaria", violationRate: 0.16666666666666666, antt: 3.2892455604041833, stp: 42.99547065851785),
        Expected(scheduler: "sdrm3", violationRate: 0.4166666666666667, antt: 3.5473092111982534, stp: 42.9637846881135),
        Expected(scheduler: "sdrm3-sparse", violationRate: 0.4166666666666667, antt: 3.5488058329639656, stp: 42.9637846881135),
        Expected(scheduler: "dysta", violationRate: 0.11666666666666667, antt: 2.4116730989380297, stp: 42.99547065851785),
        Expected(scheduler: "dysta-naive", violationRate: 0.1, antt: 2.406854538376358, stp: 42.99547065851785),
        Expected(scheduler: "dysta-oracle", violationRate: 0.08333333333333333, antt: 2.3866276627879546, stp: 42.99547065851785),
    ]

    /// Artifact output for `compat/eyerissv2` + `compat/requests_eyerissv2.csv` (40 requests).
    static let eyerissV2 = [
        Expected(scheduler: "fcfs", violationRate: 0.475, antt: 4.103717948717948, stp: 1.146953405017921),
        Expected(scheduler: "sjf", violationRate: 0.25, antt: 2.5144322344322343, stp: 1.146953405017921),
        Expected(scheduler: "sjf-sparse", violationRate: 0.225, antt: 2.5066941391941393, stp: 1.146953405017921),
        Expected(scheduler: "prema", violationRate: 0.375, antt: 3.225366300366301, stp: 1.146953405017921),
        Expected(scheduler: "prema-sparse", violationRate: 0.325, antt: 3.2098901098901096, stp: 1.146953405017921),
        Expected(scheduler: "planaria", violationRate: 0.2, antt: 5.750915750915751, stp: 1.146953405017921),
        Expected(scheduler: "sdrm3", violationRate: 0.6, antt: 5.0730586080586075, stp: 1.146953405017921),
        Expected(scheduler: "sdrm3-sparse", violationRate: 0.55, antt: 5.113763736263737, stp: 1.146953405017921),
        Expected(scheduler: "dysta", violationRate: 0.225, antt: 2.4737271062271065, stp: 1.146953405017921),
        Expected(scheduler: "dysta-naive", violationRate: 0.225, antt: 2.4814652014652014, stp: 1.146953405017921),
        Expected(scheduler: "dysta-oracle", violationRate: 0.25, antt: 2.4053663003663, stp: 1.146953405017921),
    ]

    /// Runs every artifact scheduler on a fixture, in `mode`, the way `baton run --traces DIR
    /// --requests-csv FILE --compat dysta-artifact` does (engine invariants checked).
    static func run(traces: String, requests: String,
                    mode: SimulationSettings.Compatibility = .dystaArtifact) throws -> [String: RunMetrics] {
        let benchmark = try SparseBenchmark.load(directory: Fixtures.path(traces),
                                                 options: SparseBenchmarkOptions(compatibility: mode))
        let workload = benchmark.makeCatalog(compatibility: mode)
        let table = try RequestTable.read(path: Fixtures.path(requests), workload: workload)
        let jobs = try workload.makeJobs(table)
        var metrics: [String: RunMetrics] = [:]
        for name in artifactSchedulers {
            let scheduler = try TestPolicies.make(name, options: TestPolicyOptions(compatibility: mode))
            let result = try simulate(scheduler, catalog: workload.catalog, source: ListSource(jobs),
                                       settings: SimulationSettings(compatibility: mode, checkInvariants: true))
            #expect(result.unfinished == 0 && result.metrics.completed == jobs.count, "\(name) left work")
            metrics[name] = result.metrics
        }
        return metrics
    }

    static func check(_ metrics: [String: RunMetrics], against expected: [Expected]) throws {
        #expect(expected.map(\.scheduler) == artifactSchedulers)
        for e in expected {
            let m = try #require(metrics[e.scheduler])
            #expect(abs(m.violationRate - e.violationRate) <= 1e-9, "\(e.scheduler): violation rate \(m.violationRate) vs artifact \(e.violationRate)")
            #expect(abs(m.antt - e.antt) <= 1e-9, "\(e.scheduler): ANTT \(m.antt) vs artifact \(e.antt)")
            #expect(abs(m.throughput - e.stp) <= 1e-9, "\(e.scheduler): STP \(m.throughput) vs artifact \(e.stp)")
        }
    }

    @Test func sangerTracesMatchTheArtifact() throws {
        try Self.check(try Self.run(traces: "compat/sanger", requests: "compat/requests_sanger.csv"), against: Self.sanger)
    }

    @Test func eyerissV2TracesMatchTheArtifact() throws {
        try Self.check(try Self.run(traces: "compat/eyerissv2", requests: "compat/requests_eyerissv2.csv"), against: Self.eyerissV2)
    }

    /// The fixtures are not trivially mode-independent: Baton's own semantics (attention costed
    /// at the files' native lengths, Baton's loop and rules) give another ANTT for every scheduler
    /// on both tables, so the match above rests on the compatibility mode.
    @Test func defaultModeDiffersForEveryScheduler() throws {
        for (traces, requests, expected) in [("compat/sanger", "compat/requests_sanger.csv", Self.sanger),
                                             ("compat/eyerissv2", "compat/requests_eyerissv2.csv", Self.eyerissV2)] {
            let baton = try Self.run(traces: traces, requests: requests, mode: .none)
            for e in expected {
                let m = try #require(baton[e.scheduler])
                #expect(abs(m.antt - e.antt) > 1e-9, "\(traces) \(e.scheduler): default mode equals the artifact")
            }
        }
    }
}
