import Foundation
import BatonCore
import BatonPolicies
import BatonExperiments

/// Figures of one model of a summary, averaged over seeds.
public struct RTMMModelSummary: Sendable, Equatable {
    public var name: String
    /// Mean counted frames.
    public var frames: Double
    /// Mean UXCost of this model's frames alone.
    public var uxCost: Double
    /// Mean energy, mJ.
    public var energyMillijoules: Double
    /// Mean violation rate.
    public var violationRate: Double
    /// Mean drop rate.
    public var dropRate: Double
    /// Mean XRBench model score, 100 x S_m.
    public var xrbenchScore: Double
    /// Mean relative accuracy of completed frames.
    public var accuracy: Double
    /// Mean 95th-percentile turnaround, seconds.
    public var p95LatencySeconds: Double
    /// Mean frames left unfinished at the end of the run (neither completed nor dropped).
    public var unfinished: Double = 0

    public init(name: String, frames: Double, uxCost: Double, energyMillijoules: Double, violationRate: Double,
                dropRate: Double, xrbenchScore: Double, accuracy: Double, p95LatencySeconds: Double, unfinished: Double = 0) {
        self.unfinished = unfinished
        self.name = name; self.frames = frames; self.uxCost = uxCost; self.energyMillijoules = energyMillijoules
        self.violationRate = violationRate; self.dropRate = dropRate; self.xrbenchScore = xrbenchScore
        self.accuracy = accuracy; self.p95LatencySeconds = p95LatencySeconds
    }
}

/// Figures of one (scenario, platform, scheduler) averaged arithmetically over seeds.
public struct RTMMSummary: Sendable, Equatable {
    public var scenario: String
    public var platform: String
    public var scheduler: String
    /// Number of seeds averaged.
    public var seeds: Int
    /// Mean frames per run.
    public var frames: Double
    /// Mean UXCost (E_norm x V, unfloored).
    public var uxCost: Double
    /// Mean UXCost with both terms floored (for ratios; see `UXCost.ratioValue`).
    public var uxCostForRatios: Double
    /// Mean E_norm.
    public var normalizedEnergy: Double
    /// Mean energy, mJ.
    public var energyMillijoules: Double
    /// Mean violation rate V.
    public var violationRate: Double
    /// Mean drop rate.
    public var dropRate: Double
    /// Mean XRBench score.
    public var xrbenchScore: Double
    /// Mean relative accuracy of the completed frames of all seeds (nan if none completed).
    public var accuracy: Double
    /// Mean 95th-percentile turnaround, seconds.
    public var p95LatencySeconds: Double
    /// Mean frames left unfinished at the end of a run: frames released = `frames` + `unfinished`.
    public var unfinished: Double = 0
    /// Per model (catalog order), averaged over seeds.
    public var perModel: [RTMMModelSummary]
    /// The seed, when the summary is of one run shown per seed.
    public var seed: UInt64?
    /// Each seed's metrics (one array per seed, in `metricNames` order): what the standard
    /// deviations and intervals are formed from (empty for the parity mode's summaries).
    public var seedMetricValues: [[Double]] = []

    /// Averages runs of the same scenario, platform and scheduler (`seed`: label it as that one run).
    public init(_ runs: [RTMMRunResult], seed: UInt64? = nil) {
        self.seed = seed
        precondition(!runs.isEmpty, "nothing to average")
        let n = Double(runs.count)
        func mean(_ value: (RTMMRunResult) -> Double) -> Double { runs.map(value).reduce(0, +) / n }
        scenario = runs[0].scenario
        platform = runs[0].platform
        scheduler = runs[0].scheduler
        seeds = runs.count
        frames = mean { Double($0.frames) }
        uxCost = mean { $0.uxCost.value }
        uxCostForRatios = mean { $0.uxCost.ratioValue }
        normalizedEnergy = mean { $0.uxCost.normalizedEnergy }
        energyMillijoules = mean(\.energyMillijoules)
        violationRate = mean(\.violationRate)
        dropRate = mean(\.dropRate)
        xrbenchScore = mean(\.xrbenchScore)
        accuracy = weightedAccuracy(runs.map { ($0.meanAccuracy, $0.metrics.completed) })
        p95LatencySeconds = mean { $0.latencyPercentilesSeconds.p95 }
        unfinished = mean { Double($0.metrics.unfinished) }
        perModel = runs[0].models.indices.map { m in
            RTMMModelSummary(
                name: runs[0].models[m].name,
                frames: mean { Double($0.models[m].stats.counted) },
                uxCost: mean { $0.models[m].uxCost.value },
                energyMillijoules: mean { $0.models[m].stats.energyMillijoules },
                violationRate: mean { $0.models[m].stats.violationRate },
                dropRate: mean { $0.models[m].stats.counted == 0 ? 0 : Double($0.models[m].stats.dropped) / Double($0.models[m].stats.counted) },
                xrbenchScore: mean { 100 * $0.models[m].stats.xrbenchScore },
                accuracy: weightedAccuracy(runs.map { ($0.models[m].meanAccuracy, $0.models[m].stats.completed) }),
                p95LatencySeconds: mean(\.models[m].p95LatencySeconds),
                unfinished: mean { Double($0.models[m].stats.unfinished) })
        }
        seedMetricValues = runs.map { run in
            [Double(run.frames), run.uxCost.value, run.uxCost.ratioValue, run.uxCost.normalizedEnergy, run.energyMillijoules,
             run.violationRate, run.dropRate, run.xrbenchScore, run.meanAccuracy, run.latencyPercentilesSeconds.p95,
             Double(run.metrics.unfinished)]
        }
        assert(seedMetricValues.allSatisfy { $0.count == Self.metricNames.count }, "one value per metric name")
    }

    /// Columns of `row()`: the identifying parameters, `seeds`, then `metricFields`'s names.
    public static let columns = ["scenario", "platform", "scheduler", "seeds"] + metricNames
    /// The metric names, in output order (one name each in every command and file).
    public static let metricNames = ["frames", "uxcost", "uxcost_floored", "e_norm", "energy_mj", "violation_rate", "drop_rate",
                                     "xrbench_score", "accuracy", "latency_p95_s", "unfinished"]

    /// The metrics, typed, in `metricNames` order.
    public var metricFields: [(name: String, value: Double)] {
        zip(Self.metricNames, [frames, uxCost, uxCostForRatios, normalizedEnergy, energyMillijoules, violationRate, dropRate,
                               xrbenchScore, accuracy, p95LatencySeconds, unfinished]).map { ($0, $1) }
    }

    /// Builds a summary from averaged figures (the parity mode's rows).
    public init(scenario: String, platform: String, scheduler: String, seeds: Int, frames: Double, uxCost: Double,
                uxCostForRatios: Double, normalizedEnergy: Double, energyMillijoules: Double, violationRate: Double,
                dropRate: Double, xrbenchScore: Double, accuracy: Double, p95LatencySeconds: Double, perModel: [RTMMModelSummary]) {
        self.scenario = scenario; self.platform = platform; self.scheduler = scheduler; self.seeds = seeds
        self.frames = frames; self.uxCost = uxCost; self.uxCostForRatios = uxCostForRatios
        self.normalizedEnergy = normalizedEnergy; self.energyMillijoules = energyMillijoules
        self.violationRate = violationRate; self.dropRate = dropRate; self.xrbenchScore = xrbenchScore
        self.accuracy = accuracy; self.p95LatencySeconds = p95LatencySeconds; self.perModel = perModel
    }

    /// Columns of `row(interval:)`: `columns` with each metric `m` followed by `m_sd`, `m_ci_low`
    /// and `m_ci_high` (`SeedStatistics.columnNames`).
    public static let intervalColumns = ["scenario", "platform", "scheduler", "seeds"] + metricNames.flatMap(SeedStatistics.columnNames)

    /// The summary as a result row (energy in mJ, latency in seconds); with `interval`, each
    /// metric's standard deviation and 95% interval over `seedMetricValues` too (empty cells when
    /// fewer than two seeds). The mean stays the summary's own (accuracy: weighted by frames).
    public func row(interval: IntervalMethod? = nil) -> [String: ResultValue] {
        var row: [String: ResultValue] = ["scenario": .text(scenario), "platform": .text(platform), "scheduler": .text(scheduler),
                                          "seeds": .int(seeds)]
        for (m, field) in metricFields.enumerated() {
            row[field.name] = .double(field.value)
            guard let interval else { continue }
            let statistics = SeedStatistics(seedMetricValues.map { $0[m] }, method: interval)
            let names = SeedStatistics.columnNames(field.name)
            for (name, cell) in zip(names, statistics.cells).dropFirst() { row[name] = cell }
        }
        return row
    }
}

extension RTMMRunner {
    /// Runs scheduler `name` once per seed and averages.
    public static func runSeeds(_ spec: RTMMRunSpec, scheduler name: String, seeds: [UInt64], library: ModelLibrary,
                                parameters: ParameterValues? = nil, registry: PolicyRegistry = .builtIn) throws -> RTMMSummary {
        RTMMSummary(try seeds.map { try run(spec, scheduler: name, seed: $0, library: library, parameters: parameters, registry: registry) })
    }
}

/// A table, an optional second table of derived figures, and a short Markdown summary.
public struct DreamExperimentOutput: Sendable {
    /// The main results.
    public var table: ResultTable
    /// Derived figures (reductions, convergence), if any.
    public var summary: ResultTable
    /// A few lines of Markdown stating the set-up and the headline figures.
    public var markdown: String
    /// Every run's figures per seed, for paired comparisons (`--baseline`); empty when not kept.
    public var pairedSamples: [PairedSample] = []
}

/// Geometric mean of positive values (0 if empty).
public func geometricMean(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    return exp(values.map { log($0) }.reduce(0, +) / Double(values.count))
}

/// Median of `values` (mean of the two middle values for an even count; 0 if empty).
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Mean accuracy over all completed frames of several runs, from each run's mean and count (nan if none).
func weightedAccuracy(_ runs: [(mean: Double, completed: Int)]) -> Double {
    let completed = runs.map(\.completed).reduce(0, +)
    guard completed > 0 else { return .nan }
    return runs.map { $0.mean * Double($0.completed) }.reduce(0, +) / Double(completed)
}

/// Arithmetic mean (0 if empty).
func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
