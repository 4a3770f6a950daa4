import BatonCore
import BatonExperiments
import BatonPolicies
import BatonRTMM
import BatonSparse

/// `cross-study`: every registered policy on both studies' headline settings, which neither study
/// had: EDF, LLF and DREAM on the sparse benchmark (one accelerator), Dysta (with its monitor) and
/// SJF on the real-time platforms, and any policy a package registered.
///
/// Sparse study: both pools at the equivalent utilisation of the study's higher arrival rate
/// (attention 40/s, CNN 4/s; see `SparseExperimentRunner`), SLO 10, 1000 requests, seeds 1-5: mean
/// violation rate and ANTT. Real-time study: the five scenarios on both platforms of `dream-uxcost`,
/// 4 s of frames, seeds 1-5: geometric-mean floored UXCost and mean violation rate. Each row says
/// whether the policy is in that study's own comparison set.
public enum CrossStudyExperiment {
    public static let name = "cross-study"
    public static let title = "Every policy on both studies' headline settings"

    public static func run(quick: Bool, registry: BatonRegistry, jobs: Int = 1,
                           progress: ProgressReporter? = nil) throws -> ExperimentOutput {
        let policies = registry.policies
        let names = policies.names
        var table = ResultTable(columns: ["study", "setting", "policy", "family", "study_set", "oracle",
                                          "violation_rate", "antt", "uxcost_geomean", "rank"])
        var summary: [String] = []

        // Sparse study.
        for (pool, studyRate) in [(SparsePool.attention, 40.0), (.cnn, 4.0)] {
            var plan = SparseRunPlan(workload: .pool(pool, inputsPerFile: quick ? 50 : SparseRunPlan.defaultInputsPerFile, benchmarkSeed: 1))
            var compat = plan
            compat.compatibility = .dystaArtifact
            let utilization = studyRate * RequestGenerator.meanRequestSeconds(try SparseStudy.loadWorkload(compat))
            plan.schedulers = names
            plan.load = .utilizations([utilization])
            plan.sloMultipliers = [10]
            plan.requests = quick ? 200 : 1000
            plan.seeds = Array(1...(quick ? 2 : 5))
            let records = try SparseStudy.records(plan, registry: policies, jobs: jobs, progress: progress)
            let rows = RecordTable.seedGroups(records).map { group -> (name: String, violation: Double, antt: Double) in
                (group[0].scheduler, group.map(\.violationRate).reduce(0, +) / Double(group.count),
                 group.map(\.antt).reduce(0, +) / Double(group.count))
            }
            let setting = "\(pool.rawValue), u = \(ResultTable.formatFixed(utilization, digits: 2)) (study rate \(ResultValue.format(studyRate))/s)"
            let ranked = rows.sorted { ($0.violation, $0.antt, $0.name) < ($1.violation, $1.antt, $1.name) }
            for (rank, row) in ranked.enumerated() {
                let d = try policies.descriptor(row.name)
                table.append(row: [.text("sparse"), .text(setting), .text(row.name), .text(d.family),
                                   .text(d.studies.contains("sparse") ? "yes" : "no"), .text(d.isOracle ? "yes" : "no"),
                                   .double(row.violation), .double(row.antt), .text(""), .int(rank + 1)])
            }
            summary.append(verdict(study: "sparse", setting: setting, ranked: ranked.map { ($0.name, $0.violation) },
                                   own: "dysta", metric: "violation rate", policies: policies))
        }

        // Real-time study.
        let (seeds, duration) = DreamExperiments.setup(quick: quick, seeds: nil, durationSeconds: nil)
        let summaries = try DreamExperiments.grid(schedulers: names, seeds: seeds, duration: duration, library: try ModelLibrary.builtIn(),
                                                  parameters: [], registry: policies, jobs: jobs, progress: nil)
        var rtRows: [(name: String, uxcost: Double, violation: Double)] = []
        for name in names {
            let cases = summaries.filter { $0.scheduler == name }
            rtRows.append((name, geometricMean(cases.map(\.uxCostForRatios)),
                           cases.map(\.violationRate).reduce(0, +) / Double(max(cases.count, 1))))
        }
        let setting = "\(DreamExperiments.scenarios.count) scenarios x \(DreamExperiments.platforms.joined(separator: ", "))"
        let ranked = rtRows.sorted { ($0.uxcost, $0.name) < ($1.uxcost, $1.name) }
        for (rank, row) in ranked.enumerated() {
            let d = try policies.descriptor(row.name)
            table.append(row: [.text("rtmm"), .text(setting), .text(row.name), .text(d.family),
                               .text(d.studies.contains("rtmm") ? "yes" : "no"), .text(d.isOracle ? "yes" : "no"),
                               .double(row.violation), .text(""), .double(row.uxcost), .int(rank + 1)])
        }
        summary.append(verdict(study: "rtmm", setting: setting, ranked: ranked.map { ($0.name, $0.uxcost) },
                               own: "dream", metric: "geometric-mean UXCost", policies: policies))

        let caption = "Every registered policy; study_set = in that study's own comparison set; ranked by violation rate (sparse) or UXCost (rtmm)"
        let text = """
            Neither study ran the other's schedulers. Sparse rows: mean over seeds \(quick ? "1-2" : "1-5") at the \
            equivalent utilisation of the study's higher rate, SLO 10. Real-time rows: geometric mean of the floored \
            UXCost over the \(DreamExperiments.scenarios.count * DreamExperiments.platforms.count) cases of dream-uxcost.

            \(summary.map { "- " + $0 }.joined(separator: "\n"))

            """
        return ExperimentOutput(name: name, title: title, tables: [NamedTable(name: name, caption: caption, table: table)],
                                plots: [], summary: text)
    }

    /// One line: the best policy, the best of the study's own set, and where `own` stands.
    static func verdict(study: String, setting: String, ranked: [(String, Double)], own: String, metric: String,
                        policies: PolicyRegistry) -> String {
        let deployable = ranked.filter { (try? policies.descriptor($0.0).isOracle) != true }
        let studySet = deployable.filter { (try? policies.descriptor($0.0).studies.contains(study)) == true }
        guard let best = deployable.first, let bestOwn = studySet.first,
              let ownRank = deployable.firstIndex(where: { $0.0 == own }) else { return "\(study): no result" }
        let beaten = deployable.prefix(ownRank).map(\.0)
        var line = "\(study) (\(setting)): best deployable policy \(best.0) (\(metric) \(ResultTable.formatFixed(best.1, digits: 4))); "
        line += "best of the study's own set \(bestOwn.0) (\(ResultTable.formatFixed(bestOwn.1, digits: 4))); "
        line += beaten.isEmpty ? "\(own) is first." : "\(own) is #\(ownRank + 1), behind \(beaten.joined(separator: ", "))."
        return line
    }
}
