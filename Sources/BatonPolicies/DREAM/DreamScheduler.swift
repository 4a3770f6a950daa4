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
///
/// Index (`index=indexed`, the default, from `indexThreshold` frames, alpha > 0): the drop test
/// goes through `DreamDropIndex` (the frames whose drop time has come, from a heap), and the score
/// through a `WaitingJobIndex` of bounds of `urgency + alpha * fairness` as lines in the clock
/// (`UrgencyChord`, as SDRM3's: the urgency's chord plus the fairness line), which change only
/// when the frame runs: the preference is at most 1, so `MapScore <= beta + bound` and only the
/// frames whose bound reaches the best score found so far are scored exactly (ties as in the
/// scan). A bound that a search compared but did not choose is drawn again from the decision's
/// time (tighter). Frames with identical figures are also grouped (`TieGroups`): while the
/// index's searches cost more than scoring the groups (frames admitted together, which the bounds
/// cannot separate), a decision scores one frame per group. While the groups' searches are wide
/// (a large beta, whose preference term the bound takes at its ceiling of 1), the groups'
/// tournament also keeps per node the highest preference of its groups on each accelerator, and
/// a subtree's score is bounded by `beta * that maximum + bound`. All paths give the scan's
/// frames, bit for bit (property tests). The weights may change between decisions (tuning): a new alpha draws
/// every bound again, a lower drop tolerance rebuilds the drop heap, beta needs nothing.
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
    /// Per estimate table, layer and accelerator, the layer's preference there
    /// (`DreamScore.preference`), worked out once for the groups' tournament, which keeps its
    /// maxima per node; `preferenceOffsets[table]` is where a table's layer 0 starts.
    private var preferenceByLayer: [Double] = []
    private var preferenceOffsets: [Int] = []
    /// Whether the groups' tournament keeps those maxima: while the groups' searches are wide
    /// (a moving average over about 64 searches of the groups they visit, switched on above 8
    /// and off below 2; each switch rebuilds the tournament, O(groups)). Kept, they cost about
    /// 5-10% of a decision whose search is narrow anyway.
    private var preferenceBoundsOn = false
    private var averageGroupsVisited = 0.0
    /// When the maxima are kept: `.adaptive` (the default, above) or `.always` (tests).
    enum PreferenceBounds { case adaptive, always }
    var preferenceBounds = PreferenceBounds.adaptive
    /// Searches of the groups made with the maxima (tests).
    private(set) var preferenceBoundSearches = 0
    /// Frames started as each variant level (0 = full model), counted at admission.
    public private(set) var variantChoices: [Int] = []
    /// Decide through the indexes (see the type's summary); false: scan every frame.
    public let indexed: Bool
    var index = WaitingJobIndex()
    var dropIndex = DreamDropIndex()
    /// The waiting frames grouped by the figures the score and the drop rule read (indexed mode,
    /// from `indexThreshold` frames): decide while the index's searches cost more (identical
    /// frames, which its bounds cannot separate).
    var groups = TieGroups<FiguresKey>(searchesRanked: true)
    /// The alpha the bounds in `index` and `groups` were drawn with (NaN: none drawn yet).
    private var boundAlpha = Double.nan
    /// Whether the groups' bounds were drawn with another alpha (rebuilt at their next search).
    private var groupBoundsStale = true

    /// The figures a frame's score (on any accelerator), its tie rule and its drop test read (bit
    /// patterns and tables): equal keys, equal scores and equal drop outcomes.
    struct FiguresKey: JobFigures {
        var remaining: UInt64, next: UInt64, deadline: UInt64, lastRun: UInt64, arrival: UInt64
        /// Model (superseded frames), estimate table and next layer (the preference term).
        var model: Int, estimateTable: Int, nextLayer: Int

        init(_ job: JobState) {
            remaining = job.remainingEstimateSeconds.bitPattern
            next = job.nextLayerEstimateSeconds.bitPattern
            deadline = job.deadlineSeconds.bitPattern
            lastRun = job.lastRunSeconds.bitPattern
            arrival = job.arrivalSeconds.bitPattern
            model = job.spec.model
            estimateTable = job.estimateTable
            nextLayer = job.nextLayer
        }

        var foldedHash: UInt64 {
            let tables = Self.fold(Self.fold(UInt64(bitPattern: Int64(model)), UInt64(bitPattern: Int64(estimateTable))),
                                   UInt64(bitPattern: Int64(nextLayer)))
            return Self.fold(Self.fold(Self.fold(Self.fold(Self.fold(tables, remaining), next), deadline), lastRun), arrival)
        }

        /// The MapScore of a frame with these figures on `accelerator` at `now` (`DreamScore.mapScore`,
        /// term by term on the same values: bit for bit the frame's score).
        @inline(__always)
        func mapScore(on accelerator: Int, alpha: Double, beta: Double, metric: DreamScore.PreferenceMetric,
                      context: SchedulingContext) -> Double {
            var score = DreamScore.urgency(remainingSeconds: Double(bitPattern: remaining),
                                           deadlineSeconds: Double(bitPattern: deadline), now: context.now)
                + alpha * DreamScore.fairness(lastRunSeconds: Double(bitPattern: lastRun),
                                              nextLayerEstimateSeconds: Double(bitPattern: next), now: context.now)
            if beta != 0 {
                score += beta * DreamScore.preference(table: estimateTable, layer: nextLayer, on: accelerator, metric: metric, context: context)
            }
            return score
        }

        /// The bound of a frame with these figures (`DreamScheduler.bound`).
        func bound(alpha: Double, now: Double) -> KineticTournament.Line {
            DreamScheduler.bound(remainingSeconds: Double(bitPattern: remaining), deadlineSeconds: Double(bitPattern: deadline),
                                 nextLayerEstimateSeconds: Double(bitPattern: next), lastRunSeconds: Double(bitPattern: lastRun),
                                 alpha: alpha, now: now)
        }
    }

    /// DREAM with `parameters`, with the mechanism `variant` names switched off.
    public init(parameters: DreamParameters = DreamParameters(), variant: DreamParameters.Variant = .full, indexed: Bool = true) {
        self.parameters = parameters.applying(variant)
        self.variant = variant
        self.indexed = indexed
        tuner = self.parameters.tuning ? DreamTuner(parameters: self.parameters) : nil
    }

    public var name: String { variant.rawValue }

    /// The weights in force now: (alpha, beta, tolerance).
    public var currentWeights: (alpha: Double, beta: Double, tolerance: Double) {
        guard let tuner else { return (parameters.alpha, parameters.beta, parameters.dropTolerance) }
        return (tuner.currentAlpha, parameters.beta > 0 ? tuner.currentBeta : 0, tuner.current.tolerance)
    }

    // MARK: Admission: variants

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        if catalog == nil { catalog = context.catalog }
        chooseVariant(jobIndex, context: &context)
        let alpha = boundAlpha
        index.admit(jobIndex, context: context) { DreamScheduler.bound($1.jobs[$0], alpha: alpha, now: $1.now) }
        dropIndex.admit(jobIndex, context: context)
        if groups.isBuilt { groups.admit(jobIndex, context: context) }
    }

    /// The variant a new frame starts as (see the type's summary).
    private mutating func chooseVariant(_ jobIndex: Int, context: inout SchedulingContext) {
        guard parameters.variants else { return }
        let job = context.jobs[jobIndex]
        let count = job.spec.variantCosts.count
        guard count > 0 else { return }
        let period = job.deadlineSeconds - job.arrivalSeconds
        guard period > 0 else { return }
        // The level from the pending work, a pass's sum of every frame's remaining estimate. The
        // job list keeps that sum within a narrow range in O(1); the level is monotone in the sum,
        // so where both ends of the range give one level, it is the pass's (else the pass decides:
        // a sum within rounding of a threshold). A pass per admission made a burst of n frames
        // O(n^2): 1.9 s of the 2.5 s of the benchmark's 65,536-frame row.
        let accelerators = Double(context.platform.count), threshold = parameters.variantLoadThreshold
        func levelOf(pending: Double) -> Int {
            let load = pending / (accelerators * period)
            // Saturating conversion (issue 12): a huge load over a tiny threshold must not trap.
            return min(count, max(0, Int(saturating: load / threshold, rounding: .up) - 1))
        }
        let level: Int
        if indexed, let range = context.remainingEstimateRange(),
           levelOf(pending: range.lowerBound) == levelOf(pending: range.upperBound) {
            level = levelOf(pending: range.upperBound)
        } else {
            var pending = 0.0
            for other in context.jobs { pending += other.remainingEstimateSeconds }
            level = levelOf(pending: pending)
        }
        if variantChoices.count <= level { variantChoices.append(contentsOf: repeatElement(0, count: level + 1 - variantChoices.count)) }
        variantChoices[level] += 1
        if level > 0 { context.chooseVariant(level, for: jobIndex) }
    }

    // MARK: Decision: drop, then MapScore

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let weights = currentWeights
        if droppedNow.count < context.jobs.count {
            droppedNow.append(contentsOf: repeatElement(false, count: max(64, context.jobs.count - droppedNow.count)))
        }
        guard indexed, weights.alpha > 0, context.jobs.count >= indexThreshold else {
            index.discard()
            dropIndex.discard()
            if groups.isBuilt { groups.discard() }
            return selectByScan(for: accelerator, weights: weights, context: &context)
        }
        if !(boundAlpha == weights.alpha) {  // the tuner moved alpha (or nothing is drawn yet)
            boundAlpha = weights.alpha
            index.discard()
            groupBoundsStale = true
        }
        return selectIndexed(for: accelerator, weights: weights, context: &context)
    }

    /// The linear scan (the reference the indexes must match): the drop test on every waiting
    /// frame, then the highest score among the others. Leaves `droppedNow` all false, as the
    /// indexed path does: the flags are by position, and once the engine has removed this
    /// decision's drops other frames sit at those positions (a flag left set made the next
    /// decision, if it went through the indexes, skip a live frame).
    mutating func selectByScan(for accelerator: Int, weights: (alpha: Double, beta: Double, tolerance: Double),
                               context: inout SchedulingContext) -> Selection? {
        for i in context.jobs.indices { droppedNow[i] = false }
        if parameters.drop { dropHopeless(now: context.now, tolerance: weights.tolerance, context: &context) }
        defer { for i in context.drops { droppedNow[i] = false } }
        return bestByScan(for: accelerator, weights: weights, context: context)
    }

    /// The highest score among the waiting frames not dropped now (`droppedNow`), by a pass over
    /// every frame. Ties: the earlier deadline, then the frame admitted first.
    func bestByScan(for accelerator: Int, weights: (alpha: Double, beta: Double, tolerance: Double),
                    context: SchedulingContext) -> Selection? {
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

    /// The scan's choice through the indexes (see the type's summary). `droppedNow` is all false
    /// between decisions on this path: only the frames it drops are set, and cleared at the end.
    /// The score's search goes through the groups of identical frames while the index's searches
    /// cost more (`TieGroups.decides`), through the scan while they are wide
    /// (`WaitingJobIndex.scansNow`), else through the index.
    mutating func selectIndexed(for accelerator: Int, weights: (alpha: Double, beta: Double, tolerance: Double),
                                context: inout SchedulingContext) -> Selection? {
        let dropped = parameters.drop ? dropIndex.hopeless(context, tolerance: weights.tolerance) : []
        for i in dropped {
            context.drop(i)
            droppedNow[i] = true
        }
        defer { for i in dropped { droppedNow[i] = false } }
        let selection: Selection?
        if groups.decides(context) {
            index.discard()
            selection = bestByGroups(for: accelerator, weights: weights, droppedSerials: dropped.map { context.jobs[$0].serial },
                                     context: context)
        } else if index.scansNow() {
            selection = bestByScan(for: accelerator, weights: weights, context: context)
            groups.indexSearched(visited: context.jobs.count, jobs: context.jobs.count)
        } else {
            selection = bestByIndex(for: accelerator, weights: weights, context: &context)
            groups.indexSearched(visited: index.lastVisited, jobs: context.jobs.count)
        }
        if let selection {
            groups.selected(serial: context.jobs[selection.jobIndex].serial, position: selection.jobIndex,
                            key: FiguresKey(context.jobs[selection.jobIndex]))
        }
        return selection
    }

    /// The highest score through the index of bounds: only the frames whose bound reaches the best
    /// score found so far are scored; the others it scored get their bounds drawn again from now.
    private mutating func bestByIndex(for accelerator: Int, weights: (alpha: Double, beta: Double, tolerance: Double),
                                      context: inout SchedulingContext) -> Selection? {
        let alpha = weights.alpha, now = context.now
        index.prepare(context) { DreamScheduler.bound($1.jobs[$0], alpha: alpha, now: now) }
        // The preference is at most 1: the score is at most `beta + bound`.
        let preferenceCeiling = weights.beta != 0 ? weights.beta : 0
        var leader = Leader(), bestSlot = -1
        let metric = parameters.preferenceMetric
        let droppedNow = self.droppedNow
        index.searchRedrawingLosers(context, prune: { value, _, _ in leader.outranks(bound: preferenceCeiling - value) },
                                    line: { DreamScheduler.bound($1.jobs[$0], alpha: alpha, now: now) },
                                    chosenSlot: { bestSlot }) { i, slot in
            guard !droppedNow[i] else { return false }  // dropped now: its line stays (it leaves)
            let score = DreamScore.mapScore(i, on: accelerator, alpha: alpha, beta: weights.beta, metric: metric, context: context)
            if leader.offer(i, score: score, deadline: context.jobs[i].deadlineSeconds) { bestSlot = slot }
            return true
        }
        guard leader.index >= 0 else { return nil }
        index.selected(serial: context.jobs[leader.index].serial, slot: bestSlot)
        return Selection(jobIndex: leader.index, layerCount: 1)
    }

    /// The best frame an indexed search has scored so far, under the scan's rule: higher score,
    /// then earlier deadline, then earlier admission. `index` is the frame's position in the job
    /// list or its serial (both order frames by admission), as the search offers them.
    struct Leader {
        var index = -1
        var score = -Double.infinity
        var deadline = Double.infinity

        /// Takes frame `i` if it ranks above the leader; returns whether it did.
        @inline(__always)
        mutating func offer(_ i: Int, score: Double, deadline: Double) -> Bool {
            guard index < 0 || score > self.score || (score == self.score && (deadline < self.deadline || (deadline == self.deadline && i < index))) else {
                return false
            }
            (index, self.score, self.deadline) = (i, score, deadline)
            return true
        }

        /// Whether no frame whose score is at most `bound` can reach the leader. Scores are sums of
        /// non-negative terms: a relative 1e-9 covers the bound's rounding.
        @inline(__always)
        func outranks(bound: Double) -> Bool {
            bound * (1 + 1e-9) < score
        }
    }

    /// The highest score from one frame per group of identical frames (the first admitted, which
    /// the scan's tie rule prefers among equals), searched through the groups' tournament of the
    /// same bounds (drawn again when visited but not chosen, after a search that compared more than
    /// 8 groups: a redraw is a tournament update, worth it only where searches are wide). A group's
    /// score comes from its figures (`FiguresKey.mapScore`), so a visit reads the group's key only,
    /// not its frame; the leader is ranked by serial, which orders frames as their positions do,
    /// and only its position is looked up. A group whose first frame is dropped now
    /// (`droppedSerials`, ascending) is dropped whole (equal figures, equal drop test).
    private mutating func bestByGroups(for accelerator: Int, weights: (alpha: Double, beta: Double, tolerance: Double),
                                       droppedSerials: [Int], context: SchedulingContext) -> Selection? {
        let beta = weights.beta
        let alpha = weights.alpha, now = context.now
        let metric = parameters.preferenceMetric
        var leader = Leader()
        // On one accelerator every preference is 1: the ceiling is exact there.
        let accelerators = context.platform.count
        let perAccelerator = (preferenceBoundsOn || preferenceBounds == .always) && beta != 0 && accelerators > 1
        if perAccelerator { preferenceBoundSearches += 1 }
        if perAccelerator && preferenceOffsets.isEmpty { preparePreferences(context) }
        let preferences = preferenceByLayer, offsets = preferenceOffsets
        // With the preference on, each tournament node also keeps its groups' highest preference
        // per accelerator: a group's score is at most `beta * preference(accelerator) + bound`,
        // and a subtree's at most `beta * its highest preference here + its highest bound` (the
        // ceiling of 1 alone let every urgent group through once beta grew).
        groups.searchRanked(at: now, rebuild: groupBoundsStale, redrawsOver: 8, line: { $0.bound(alpha: alpha, now: now) },
                            auxiliaryWidth: perAccelerator ? accelerators : 0, auxiliaryAsked: accelerator,
                            auxiliary: { key, a in preferences[offsets[key.estimateTable] + key.nextLayer * accelerators + a] },
                            prune: { value, preference in
                                leader.outranks(bound: (perAccelerator ? beta * preference : beta) - value)
                            }) { key, serial in
            guard !Self.contains(droppedSerials, serial) else { return }
            let score = key.mapScore(on: accelerator, alpha: alpha, beta: weights.beta, metric: metric, context: context)
            _ = leader.offer(serial, score: score, deadline: Double(bitPattern: key.deadline))
        }
        groupBoundsStale = false
        averageGroupsVisited += (Double(groups.lastSearchVisited) - averageGroupsVisited) / 64
        if averageGroupsVisited > 8 { preferenceBoundsOn = true } else if averageGroupsVisited < 2 { preferenceBoundsOn = false }
        guard leader.index >= 0, let i = context.index(ofSerial: leader.index) else { return nil }
        return Selection(jobIndex: i, layerCount: 1)
    }

    /// Works out `preferenceByLayer` for every estimate table of the catalog.
    private mutating func preparePreferences(_ context: SchedulingContext) {
        let accelerators = context.platform.count, metric = parameters.preferenceMetric
        for table in context.catalog.costTables.indices {
            preferenceOffsets.append(preferenceByLayer.count)
            for layer in 0..<context.catalog.layerCount(table: table) {
                for a in 0..<accelerators {
                    preferenceByLayer.append(DreamScore.preference(table: table, layer: layer, on: a, metric: metric, context: context))
                }
            }
        }
    }

    /// Whether `sorted` (ascending) holds `value`: a binary search.
    @inline(__always)
    static func contains(_ sorted: [Int], _ value: Int) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// Minus an upper bound of `urgency + alpha * fairness` for `job` from `now` on, as a line in
    /// the clock (the tournaments keep minima): `UrgencyChord` (DREAM's urgency divides by at least
    /// `DreamScore.epsilonSeconds`, which only lowers it), with the fairness slope
    /// `alpha / max(e_next, DreamScore.epsilonSeconds)`. It changes only when the frame runs, or
    /// when drawn again.
    static func bound(_ job: JobState, alpha: Double, now: Double) -> KineticTournament.Line {
        bound(remainingSeconds: job.remainingEstimateSeconds, deadlineSeconds: job.deadlineSeconds,
              nextLayerEstimateSeconds: job.nextLayerEstimateSeconds, lastRunSeconds: job.lastRunSeconds, alpha: alpha, now: now)
    }

    /// `bound(_:alpha:now:)` from the four figures it reads.
    @inline(__always)
    static func bound(remainingSeconds: Double, deadlineSeconds: Double, nextLayerEstimateSeconds: Double, lastRunSeconds: Double,
                      alpha: Double, now: Double) -> KineticTournament.Line {
        UrgencyChord.minusBound(remainingSeconds: remainingSeconds, deadlineSeconds: deadlineSeconds,
                                fairnessPerSecond: alpha / max(nextLayerEstimateSeconds, DreamScore.epsilonSeconds),
                                lastRunSeconds: lastRunSeconds, now: now)
    }

    /// Whether a waiting frame cannot meet its deadline at `now`: `now + rem > deadline +
    /// tolerance * period`, or, `superseded` by a newer frame of its model in the system,
    /// `now + rem > deadline`. The one expression of the drop rule (scan and index).
    @inline(__always)
    static func isHopeless(_ job: JobState, now: Double, tolerance: Double, superseded: Bool) -> Bool {
        let finish = now + job.remainingEstimateSeconds
        let period = job.deadlineSeconds - job.arrivalSeconds
        return finish > job.deadlineSeconds + tolerance * period || (superseded && finish > job.deadlineSeconds)
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
            if DreamScheduler.isHopeless(job, now: now, tolerance: tolerance, superseded: newestArrival[job.spec.model] > job.arrivalSeconds) {
                context.drop(i)
                droppedNow[i] = true
            }
        }
    }

    // MARK: Tuning

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        if groups.isBuilt { groups.ended(serial: job.serial, key: FiguresKey(job)) }
        dropIndex.ended(serial: job.serial, model: job.spec.model)
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
