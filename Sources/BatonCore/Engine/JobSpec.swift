/// A job as a source emits it: one inference of one model on one input (or frame).
public struct JobSpec: Sendable, Equatable {
    /// Identifier from the source (request-table row, or a frame key); unique within a run.
    public var requestID: Int
    /// Index of the model in `WorkloadCatalog.modelNames` (for per-model results).
    public var model: Int
    /// Nominal arrival time in seconds (a frame's due time); turnaround counts from here.
    public var arrivalSeconds: Double
    /// When the job may first run (>= arrival for cascaded frames released by their upstream).
    public var readySeconds: Double
    /// Absolute deadline in seconds.
    public var deadlineSeconds: Double
    /// Priority (the Dysta study draws 1, 3 or 9; larger is more important).
    public var priority: Double
    /// Cost table holding this input's true per-layer costs (hidden from non-oracle schedulers).
    public var trueCosts: Int
    /// Cost table of pattern-aware estimates (per model and sparsity pattern).
    public var patternEstimate: Int
    /// Cost table of pattern-unaware estimates (per model architecture).
    public var architectureEstimate: Int
    /// Observed-ratio table of this input for the run-time monitor, or -1 if none.
    public var observedRatios: Int
    /// Frame index for periodic sources (0 otherwise).
    public var frameIndex: Int
    /// Cost tables of cheaper variants of this model, cheapest last (may be empty; at most 4).
    public var variantCosts: VariantTables
    /// Dropped as soon as it is admitted (a cascade child whose upstream frame was dropped).
    public var droppedOnArrival: Bool

    public init(requestID: Int, model: Int, arrivalSeconds: Double, readySeconds: Double? = nil,
                deadlineSeconds: Double, priority: Double = 1, trueCosts: Int,
                patternEstimate: Int? = nil, architectureEstimate: Int? = nil, observedRatios: Int = -1,
                frameIndex: Int = 0, variantCosts: VariantTables = [], droppedOnArrival: Bool = false) {
        self.requestID = requestID
        self.model = model
        self.arrivalSeconds = arrivalSeconds
        self.readySeconds = readySeconds ?? arrivalSeconds
        self.deadlineSeconds = deadlineSeconds
        self.priority = priority
        self.trueCosts = trueCosts
        self.patternEstimate = patternEstimate ?? trueCosts
        self.architectureEstimate = architectureEstimate ?? patternEstimate ?? trueCosts
        self.observedRatios = observedRatios
        self.frameIndex = frameIndex
        self.variantCosts = variantCosts
        self.droppedOnArrival = droppedOnArrival
    }
}
