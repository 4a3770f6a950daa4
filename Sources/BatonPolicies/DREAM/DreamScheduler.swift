import BatonCore

/// DREAM (ASPLOS 2023), reconstructed from its public description: MapScore scheduling per
/// (frame, accelerator), frame drop, model variants under load and online tuning of its weights.
/// Every choice the description leaves open is listed in docs/dream.md.
///
/// At each decision for a free accelerator `a`:
/// 1. (drop) every waiting frame whose deadline cannot be met even if it ran next with each layer
///    on its fastest accelerator, `now + rem > deadline + tolerance * period`, is dropped; so is a
///    waiting frame that a newer frame of its model has superseded if `now + rem > deadline`.
///    The engine then drops the frame's cascade dependants (the source releases them dropped).
/// 2. (score) among the other waiting frames, the one with the highest
///    `MapScore = urgency + alpha * fairness + beta * preference(a)` runs its next layer on `a`.
///    Ties: earlier deadline, then the frame admitted first. Late frames keep urgency 1 (when
///    drop is off they still run).
/// At admission (variants) a frame of a model with variants starts as variant
/// `min(count, ceil(load / threshold) - 1)`: the full model while the load does not exceed the
/// threshold, the next smaller variant for each further multiple it exceeds
/// (see `DreamParameters.variantLoadThreshold`).
/// With tuning on, alpha, beta and the tolerance follow `DreamTuner`.
public struct DreamScheduler: Scheduler {
    /// The parameters (initial values when tuning is on).
    public let parameters: DreamParameters
    /// Which ablation this is.
    public let variant: DreamParameters.Variant
    /// The online tuner (nil when tuning is off).
    public private(set) var tuner: DreamTuner?
    private var newestArrival: [Double] = []
    private var droppedNow: [Bool] = []
    private var catalog: WorkloadCatalog?
    private var minimumEnergyByTable: [Double] = []
    /// Frames started as each variant level (0 = full model), counted at admission.
    public private(set) var variantChoices: [Int] = []

    /// DREAM with `parameters`, with the mechanism `variant` names switched off.
    public init(parameters: DreamParameters = DreamParameters(), variant: DreamParameters.Variant = .full) {
        self.parameters = parameters.applying(variant)
        self.variant = variant
        tuner = self.parameters.tuning ? DreamTuner(parameters: self.parameters) : nil
    }

    public var name: String { variant.rawValue }

    /// The weights in force now: (alpha, beta, tolerance).
    public var currentWeights: (alpha: Double, beta: Double, tolerance: Double) {
        guard let tuner else { return (parameters.alpha, parameters.beta, parameters.dropTolerance) }
        let point = tuner.current
        return (point.alpha, parameters.beta > 0 ? point.beta : 0, point.tolerance)
    }

    // MARK: Admission: variants

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        if catalog == nil { catalog = context.catalog }
        guard parameters.variants else { return }
        let job = context.jobs[jobIndex]
        let count = job.spec.variantCosts.count
        guard count > 0 else { return }
        let period = job.deadlineSeconds - job.arrivalSeconds
        guard period > 0 else { return }
        var pending = 0.0
        for other in context.jobs { pending += other.remainingEstimateSeconds }
        let load = pending / (Double(context.platform.count) * period)
        // Saturating conversion (issue 12): a huge load over a tiny threshold must not trap.
        let level = min(count, max(0, Int(saturating: load / parameters.variantLoadThreshold, rounding: .up) - 1))
        if variantChoices.count <= level { variantChoices.append(contentsOf: repeatElement(0, count: level + 1 - variantChoices.count)) }
        variantChoices[level] += 1
        if level > 0 { context.chooseVariant(level, for: jobIndex) }
    }

    // MARK: Decision: drop, then MapScore

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        let weights = currentWeights
        if droppedNow.count < context.jobs.count {
            droppedNow.append(contentsOf: repeatElement(false, count: max(64, context.jobs.count - droppedNow.count)))
        }
        for i in context.jobs.indices { droppedNow[i] = false }
        if parameters.drop { dropHopeless(now: now, tolerance: weights.tolerance, context: &context) }
        var best = -1
        var bestScore = -Double.infinity
        for i in context.jobs.indices where context.jobs[i].isReady && !droppedNow[i] {
            let score = DreamScore.mapScore(i, on: accelerator, alpha: weights.alpha, beta: weights.beta,
                                            metric: parameters.preferenceMetric, context: context)
            if best < 0 || score > bestScore
                || (score == bestScore && context.jobs[i].deadlineSeconds < context.jobs[best].deadlineSeconds) {
                best = i
                bestScore = score
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best, layerCount: 1)
    }

    /// Drops the waiting frames that cannot meet their deadline (and superseded late ones).
    private mutating func dropHopeless(now: Double, tolerance: Double, context: inout SchedulingContext) {
        let models = context.catalog.modelNames.count
        if newestArrival.count != models { newestArrival = [Double](repeating: -.infinity, count: models) }
        for m in 0..<models { newestArrival[m] = -.infinity }
        for job in context.jobs where job.arrivalSeconds > newestArrival[job.spec.model] {
            newestArrival[job.spec.model] = job.arrivalSeconds
        }
        for i in context.jobs.indices where context.jobs[i].isReady {
            let job = context.jobs[i]
            let finish = now + job.remainingEstimateSeconds
            let period = job.deadlineSeconds - job.arrivalSeconds
            let superseded = newestArrival[job.spec.model] > job.arrivalSeconds
            if finish > job.deadlineSeconds + tolerance * period || (superseded && finish > job.deadlineSeconds) {
                context.drop(i)
                droppedNow[i] = true
            }
        }
    }

    // MARK: Tuning

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        guard tuner != nil, let catalog else { return }
        let table = job.spec.architectureEstimate
        if minimumEnergyByTable.count <= table {
            minimumEnergyByTable.append(contentsOf: repeatElement(-1, count: table + 1 - minimumEnergyByTable.count))
        }
        if minimumEnergyByTable[table] < 0 {
            let costs = catalog.costTables[table]
            minimumEnergyByTable[table] = (0..<costs.acceleratorCount).map { costs.totalEnergy(accelerator: $0) }.min() ?? 0
        }
        let violated = !finished || time > job.deadlineSeconds
        tuner!.record(endedAt: time, energyMillijoules: job.energyMillijoules,
                      minimumEnergyMillijoules: minimumEnergyByTable[table], violated: violated)
    }
}
