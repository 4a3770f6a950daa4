import BatonCore
import BatonExperiments
import BatonRTMM
import BatonSparse
import BatonStudies
import Foundation
import Testing

/// One result schema: every command's and every study's column names are declared parameters,
/// identifying columns, or metrics of `MetricCatalog` — the same name for the same thing everywhere.
@Suite("Result schema")
struct ResultSchemaTests {
    static let registry = BatonRegistry.builtIn
    /// Columns that identify or count rows rather than parameters or metrics.
    static let structural: Set = ["seeds", "seed", "model", "workload", "policy_parameters", "point", "setting", "study_rate"]
    static var known: Set<String> {
        var names = Set(MetricCatalog.names.flatMap(SeedStatistics.columnNames)).union(structural)
        for runner in registry.sweepRunners().all { names.formUnion(runner.parameters.map(\.name)) }
        for policy in registry.policies.descriptors { names.formUnion(policy.parameters.map(\.name)) }
        return names
    }

    func header(_ arguments: [String]) throws -> [String] {
        let outcome = try BatonProcess.run(arguments)
        #expect(outcome.exitCode == 0, "\(arguments): \(outcome.stderr)")
        return outcome.stdout.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
    }

    @Test func runAndRtmmRunUseTheSchema() throws {
        let sparse = try header(["run", "--inputs", "5", "--requests", "40", "--seeds", "1", "--schedulers", "fcfs,dysta",
                                 "--format", "csv", "--quiet"])
        let realTime = try header(["rtmm", "run", "--scenario", "vr-gaming", "--platform", "single-4k-ws", "--schedulers", "edf",
                                   "--duration-ms", "100", "--format", "csv", "--no-per-model", "--quiet"])
        for name in sparse + realTime { #expect(Self.known.contains(name), "unknown column '\(name)'") }
        #expect(sparse.contains("slo") && !sparse.contains("slo_multiplier"))
        #expect(sparse.contains("offered_utilization") && sparse.contains("achieved_utilization") && sparse.contains("utilization"))
        #expect(realTime.contains("energy_mj") && realTime.contains("latency_p95_s") && realTime.contains("e_norm"))
    }

    /// Every study's sweep metrics are catalogued metrics (the parameters are declared by definition).
    @Test func sweepMetricsAreCatalogued() throws {
        let points: [(study: String, parameters: [SweepParameter])] = [
            ("synthetic", [SweepParameter(name: "jobs", value: 20)]),
            ("sparse", [SweepParameter(name: "inputs", value: 5), SweepParameter(name: "requests", value: 20),
                        SweepParameter(name: "utilization", value: 0.5)]),
            ("rtmm", [SweepParameter(name: "duration_ms", value: 50), SweepParameter(name: "scheduler", value: "edf")]),
        ]
        let runners = Self.registry.sweepRunners()
        for (study, parameters) in points {
            let metrics = try runners.runner(for: study).run(SweepPoint(index: 0, parameters: parameters))
            for (name, _) in metrics { #expect(MetricCatalog.names.contains(name), "\(study): metric '\(name)' is not in MetricCatalog") }
        }
    }
}
