import BatonCore

/// The `synthetic` study's workload: a small, documented random workload on one accelerator,
/// for demonstrating and testing sweeps (it reproduces no paper).
///
/// Three models run on one accelerator: `tiny` (3 layers, 1 ms in isolation), `small` (5 layers,
/// 4 ms) and `medium` (8 layers, 10 ms). Each model has four inputs whose true per-layer costs are
/// the model's average costs times 0.7, 0.9, 1.1 and 1.3; schedulers see the average (estimate)
/// table. Energy is 2 W x latency. Requests arrive as a Poisson stream at `rate` per second; each
/// picks a model and an input uniformly; its deadline is arrival + `slo` x the model's mean
/// isolated latency. With the mean isolated latency of 5 ms, the accelerator saturates near 200 req/s.
public enum SyntheticWorkload {
    /// Model names, in catalog order.
    public static let modelNames = ["tiny", "small", "medium"]
    /// Per-layer average latency of each model, in milliseconds.
    public static let layerMilliseconds: [[Double]] = [
        [0.3, 0.4, 0.3],
        [0.6, 1.0, 1.0, 0.8, 0.6],
        [1.0, 1.5, 1.5, 1.5, 1.5, 1.0, 1.0, 1.0],
    ]
    /// True-cost scale of each of a model's inputs.
    public static let inputScales = [0.7, 0.9, 1.1, 1.3]
    /// The platform: one accelerator.
    public static let platform = Platform(name: "synthetic", accelerators: [Accelerator(name: "acc0", dataflow: "generic")])
    /// Power used to derive energy from latency, in watts (mJ per ms).
    public static let powerWatts = 2.0

    /// The catalog: per model, its average (estimate) table, then one table per input.
    /// Table of model m's estimate: `m * (1 + inputs)`; of its input i: `m * (1 + inputs) + 1 + i`.
    public static let catalog: WorkloadCatalog = {
        var tables: [CostTable] = []
        for layers in layerMilliseconds {
            for scale in [1.0] + inputScales {
                let seconds = layers.map { $0 * scale / 1000 }
                let energy = seconds.map { $0 * 1000 * powerWatts }
                tables.append(CostTable(layerCount: seconds.count, acceleratorCount: 1,
                                        latencySeconds: seconds, energyMillijoules: energy))
            }
        }
        return WorkloadCatalog(modelNames: modelNames, costTables: tables)
    }()

    /// Mean isolated latency of model `model` (its estimate table's total), in seconds.
    public static func meanIsolatedSeconds(model: Int) -> Double {
        catalog.costTables[model * (1 + inputScales.count)].total(accelerator: 0)
    }

    /// Generates `count` jobs: Poisson arrivals at `ratePerSecond`, model and input uniform, from
    /// three independent streams of `seed` ("synthetic/arrivals", "synthetic/models", "synthetic/inputs").
    public static func jobs(count: Int, ratePerSecond: Double, sloMultiplier: Double, seed: UInt64) -> [JobSpec] {
        var arrivals = SeededRandom(seed: seed, stream: "synthetic/arrivals")
        var models = SeededRandom(seed: seed, stream: "synthetic/models")
        var inputs = SeededRandom(seed: seed, stream: "synthetic/inputs")
        var time = 0.0
        var jobs: [JobSpec] = []
        jobs.reserveCapacity(count)
        let stride = 1 + inputScales.count
        for id in 0..<count {
            time += arrivals.nextExponential(rate: ratePerSecond)
            let model = models.nextInt(below: modelNames.count)
            let input = inputs.nextInt(below: inputScales.count)
            let deadline = time + sloMultiplier * meanIsolatedSeconds(model: model)
            jobs.append(JobSpec(requestID: id, model: model, arrivalSeconds: time, deadlineSeconds: deadline,
                                trueCosts: model * stride + 1 + input, patternEstimate: model * stride,
                                architectureEstimate: model * stride))
        }
        return jobs
    }
}
