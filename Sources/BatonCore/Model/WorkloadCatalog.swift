/// Everything jobs refer to by index: model names, cost tables and observed-sparsity tables.
///
/// Jobs carry small integer indices into a catalog instead of copies of their costs, so a run of
/// a million requests holds one table per (model, input), not one per request.
public final class WorkloadCatalog: Sendable {
    /// Names of the models (per-model results use these, in this order).
    public let modelNames: [String]
    /// Cost tables (true per-input costs, and estimates).
    public let costTables: [CostTable]
    /// Per-layer observed cost ratios for the run-time monitor: for each input, layer k's
    /// `(1 - s_measured) / (1 - s_average)` (a density ratio). Indexed like `costTables`' users.
    public let ratioTables: [[Double]]

    public init(modelNames: [String], costTables: [CostTable], ratioTables: [[Double]] = []) {
        self.modelNames = modelNames
        self.costTables = costTables
        self.ratioTables = ratioTables
    }
}
