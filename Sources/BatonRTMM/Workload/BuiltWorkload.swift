import BatonCore

/// What a run needs to know about one model of its workload: where its cost tables are and its
/// energy floor for UXCost.
public struct BuiltModel: Sendable, Equatable {
    /// Model name.
    public var name: String
    /// Catalog index of the nominal (estimate) table of the full model.
    public var nominalTable: Int
    /// Catalog indices of the variants' tables, largest first (cheapest last).
    public var variantTables: [Int]
    /// Relative accuracy of the full model (1) followed by each variant's.
    public var accuracies: [Double]
    /// Catalog indices of the per-input true tables (empty without cost variation).
    public var inputTables: [Int]
    /// Ratio-table indices of the inputs (for a run-time monitor), parallel to `inputTables`.
    public var inputRatios: [Int]
    /// Lowest isolated energy of the full model on any accelerator of the platform (nominal), mJ.
    public var minimumEnergyMillijoules: Double
    /// Isolated latency of the full model on its fastest accelerator (nominal), seconds.
    public var fastestLatencySeconds: Double
}

/// A scenario timeline turned into cost tables and a frame source for one platform and seed.
public struct BuiltWorkload: Sendable {
    /// Cost tables of every model, variant and input, with the models' names.
    public let catalog: WorkloadCatalog
    /// Per catalog model.
    public let models: [BuiltModel]
    /// The frames (periodic and cascaded) of the run.
    public let source: FrameSource
    /// Frames are generated for [0, duration).
    public let durationSeconds: Double
}
