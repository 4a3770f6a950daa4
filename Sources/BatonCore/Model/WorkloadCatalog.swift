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

    /// Where each table's data starts in `packed`, and its accelerator count.
    @usableFromInline let slices: [PackedSlice]
    /// Every table's hot data in one contiguous array, table after table: latencies (layer-major),
    /// energies, remaining-on-fastest sums (layers + 1), fastest layer latencies. Simulations read
    /// costs from here, so a job's costs sit together in memory instead of in six separate arrays.
    @usableFromInline let packed: [Double]
    /// Every ratio table in one contiguous array; `ratioOffsets[t]` is where table t starts.
    @usableFromInline let packedRatios: [Double]
    @usableFromInline let ratioOffsets: [Int]

    public init(modelNames: [String], costTables: [CostTable], ratioTables: [[Double]] = []) {
        self.modelNames = modelNames
        self.costTables = costTables
        self.ratioTables = ratioTables
        var slices: [PackedSlice] = []
        var packed: [Double] = []
        packed.reserveCapacity(costTables.reduce(0) { $0 + $1.layerCount * (2 * $1.acceleratorCount + 2) + 1 })
        for table in costTables {
            let layers = table.layerCount, accelerators = table.acceleratorCount
            let base = packed.count
            packed += table.latencySeconds
            packed += table.energyMillijoules
            packed += table.remainingFastestSeconds
            packed += table.fastestLayerSeconds
            slices.append(PackedSlice(latency: base, energy: base + layers * accelerators,
                                      remainingFastest: base + 2 * layers * accelerators,
                                      fastest: base + 2 * layers * accelerators + layers + 1,
                                      accelerators: accelerators))
        }
        self.slices = slices
        self.packed = packed
        var offsets: [Int] = []
        var ratios: [Double] = []
        for table in ratioTables {
            offsets.append(ratios.count)
            ratios += table
        }
        ratioOffsets = offsets
        packedRatios = ratios
    }

    // MARK: Hot-path accessors (contiguous storage, no copy of a table)

    /// Latency of `layer` of table `table` on `accelerator`, seconds.
    @inlinable public func latency(table: Int, layer: Int, accelerator: Int) -> Double {
        let slice = slices[table]
        return packed[slice.latency + layer * slice.accelerators + accelerator]
    }

    /// Energy of `layer` of table `table` on `accelerator`, millijoules.
    @inlinable public func energy(table: Int, layer: Int, accelerator: Int) -> Double {
        let slice = slices[table]
        return packed[slice.energy + layer * slice.accelerators + accelerator]
    }

    /// Number of layers of table `table`.
    @inlinable public func layerCount(table: Int) -> Int {
        let slice = slices[table]
        return slice.fastest - slice.remainingFastest - 1
    }

    /// Remaining latency from `layer` of table `table`, each layer on its fastest accelerator.
    @inlinable public func remainingFastest(table: Int, from layer: Int) -> Double {
        packed[slices[table].remainingFastest + layer]
    }

    /// Latency of `layer` of table `table` on its fastest accelerator.
    @inlinable public func fastestLayer(table: Int, layer: Int) -> Double {
        packed[slices[table].fastest + layer]
    }

    /// Observed ratio of `layer` in ratio table `table`.
    @inlinable public func ratio(table: Int, layer: Int) -> Double {
        packedRatios[ratioOffsets[table] + layer]
    }
}

/// Offsets of one cost table's data in `WorkloadCatalog.packed`.
@usableFromInline struct PackedSlice: Sendable {
    @usableFromInline let latency: Int
    @usableFromInline let energy: Int
    @usableFromInline let remainingFastest: Int
    @usableFromInline let fastest: Int
    @usableFromInline let accelerators: Int

    @usableFromInline init(latency: Int, energy: Int, remainingFastest: Int, fastest: Int, accelerators: Int) {
        self.latency = latency
        self.energy = energy
        self.remainingFastest = remainingFastest
        self.fastest = fastest
        self.accelerators = accelerators
    }
}
