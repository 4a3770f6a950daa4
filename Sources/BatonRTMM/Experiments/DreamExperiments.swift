import BatonCore
import BatonPolicies
import BatonExperiments

/// The DREAM study's experiments (ASPLOS 2023) on XRBench's workloads: UXCost against the
/// baselines, the ablation of DREAM's mechanisms, and the convergence of its online tuning.
public enum DreamExperiments {
    /// The five scenarios DREAM evaluated.
    public static let scenarios = ["vr-gaming", "ar-gaming", "ar-assistant", "outdoor-a", "social-a"]
    /// The two heterogeneous platforms.
    public static let platforms = ["dual-4k-ws-os", "quad-4k-ws-os"]
    /// The study's claim: geometric-mean UXCost reduction against its two strongest baselines, and
    /// the best case. Baton pairs the smaller figure with the stronger baseline.
    public static let claimedReductions: [(geomean: Double, best: Double)] = [(32.2, 80.8), (50.0, 97.6)]

    /// Seeds and frame-generation duration: quick = seed 1 and 0.5 s; full = seeds 1-5 and 4 s.
    public static func setup(quick: Bool, seeds: [UInt64]?, durationSeconds: Double?) -> (seeds: [UInt64], duration: Double) {
        (seeds ?? (quick ? [1] : [1, 2, 3, 4, 5]), durationSeconds ?? (quick ? 0.5 : 4))
    }

    /// The DREAM study's baselines: its comparison set in the registry, without DREAM itself.
    public static func baselineNames(_ registry: PolicyRegistry = .builtIn) -> [String] {
        let dreamFamily = Set(registry.descriptors.filter { $0.family == "dream" }.map(\.name))
        return registry.studyPolicies("rtmm").filter { !dreamFamily.contains($0) }
    }

    /// Runs `schedulers` on every (scenario, platform) of the study (or of `cases`) and averages over seeds.
    public static func grid(schedulers: [String], seeds: [UInt64], duration: Double, library: ModelLibrary,
                     parameters: [ParameterAssignment], registry: PolicyRegistry, jobs: Int = 1,
                     cases: (scenarios: [String], platforms: [String])? = nil,
                     progress: ((String) -> Void)?) throws -> [RTMMSummary] {
        let (scenarios, platforms) = cases ?? (Self.scenarios, Self.platforms)
        // Every (scenario, platform, scheduler, seed) is a point of the grid runner.
        let values = try registry.parameterValues(for: schedulers, assignments: parameters)
        var points: [SweepPoint] = []
        for scenario in scenarios {
            for platform in platforms {
                for (i, scheduler) in schedulers.enumerated() {
                    let policy = values[i].nonDefaultSweepParameters
                    for seed in seeds {
                        points.append(SweepPoint(index: points.count, parameters: policy + [
                            SweepParameter(name: "scenario", value: .text(scenario)), SweepParameter(name: "platform", value: .text(platform)),
                            SweepParameter(name: "scheduler", value: .text(scheduler)), SweepParameter(name: "seed", value: .int(Int(seed))),
                            SweepParameter(name: "duration_ms", value: .double(duration * 1000))], source: "dream experiment"))
                    }
                }
            }
        }
        let runner = RTMMSweepRunner(registry: registry, library: library)
        progress?("\(points.count) runs")
        let runs = try GridRunner.map(points, jobs: jobs) { try runner.result($0) }
        return stride(from: 0, to: runs.count, by: seeds.count).map { RTMMSummary(Array(runs[$0..<($0 + seeds.count)])) }
    }

    static func table(_ summaries: [RTMMSummary]) -> ResultTable {
        var table = ResultTable(columns: RTMMSummary.intervalColumns)
        for summary in summaries { table.append(summary.row(interval: .studentT)) }
        return table
    }

    // MARK: dream-uxcost

    /// UXCost, energy, violation rate and XRBench score of every baseline and DREAM on the five
    /// scenarios and two platforms, and DREAM's geometric-mean UXCost reduction against each
    /// baseline beside the study's claim.
    public static func uxcost(quick: Bool, seeds: [UInt64]? = nil, durationSeconds: Double? = nil,
                              library: ModelLibrary? = nil, parameters: [ParameterAssignment] = [],
                              registry: PolicyRegistry = .builtIn,
                              progress: ((String) -> Void)? = nil) throws -> DreamExperimentOutput {
        let (seeds, duration) = setup(quick: quick, seeds: seeds, durationSeconds: durationSeconds)
        let library = try library ?? ModelLibrary.builtIn()
        let baselines = baselineNames(registry)
        let summaries = try grid(schedulers: baselines + ["dream"], seeds: seeds, duration: duration, library: library,
                                 parameters: parameters, registry: registry, progress: progress)
        func cases(_ scheduler: String) -> [RTMMSummary] { summaries.filter { $0.scheduler == scheduler } }
        let dreamCases = cases("dream")
        // Strength of a baseline: geometric mean of its (floored) UXCost over the ten cases.
        let strength = baselines.map { ($0, geometricMean(cases($0).map(\.uxCostForRatios))) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        // A case is infeasible when no baseline finishes any frame on time (every V = 1).
        let infeasible = Set(dreamCases.indices.filter { i in baselines.allSatisfy { cases($0)[i].violationRate >= 1 } })
        var summary = ResultTable(columns: ["baseline", "strength_rank", "geomean_uxcost", "dream_geomean_reduction_pct",
                                            "max_reduction_pct", "max_case", "cases_dream_lower", "cases",
                                            "feasible_geomean_reduction_pct", "paper_claim_pct"])
        var lines: [String] = []
        for (rank, entry) in strength.enumerated() {
            let baseline = cases(entry.0)
            let ratios = zip(dreamCases, baseline).map { $0.uxCostForRatios / $1.uxCostForRatios }
            let best = ratios.indices.min { ratios[$0] < ratios[$1] }!
            let reduction = 100 * (1 - geometricMean(ratios))
            let feasible = 100 * (1 - geometricMean(ratios.indices.filter { !infeasible.contains($0) }.map { ratios[$0] }))
            let claim = rank < claimedReductions.count ? "\(claimedReductions[rank].geomean) (up to \(claimedReductions[rank].best))" : ""
            summary.append(["baseline": .text(entry.0), "strength_rank": .int(rank + 1), "geomean_uxcost": .double(entry.1),
                            "dream_geomean_reduction_pct": .double(reduction), "max_reduction_pct": .double(100 * (1 - ratios[best])),
                            "max_case": .text("\(baseline[best].scenario)/\(baseline[best].platform)"),
                            "cases_dream_lower": .int(ratios.filter { $0 < 1 }.count), "cases": .int(ratios.count),
                            "feasible_geomean_reduction_pct": .double(feasible), "paper_claim_pct": .text(claim)])
            if rank < 2 {
                lines.append("- against \(entry.0) (strength rank \(rank + 1)): geometric-mean reduction "
                             + "\(ResultTable.formatFixed(reduction, digits: 1))% (study: \(claimedReductions[rank].geomean)%), "
                             + "best case \(ResultTable.formatFixed(100 * (1 - ratios[best]), digits: 1))% on "
                             + "\(baseline[best].scenario)/\(baseline[best].platform) (study: up to \(claimedReductions[rank].best)%); "
                             + "DREAM lower in \(ratios.filter { $0 < 1 }.count) of \(ratios.count) cases; "
                             + "\(ResultTable.formatFixed(feasible, digits: 1))% without the infeasible cases")
            }
        }
        let infeasibleNames = infeasible.sorted().map { "\(dreamCases[$0].scenario)/\(dreamCases[$0].platform)" }
        lines.append("- infeasible cases (every baseline has V = 1): "
                     + (infeasibleNames.isEmpty ? "none" : infeasibleNames.joined(separator: ", ")))
        // Per scenario: the best reduction against each of the two strongest baselines.
        var perScenario: [String] = []
        for scenario in scenarios {
            let parts = strength.prefix(2).map { entry -> String in
                let pairs = zip(dreamCases, cases(entry.0)).filter { $0.0.scenario == scenario }
                let bestReduction = pairs.map { 100 * (1 - $0.uxCostForRatios / $1.uxCostForRatios) }.max() ?? 0
                return "\(entry.0) \(ResultTable.formatFixed(bestReduction, digits: 1))%"
            }
            perScenario.append("\(scenario): " + parts.joined(separator: ", "))
        }
        let markdown = """
            ### dream-uxcost
            Five XRBench scenarios on \(platforms.joined(separator: " and ")); frames generated for \
            \(ResultTable.formatFixed(duration, digits: 1)) s per run, seeds \(seeds.map(String.init).joined(separator: ",")), \
            figures averaged over seeds. UXCost = E_norm x V; ratios use V and E_norm floored at 1/(2 frames).
            \(lines.joined(separator: "\n"))
            Best case per scenario against the two strongest baselines: \(perScenario.joined(separator: "; ")).

            """
        var output = DreamExperimentOutput(table: table(summaries), summary: summary, markdown: markdown)
        output.pairedSamples = RTMMCommandLine.pairedSamples(summaries)
        return output
    }

    // MARK: dream-ablation

    /// What frame drop, preference, variants and online tuning each contribute: DREAM against its
    /// ablations on the same cases.
    public static func ablation(quick: Bool, seeds: [UInt64]? = nil, durationSeconds: Double? = nil,
                                library: ModelLibrary? = nil, parameters: [ParameterAssignment] = [],
                                registry: PolicyRegistry = .builtIn,
                                progress: ((String) -> Void)? = nil) throws -> DreamExperimentOutput {
        let (seeds, duration) = setup(quick: quick, seeds: seeds, durationSeconds: durationSeconds)
        let library = try library ?? ModelLibrary.builtIn()
        let variants = DreamParameters.Variant.allCases.map(\.rawValue)
        let summaries = try grid(schedulers: variants, seeds: seeds, duration: duration, library: library,
                                 parameters: parameters, registry: registry, progress: progress)
        let full = summaries.filter { $0.scheduler == "dream" }
        var summary = ResultTable(columns: ["variant", "mechanism_removed", "geomean_uxcost_vs_dream", "median_uxcost_vs_dream",
                                            "dream_reduction_pct", "mean_violation_rate", "mean_e_norm", "mean_accuracy", "cases_worse"])
        let removed = ["dream": "none", "dream-no-drop": "frame drop", "dream-no-pref": "preference",
                       "dream-fixed": "online tuning", "dream-no-variant": "model variants"]
        var lines: [String] = []
        for variant in variants {
            let rows = summaries.filter { $0.scheduler == variant }
            let ratios = zip(rows, full).map { $0.uxCostForRatios / $1.uxCostForRatios }
            let g = geometricMean(ratios)
            summary.append(["variant": .text(variant), "mechanism_removed": .text(removed[variant] ?? ""),
                            "geomean_uxcost_vs_dream": .double(g), "median_uxcost_vs_dream": .double(median(ratios)),
                            "dream_reduction_pct": .double(100 * (1 - 1 / g)),
                            "mean_violation_rate": .double(mean(rows.map(\.violationRate))),
                            "mean_e_norm": .double(mean(rows.map(\.normalizedEnergy))),
                            "mean_accuracy": .double(mean(rows.map(\.accuracy).filter(\.isFinite))),
                            "cases_worse": .int(ratios.filter { $0 > 1 }.count)])
            if variant != "dream" {
                lines.append("- without \(removed[variant]!): UXCost x\(ResultTable.formatFixed(g, digits: 2)) (geometric mean over "
                             + "\(ratios.count) cases; median x\(ResultTable.formatFixed(median(ratios), digits: 2)); "
                             + "higher in \(ratios.filter { $0 > 1 }.count))")
            }
        }
        let markdown = """
            ### dream-ablation
            DREAM against its ablations on the five scenarios and two platforms (\(ResultTable.formatFixed(duration, digits: 1)) s, \
            seeds \(seeds.map(String.init).joined(separator: ","))).
            \(lines.joined(separator: "\n"))

            """
        var output = DreamExperimentOutput(table: table(summaries), summary: summary, markdown: markdown)
        output.pairedSamples = RTMMCommandLine.pairedSamples(summaries)
        return output
    }
}
