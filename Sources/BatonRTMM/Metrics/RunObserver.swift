import BatonCore

/// Collects what the engine's streaming metrics do not: per-model turnaround times (for
/// percentiles) and the variant each completed frame ran as (for accuracy).
final class RunObserver: SimulationObserver {
    private(set) var turnaroundSeconds: [[Double]]
    private(set) var variantCounts: [[Int]]
    private(set) var accuracySum: [Double]
    private let accuracies: [[Double]]

    init(models: [BuiltModel]) {
        turnaroundSeconds = models.map { _ in [] }
        variantCounts = models.map { [Int](repeating: 0, count: $0.accuracies.count) }
        accuracySum = [Double](repeating: 0, count: models.count)
        accuracies = models.map(\.accuracies)
    }

    func jobFinished(_ job: JobState, at time: Double) {
        let model = job.spec.model
        turnaroundSeconds[model].append(time - job.arrivalSeconds)
        let variant = min(job.variant, accuracies[model].count - 1)
        variantCounts[model][variant] += 1
        accuracySum[model] += accuracies[model][variant]
    }
}

/// The `p`-th percentile (0...100) of `values` by the nearest-rank method (0 if empty).
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let rank = Int(saturating: p / 100 * Double(sorted.count), rounding: .up)
    return sorted[min(max(rank, 1), sorted.count) - 1]
}
