/// Per-layer costs of one model (or one input of a model, or one variant) on every accelerator
/// of a platform, with the remaining-work sums precomputed so that schedulers read them in O(1).
///
/// Storage is flat: the cost of layer `k` on accelerator `a` sits at `k * acceleratorCount + a`.
public struct CostTable: Sendable {
    /// How remaining sums are added up. Both give the same value up to rounding; `leftToRight`
    /// reproduces a reference tool that re-sums the remaining layers in order at every decision.
    public enum Summation: Sendable {
        /// suffix[k] = cost[k] + suffix[k + 1]: O(layers).
        case rightToLeft
        /// suffix[k] = ((cost[k] + cost[k+1]) + ...) in layer order: O(layers^2), bit-exact with
        /// `sum(list[k:])` in the Dysta artifact.
        case leftToRight
    }

    /// Number of layers.
    public let layerCount: Int
    /// Number of accelerators the table has a column for.
    public let acceleratorCount: Int
    /// Latency of each layer on each accelerator, in seconds.
    public let latencySeconds: [Double]
    /// Energy of each layer on each accelerator, in millijoules (0 where not modelled).
    public let energyMillijoules: [Double]
    /// `remainingSeconds[a * (layerCount + 1) + k]`: latency of layers k..<end on accelerator a.
    public let remainingSeconds: [Double]
    /// `remainingFastestSeconds[k]`: latency of layers k..<end, each on its fastest accelerator.
    public let remainingFastestSeconds: [Double]
    /// `fastestLayerSeconds[k]`: latency of layer k on its fastest accelerator.
    public let fastestLayerSeconds: [Double]

    /// Creates a table from layer-major latencies (and energies, if modelled).
    public init(layerCount: Int, acceleratorCount: Int, latencySeconds: [Double],
                energyMillijoules: [Double]? = nil, summation: Summation = .rightToLeft) {
        precondition(layerCount > 0 && acceleratorCount > 0, "a cost table needs layers and accelerators")
        precondition(latencySeconds.count == layerCount * acceleratorCount, "latency table has the wrong size")
        self.layerCount = layerCount
        self.acceleratorCount = acceleratorCount
        self.latencySeconds = latencySeconds
        self.energyMillijoules = energyMillijoules ?? [Double](repeating: 0, count: latencySeconds.count)
        precondition(self.energyMillijoules.count == latencySeconds.count, "energy table has the wrong size")

        var fastest = [Double](repeating: 0, count: layerCount)
        for k in 0..<layerCount {
            var best = Double.infinity
            for a in 0..<acceleratorCount { best = min(best, latencySeconds[k * acceleratorCount + a]) }
            fastest[k] = best
        }
        fastestLayerSeconds = fastest

        var remaining = [Double](repeating: 0, count: acceleratorCount * (layerCount + 1))
        for a in 0..<acceleratorCount {
            let base = a * (layerCount + 1)
            let column = (0..<layerCount).map { latencySeconds[$0 * acceleratorCount + a] }
            let sums = CostTable.suffixSums(column, summation)
            for k in 0...layerCount { remaining[base + k] = sums[k] }
        }
        remainingSeconds = remaining
        remainingFastestSeconds = acceleratorCount == 1 ? remaining : CostTable.suffixSums(fastest, summation)
    }

    /// A single-accelerator table from one latency per layer.
    public init(latencySeconds perLayer: [Double], summation: Summation = .rightToLeft) {
        self.init(layerCount: perLayer.count, acceleratorCount: 1, latencySeconds: perLayer, summation: summation)
    }

    /// Sums of `values[k...]` for k in 0...count (the last is 0).
    static func suffixSums(_ values: [Double], _ summation: Summation) -> [Double] {
        var sums = [Double](repeating: 0, count: values.count + 1)
        switch summation {
        case .rightToLeft:
            for k in stride(from: values.count - 1, through: 0, by: -1) { sums[k] = values[k] + sums[k + 1] }
        case .leftToRight:
            for k in 0..<values.count {
                var total = 0.0
                for i in k..<values.count { total += values[i] }
                sums[k] = total
            }
        }
        return sums
    }

    /// Latency of layer `layer` on accelerator `accelerator`, in seconds.
    @inlinable public func latency(layer: Int, accelerator: Int) -> Double {
        latencySeconds[layer * acceleratorCount + accelerator]
    }

    /// Energy of layer `layer` on accelerator `accelerator`, in millijoules.
    @inlinable public func energy(layer: Int, accelerator: Int) -> Double {
        energyMillijoules[layer * acceleratorCount + accelerator]
    }

    /// Latency of layers `layer..<end` on accelerator `accelerator`.
    @inlinable public func remaining(from layer: Int, accelerator: Int) -> Double {
        remainingSeconds[accelerator * (layerCount + 1) + layer]
    }

    /// Whole-model latency on `accelerator` (isolated, from the first layer).
    @inlinable public func total(accelerator: Int) -> Double { remaining(from: 0, accelerator: accelerator) }

    /// Whole-model energy on `accelerator`.
    public func totalEnergy(accelerator: Int) -> Double {
        var sum = 0.0
        for k in 0..<layerCount { sum += energy(layer: k, accelerator: accelerator) }
        return sum
    }
}
