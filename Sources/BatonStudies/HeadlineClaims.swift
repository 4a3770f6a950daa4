import BatonCore
import BatonExperiments
import BatonPolicies
import BatonRTMM
import BatonSparse

/// `headline-claims`: each study's headline claim, measured with paired 95% intervals over seeds
/// against two comparison sets: the study's own (Dysta: PREMA, Planaria, SDRM3, the state of the art
/// it counted; DREAM: its baselines, `rtmm-dream.md` section 4) and every policy Baton has (outside
/// the claimant's own family). Each claim gets a verdict by one stated rule (`Verdict`).
///
/// Seeds: 5, raised to 10 and then 20 while a study-set comparison's interval still contains "no
/// effect" although its mean points the claimed way (an effect not yet resolved); a given seed count
/// (`--seeds`) is used as it is. The summary says how many seeds were used and which intervals still
/// contain no effect.
public enum HeadlineClaims {
    public static let name = "headline-claims"
    public static let title = "Headline claims with paired 95% intervals, against the study's comparison set and every Baton policy"

    /// Dysta's comparison set: the state-of-the-art schedulers the study counted (`sparse-multi-dnn.md`).
    public static var dystaStudySet: [String] { SparseRunPlan.stateOfTheArt }
    /// Seed counts tried in turn when no count is given.
    public static let seedSteps = [5, 10, 20]

    /// One measured claim.
    public struct Claim: Sendable {
        public var study: String
        public var claim: String
        public var comparisonSet: String
        public var setting: String
        /// What the best case is taken over (the pool for Dysta; empty for DREAM).
        public var scope: String = ""
        public var against: String
        /// "violation points saved", "ANTT ratio" or "UXCost reduction %": larger is better for the claimant.
        public var measure: String
        public var statistics: SeedStatistics
        public var wins: Int
        /// The value meaning "no effect" (0, or 1 for a ratio) and the study's figure.
        public var noEffect: Double
        public var studyFigure: Double
        /// Whether the study's figure is a best case ("up to"): exceeding it still reproduces it.
        public var upTo: Bool

        public var verdict: String { Verdict.of(self) }
    }

    /// The verdict rule: *reproduced* when the interval excludes no effect on the claimed side and the
    /// mean is at least half the study's effect (and, unless the claim is a best case, at most twice
    /// it); *partly* when the interval excludes no effect on the claimed side but the size is outside
    /// that range; *not reproduced* when the interval contains no effect or lies on the other side.
    public enum Verdict {
        public static func of(_ c: Claim) -> String {
            let s = c.statistics
            guard s.low.isFinite else { return "not established (one seed)" }
            if s.high < c.noEffect { return "not reproduced (opposite direction)" }
            if s.low <= c.noEffect { return "not reproduced (interval contains no effect)" }
            let effect = s.mean - c.noEffect, claimed = c.studyFigure - c.noEffect
            if effect < 0.5 * claimed { return "partly (smaller than the study's figure)" }
            if !c.upTo && effect > 2 * claimed { return "partly (larger than the study's figure)" }
            return "reproduced"
        }
    }

    public static func run(quick: Bool, seeds: Int? = nil, registry: BatonRegistry, jobs: Int = 1,
                           progress: ProgressReporter? = nil) throws -> ExperimentOutput {
        let steps = seeds.map { [$0] } ?? (quick ? [2] : seedSteps)
        var sparse: [Claim] = [], realTime: [Claim] = []
        var used = (sparse: 0, realTime: 0)
        for count in steps {
            sparse = try dystaClaims(quick: quick, seeds: count, registry: registry, jobs: jobs, progress: progress)
            used.sparse = count
            if !unresolved(sparse.filter { $0.comparisonSet == "study" }) { break }
        }
        for count in steps {
            realTime = try dreamClaims(quick: quick, seeds: count, registry: registry, jobs: jobs)
            used.realTime = count
            if !unresolved(realTime.filter { $0.comparisonSet == "study" }) { break }
        }
        let claims = sparse + realTime
        var table = ResultTable(columns: ["study", "claim", "comparison_set", "setting", "against", "measure", "seeds"]
                                + SeedStatistics.columnNames("effect") + ["wins", "study_figure", "verdict"])
        for c in claims {
            table.append(row: [.text(c.study), .text(c.claim), .text(c.comparisonSet), .text(c.setting), .text(c.against), .text(c.measure),
                               .int(c.statistics.n)] + c.statistics.cells + [.int(c.wins), .double(c.studyFigure), .text(c.verdict)])
        }
        var text = "Paired 95% intervals over seeds (Student's t on per-seed differences). Study set: the schedulers each study "
        text += "compared with (Dysta: \(dystaStudySet.joined(separator: ", ")); DREAM: \(DreamExperiments.baselineNames(registry.policies).joined(separator: ", "))); "
        text += "Baton's best: the best of every registered policy outside the claimant's family (oracles left out). Verdict: reproduced when the interval "
        text += "excludes no effect and the mean is at least half the study's effect (at most twice it unless the claim is a best case); "
        text += "partly when it excludes no effect but the size is outside that range; not reproduced otherwise.\n\n"
        text += "Seeds: Dysta \(used.sparse), DREAM \(used.realTime)\(seeds == nil && !quick ? " (5, raised to 10 and 20 while a study-set interval was unresolved)" : "").\n\n"
        text += summaryLines(claims).map { "- " + $0 }.joined(separator: "\n") + "\n"
        return ExperimentOutput(name: name, title: title, tables: [NamedTable(name: name, caption: "Headline claims", table: table)], summary: text)
    }

    /// Whether some claim's interval contains no effect while its mean points the claimed way.
    static func unresolved(_ claims: [Claim]) -> Bool {
        claims.contains { $0.statistics.low.isFinite && $0.statistics.low <= $0.noEffect && $0.statistics.mean > $0.noEffect }
    }

    /// One sentence per headline claim (the best case of each claim and set).
    public static func summaryLines(_ claims: [Claim]) -> [String] {
        var lines: [String] = []
        var seen = Set<String>()
        for c in claims where seen.insert(c.study + c.claim + c.comparisonSet + c.scope).inserted {
            // The best case over the settings of this claim, set and scope.
            let group = claims.filter { $0.study == c.study && $0.claim == c.claim && $0.comparisonSet == c.comparisonSet && $0.scope == c.scope }
            let best = group.max { $0.statistics.mean < $1.statistics.mean } ?? c
            let s = best.statistics
            let set = c.comparisonSet == "study" ? "study's set" : "Baton's best"
            // Differences carry a sign; ratios (no effect = 1) do not.
            func number(_ value: Double) -> String {
                let text = PairedComparison.signed(value)
                return best.noEffect == 0 ? text : String(text.drop { $0 == "+" })
            }
            var line = "\(c.study) vs \(best.against) (\(set)), \(best.setting): \(best.measure) \(number(s.mean))"
            line += s.low.isFinite ? " [\(number(s.low)), \(number(s.high))]" : ""
            line += ", better on \(best.wins)/\(s.n) seeds; study: \(ResultValue.format(best.studyFigure))\(best.upTo ? " (best case)" : "") — \(best.verdict)"
            if group.count > 1 { line += " (best of \(group.count) settings)" }
            lines.append(line)
        }
        return lines
    }

    // MARK: Dysta

    static func dystaClaims(quick: Bool, seeds: Int, registry: BatonRegistry, jobs: Int,
                            progress: ProgressReporter?) throws -> [Claim] {
        let policies = registry.policies
        let dystaFamily = Set(policies.descriptors.filter { $0.family == "dysta" }.map(\.name))
        let oracles = Set(policies.descriptors.filter(\.isOracle).map(\.name))
        let others = policies.names.filter { !dystaFamily.contains($0) && !oracles.contains($0) }
        var claims: [Claim] = []
        for pool in SparsePool.allCases {
            var plan = SparseRunPlan(workload: .pool(pool, inputsPerFile: quick ? 50 : SparseRunPlan.defaultInputsPerFile, benchmarkSeed: 1))
            // The study's rates (quick: the higher one only).
            let rates: [Double] = Array((pool == .attention ? [30, 40] : [3, 4]).suffix(quick ? 1 : 2))
            let utilizations = try SparseExperimentRunner.equivalentUtilizations(rates: rates, plan: plan)
            plan.schedulers = ["dysta"] + others
            plan.load = .utilizations(utilizations)
            plan.sloMultipliers = [10]
            plan.requests = quick ? 200 : 1000
            plan.seeds = Array(1...seeds)
            let records = try SparseStudy.records(plan, registry: policies, jobs: jobs, progress: progress)
            for (rate, utilization) in zip(rates, utilizations) {
                let here = records.filter { $0.targetUtilization == utilization }
                func perSeed(_ name: String, _ value: (SparseRunRecord) -> Double) -> [Double] {
                    here.filter { $0.scheduler == name }.sorted { $0.seed < $1.seed }.map(value)
                }
                let setting = "\(pool.rawValue) pool at the study's \(ResultValue.format(rate))/s contention (u = \(ResultTable.formatFixed(utilization, digits: 2)))"
                let dystaViolation = perSeed("dysta", \.violationRate), dystaANTT = perSeed("dysta", \.antt)
                for (set, candidates) in [("study", dystaStudySet), ("all", others)] {
                    func best(_ value: (SparseRunRecord) -> Double) -> String {
                        candidates.min { a, b in
                            let ma = mean(perSeed(a, value)), mb = mean(perSeed(b, value))
                            return (ma, a) < (mb, b)
                        }!
                    }
                    let v = best(\.violationRate)
                    let saved = zip(perSeed(v, \.violationRate), dystaViolation).map { 100 * ($0 - $1) }
                    claims.append(Claim(study: "Dysta", claim: "fewer SLO violations", comparisonSet: set, setting: setting, scope: pool.rawValue, against: v,
                                        measure: "violation points saved", statistics: SeedStatistics(saved),
                                        wins: saved.filter { $0 > 0 }.count, noEffect: 0, studyFigure: 10, upTo: true))
                    let a = best(\.antt)
                    let ratios = zip(perSeed(a, \.antt), dystaANTT).map { $0 / $1 }
                    claims.append(Claim(study: "Dysta", claim: "lower ANTT", comparisonSet: set, setting: setting, scope: pool.rawValue, against: a,
                                        measure: "ANTT ratio (baseline / Dysta)", statistics: SeedStatistics(ratios),
                                        wins: ratios.filter { $0 > 1 }.count, noEffect: 1, studyFigure: 4, upTo: true))
                }
            }
        }
        return claims
    }

    // MARK: DREAM

    static func dreamClaims(quick: Bool, seeds: Int, registry: BatonRegistry, jobs: Int) throws -> [Claim] {
        let policies = registry.policies
        let dreamFamily = Set(policies.descriptors.filter { $0.family == "dream" }.map(\.name))
        let studySet = DreamExperiments.baselineNames(policies)
        let oracles = Set(policies.descriptors.filter(\.isOracle).map(\.name))
        let others = policies.names.filter { !dreamFamily.contains($0) && !oracles.contains($0) }
        let (_, duration) = DreamExperiments.setup(quick: quick, seeds: nil, durationSeconds: nil)
        // Quick: two scenarios on one platform (CI-sized).
        let studied = quick ? (Array(DreamExperiments.scenarios.prefix(2)), Array(DreamExperiments.platforms.prefix(1)))
            : (DreamExperiments.scenarios, DreamExperiments.platforms)
        let summaries = try DreamExperiments.grid(schedulers: ["dream"] + others, seeds: (1...seeds).map(UInt64.init), duration: duration,
                                                  library: try ModelLibrary.builtIn(), parameters: [], registry: policies, jobs: jobs,
                                                  cases: studied, progress: nil)
        let floored = RTMMSummary.metricNames.firstIndex(of: "uxcost_floored")!
        func cases(_ name: String) -> [RTMMSummary] { summaries.filter { $0.scheduler == name } }
        let dream = cases("dream")
        // Strength: geometric mean of the mean floored UXCost over the cases (as dream-uxcost).
        func ranked(_ names: [String]) -> [String] {
            names.map { ($0, geometricMean(cases($0).map(\.uxCostForRatios))) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
        func reductions(against name: String) -> [Double] {
            let base = cases(name)
            return (0..<seeds).map { s in
                100 * (1 - geometricMean(zip(dream, base).map { $0.seedMetricValues[s][floored] / $1.seedMetricValues[s][floored] }))
            }
        }
        let setting = "\(studied.0.count) scenarios x \(studied.1.count) platform\(studied.1.count == 1 ? "" : "s"), geometric mean"
        var claims: [Claim] = []
        for (set, names, count) in [("study", ranked(studySet), 2), ("all", ranked(others), 1)] {
            for (rank, name) in names.prefix(count).enumerated() {
                let r = reductions(against: name)
                claims.append(Claim(study: "DREAM", claim: "lower UXCost than the \(rank == 0 ? "strongest" : "second strongest") baseline",
                                    comparisonSet: set, setting: setting, against: name, measure: "UXCost reduction %",
                                    statistics: SeedStatistics(r), wins: r.filter { $0 > 0 }.count, noEffect: 0,
                                    studyFigure: DreamExperiments.claimedReductions[rank].geomean, upTo: false))
            }
        }
        return claims
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
}
