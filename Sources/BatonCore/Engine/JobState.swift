/// A job in the system, as the engine tracks it and schedulers read it.
///
/// The engine keeps the remaining-work figures up to date after every layer, so every scheduler
/// reads them in O(1) instead of summing the layers left.
public struct JobState: Sendable {
    // Stored in the order the policies read them: the figures every score reads (and the spec's
    // arrival and deadline, near its start) share the first two cache lines of the job, so that a
    // decision among thousands of jobs touches two lines per job it compares, not five.
    /// Admission sequence number: 0 for the first job admitted, then 1, 2, ... The stable tie key.
    public let serial: Int
    /// Accelerator running one of its layers now, or -1 when it is waiting.
    public internal(set) var runningOn: Int = -1
    /// Time the job last finished a layer (its admission's nominal arrival before that).
    public internal(set) var lastRunSeconds: Double
    /// Run-time monitor's prediction of true / average cost for the rest of the job (1 until a
    /// layer has run, and always 1 for schedulers without a monitor).
    public internal(set) var gamma: Double = 1
    /// Estimated latency of the layers not yet run (fastest accelerator), without gamma.
    public internal(set) var remainingEstimateSeconds: Double
    /// Estimated latency of the next layer (fastest accelerator), without gamma.
    public internal(set) var nextLayerEstimateSeconds: Double
    /// Estimated isolated latency E: sum of all layer estimates (fastest accelerator).
    public internal(set) var isolatedEstimateSeconds: Double
    /// True latency of the layers not yet run (fastest accelerator). Oracles only.
    public internal(set) var remainingTrueSeconds: Double
    /// The job as emitted by its source.
    public let spec: JobSpec
    /// True isolated latency R (fastest accelerator). Used for ANTT; oracles may read it.
    public internal(set) var isolatedTrueSeconds: Double
    /// Index of the next layer to run (== layerCount when done).
    public internal(set) var nextLayer: Int = 0
    /// Number of layers of the model (or chosen variant).
    public internal(set) var layerCount: Int
    /// Cost table of the true costs (may change once, when a variant is chosen at admission).
    public internal(set) var trueTable: Int
    /// Cost table of the estimates this job's scheduler uses.
    public internal(set) var estimateTable: Int
    /// Index of the chosen variant (0: the full model).
    public internal(set) var variant: Int = 0
    /// Accelerator that ran its last layer, or -1.
    public internal(set) var lastAccelerator: Int = -1
    /// Start of its first layer, or -1.
    public internal(set) var firstStartSeconds: Double = -1
    /// Energy spent on it so far, in millijoules.
    public internal(set) var energyMillijoules: Double = 0
    /// Sum of the observed ratios so far (for the average predictor).
    var ratioSum: Double = 0
    /// Free for the scheduler's own per-job state (e.g. PREMA's token). Starts at -1.
    public var schedulerValue: Double = -1
    /// Free for the scheduler's own per-job state (e.g. a time stamp). Starts at 0.
    public var schedulerStamp: Double = 0

    /// Priority, from the spec.
    @inlinable public var priority: Double { spec.priority }
    /// Nominal arrival time, from the spec.
    @inlinable public var arrivalSeconds: Double { spec.arrivalSeconds }
    /// Absolute deadline, from the spec.
    @inlinable public var deadlineSeconds: Double { spec.deadlineSeconds }
    /// Whether the job waits for an accelerator (is not running a layer now).
    @inlinable public var isReady: Bool { runningOn < 0 }
    /// Whether the job has started (run at least one layer).
    @inlinable public var hasStarted: Bool { nextLayer > 0 }

    init(serial: Int, spec: JobSpec, estimateTable: Int, catalog: WorkloadCatalog) {
        self.serial = serial
        self.spec = spec
        self.trueTable = spec.trueCosts
        self.estimateTable = estimateTable
        // From the catalog's packed arrays: copying the `CostTable`s would retain and release each
        // of their arrays per admitted job. (Every table has at least one layer.)
        let layers = catalog.layerCount(table: spec.trueCosts)
        precondition(layers == catalog.layerCount(table: estimateTable), "estimate and true tables differ in layer count")
        layerCount = layers
        lastRunSeconds = spec.arrivalSeconds
        remainingEstimateSeconds = catalog.remainingFastest(table: estimateTable, from: 0)
        isolatedEstimateSeconds = remainingEstimateSeconds
        nextLayerEstimateSeconds = catalog.fastestLayer(table: estimateTable, layer: 0)
        remainingTrueSeconds = catalog.remainingFastest(table: spec.trueCosts, from: 0)
        isolatedTrueSeconds = remainingTrueSeconds
    }

    /// Re-points the job at a variant's tables (only before its first layer).
    mutating func switchTables(trueTable: Int, estimateTable: Int, variant: Int, catalog: WorkloadCatalog) {
        precondition(nextLayer == 0, "a variant can only be chosen before the first layer")
        self.trueTable = trueTable
        self.estimateTable = estimateTable
        self.variant = variant
        let truth = catalog.costTables[trueTable]
        let estimate = catalog.costTables[estimateTable]
        layerCount = truth.layerCount
        remainingEstimateSeconds = estimate.remainingFastestSeconds[0]
        isolatedEstimateSeconds = remainingEstimateSeconds
        nextLayerEstimateSeconds = estimate.fastestLayerSeconds[0]
        remainingTrueSeconds = truth.remainingFastestSeconds[0]
        // isolatedTrueSeconds stays that of the full model: ANTT compares with the requested model.
    }

    /// The figures `completeLayer` changes, with the serial (`EngineState.plannedProgress`).
    @usableFromInline var progress: JobProgress {
        JobProgress(serial: serial, nextLayer: nextLayer, lastRunSeconds: lastRunSeconds, lastAccelerator: lastAccelerator,
                    energyMillijoules: energyMillijoules, remainingEstimateSeconds: remainingEstimateSeconds,
                    nextLayerEstimateSeconds: nextLayerEstimateSeconds, remainingTrueSeconds: remainingTrueSeconds,
                    gamma: gamma, ratioSum: ratioSum)
    }

    /// Takes every figure `completeLayer` changes from `planned`, the progress of the same job
    /// advanced through layers ahead of time (`EngineState.plannedProgress`).
    mutating func adoptProgress(of planned: JobProgress) {
        nextLayer = planned.nextLayer
        lastRunSeconds = planned.lastRunSeconds
        lastAccelerator = planned.lastAccelerator
        energyMillijoules = planned.energyMillijoules
        remainingEstimateSeconds = planned.remainingEstimateSeconds
        nextLayerEstimateSeconds = planned.nextLayerEstimateSeconds
        remainingTrueSeconds = planned.remainingTrueSeconds
        gamma = planned.gamma
        ratioSum = planned.ratioSum
    }

    /// Advances past one finished layer and refreshes the remaining-work figures (O(1), no copies).
    /// `adoptProgress(of:)` copies every figure it changes: keep the two in step.
    @usableFromInline
    mutating func completeLayer(at time: Double, accelerator: Int, energy: Double,
                                catalog: WorkloadCatalog, predictor: GammaPredictor) {
        let finished = nextLayer
        nextLayer += 1
        lastRunSeconds = time
        lastAccelerator = accelerator
        energyMillijoules += energy
        remainingEstimateSeconds = catalog.remainingFastest(table: estimateTable, from: nextLayer)
        nextLayerEstimateSeconds = nextLayer < layerCount ? catalog.fastestLayer(table: estimateTable, layer: nextLayer) : 0
        remainingTrueSeconds = catalog.remainingFastest(table: trueTable, from: nextLayer)
        // A pattern match, not `!= .none`: the enum's `==` would compare (and retain) payloads.
        if case .none = predictor { return }
        if spec.observedRatios >= 0, variant == 0 {
            gamma = predictor.update(job: &self, finishedLayer: finished, catalog: catalog)
        }
    }
}

/// The figures of a job that running layers changes (`JobState.completeLayer`), as they will be
/// after a block the event loop planned ahead (`EngineState.plannedProgress`): 80 bytes, where a
/// whole job is 280, so keeping the plan does not copy a job twice more per block.
@usableFromInline
struct JobProgress {
    var serial: Int
    var nextLayer: Int
    var lastRunSeconds: Double
    var lastAccelerator: Int
    var energyMillijoules: Double
    var remainingEstimateSeconds: Double
    var nextLayerEstimateSeconds: Double
    var remainingTrueSeconds: Double
    var gamma: Double
    var ratioSum: Double
}
