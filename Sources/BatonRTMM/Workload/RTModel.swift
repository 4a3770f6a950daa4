/// Per-layer costs of one model (or variant) on one kind of accelerator.
public struct LayerCosts: Sendable, Equatable {
    /// Latency of each layer in whole nanoseconds (exact: XRBench costs have 1 ns resolution at 1 GHz).
    public var latencyNanoseconds: [Int64]
    /// Energy of each layer, in XRBench units (millijoules).
    public var energyMillijoules: [Double]

    public init(latencyNanoseconds: [Int64], energyMillijoules: [Double]) {
        precondition(latencyNanoseconds.count == energyMillijoules.count, "one energy per latency")
        self.latencyNanoseconds = latencyNanoseconds
        self.energyMillijoules = energyMillijoules
    }

    /// Number of layers.
    public var layerCount: Int { latencyNanoseconds.count }
    /// Latency of layer `k` in seconds.
    @inlinable public func latencySeconds(_ k: Int) -> Double { Double(latencyNanoseconds[k]) * 1e-9 }
    /// Whole-model latency in nanoseconds (exact).
    public var totalNanoseconds: Int64 { latencyNanoseconds.reduce(0, +) }
    /// Whole-model energy in millijoules.
    public var totalEnergyMillijoules: Double { energyMillijoules.reduce(0, +) }

    /// These costs with every layer's latency and energy multiplied by its factor (latency rounded
    /// to whole nanoseconds, at least 1 ns for a layer that had any latency).
    public func scaled(by factors: [Double]) -> LayerCosts {
        precondition(factors.count == layerCount, "one factor per layer")
        var latency = latencyNanoseconds
        var energy = energyMillijoules
        for k in 0..<layerCount {
            let scaled = (Double(latency[k]) * factors[k]).rounded()
            latency[k] = latency[k] > 0 ? max(1, Int64(Int(saturating: scaled))) : 0  // never traps
            energy[k] *= factors[k]
        }
        return LayerCosts(latencyNanoseconds: latency, energyMillijoules: energy)
    }
}

/// A smaller sub-network of a model (a supernet variant): fewer or narrower layers, lower cost,
/// lower accuracy.
public struct RTModelVariant: Sendable, Equatable {
    /// Name, unique within its model (e.g. "w50" for half width).
    public var name: String
    /// Accuracy relative to the full model (the full model is 1).
    public var relativeAccuracy: Double
    /// Costs per accelerator kind.
    public var costs: [AcceleratorKind: LayerCosts]

    public init(name: String, relativeAccuracy: Double, costs: [AcceleratorKind: LayerCosts]) {
        self.name = name
        self.relativeAccuracy = relativeAccuracy
        self.costs = costs
    }
}

/// A DNN model of a real-time workload: per-layer costs on each accelerator kind, optional layer
/// shapes and optional variants.
public struct RTModel: Sendable, Equatable {
    /// Name as scenarios refer to it (XRBench spelling for built-in models, e.g. `ES_RITNet`).
    public var name: String
    /// Layer shapes, when known (built-in models); used to derive width variants.
    public var shapes: [LayerShape]?
    /// Costs per accelerator kind; every kind has the same layer count.
    public var costs: [AcceleratorKind: LayerCosts]
    /// Variants, largest first (cheapest last).
    public var variants: [RTModelVariant]

    public init(name: String, shapes: [LayerShape]? = nil, costs: [AcceleratorKind: LayerCosts],
                variants: [RTModelVariant] = []) {
        self.name = name
        self.shapes = shapes
        self.costs = costs
        self.variants = variants
    }

    /// Accelerator kinds this model has costs for, sorted.
    public var kinds: [AcceleratorKind] { costs.keys.sorted() }

    /// Whether the model (and each of its variants) has costs for `kind`.
    public func supports(_ kind: AcceleratorKind) -> Bool {
        costs[kind] != nil && variants.allSatisfy { $0.costs[kind] != nil }
    }
}
