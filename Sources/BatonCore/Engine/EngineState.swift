/// The simulator's state and every step that does not call the policy or the source: clock,
/// jobs, accelerators, blocks, metrics and invariant checks. Non-generic, so it is compiled once
/// in `BatonCore`; `Simulator` (generic, inlinable) drives it.
@usableFromInline
struct EngineState {
    @usableFromInline var context: SchedulingContext
    @usableFromInline var released: [JobSpec] = []
    @usableFromInline var observer: (any SimulationObserver)?
    @usableFromInline internal private(set) var clock = 0.0
    @usableFromInline internal private(set) var busyCount = 0
    @usableFromInline let settings: SimulationSettings
    private var metrics: RunMetrics
    private var nextSerial = 0
    /// Per accelerator, the block it runs (one array, so starting or ending a block writes once).
    private var blocks: [RunningBlock]
    private var checker: InvariantChecker?
    /// The progress of the job of the block that accelerator 0 runs now as it will be at the
    /// block's end, when the event loop already advanced a copy through its layers
    /// (`Simulator.planBlockWhileChoiceKept`); `completeBlock` then takes the job's progress from it
    /// instead of advancing it again.
    @usableFromInline var plannedProgress: JobProgress?

    @usableFromInline
    init(catalog: WorkloadCatalog, platform: Platform, settings: SimulationSettings) {
        self.settings = settings
        context = SchedulingContext(platform: platform, catalog: catalog)
        metrics = RunMetrics(accelerators: platform.count, models: catalog.modelNames.count)
        blocks = [RunningBlock](repeating: RunningBlock(), count: platform.count)
        if settings.checkInvariants {
            checker = InvariantChecker(accelerators: platform.count, monotonicTime: settings.compatibility == .none)
        }
        context.jobStorage.reserveCapacity(256)
        released.reserveCapacity(8)
    }

    // The small read-only steps are inlinable: a non-inlinable method would receive the whole
    // state by value (a copy per call from the unspecialised generic loop).
    @inlinable @inline(__always) var artifactMode: Bool { settings.compatibility == .dystaArtifact }
    @inlinable @inline(__always) var acceleratorCount: Int { context.platform.count }
    @inlinable @inline(__always) var hasReadyJob: Bool { context.jobStorage.count > busyCount }
    @inlinable @inline(__always) var hasDrops: Bool { !context.drops.isEmpty }
    /// A single job in the system and every accelerator idle (the single accelerator neither
    /// runs a job nor is held by the scheduler).
    @inlinable @inline(__always) var isLoneIdleJob: Bool {
        context.jobStorage.count == 1 && busyCount == 0 && !context.acceleratorBusy[0]
    }

    /// The run's result once no event is left.
    @usableFromInline
    mutating func finish(schedulerName: String) throws -> RunResult {
        metrics.endSeconds = clock
        metrics.recordUnfinished(models: context.jobStorage.lazy.map(\.spec.model))
        try checker?.finish(metrics: metrics, unfinished: context.jobStorage.count)
        return RunResult(scheduler: schedulerName, metrics: metrics, unfinished: context.jobStorage.count)
    }

    /// The next event: the earliest block end or the next arrival (not before the clock; infinity
    /// for none).
    @inlinable @inline(__always)
    func nextEventTime(arrival: Double) -> Double {
        var next = Double.infinity
        for a in 0..<context.platform.count where context.acceleratorBusy[a] {
            next = min(next, context.acceleratorFreeAt[a])
        }
        if arrival < .infinity { next = min(next, max(arrival, clock)) }
        return next
    }

    /// Moves the clock forward to `time`.
    @usableFromInline
    mutating func advance(to time: Double) throws {
        clock = time
        try checker?.clock(clock)
    }

    /// Sets the clock, backwards too (the Dysta artifact's loop only).
    @usableFromInline
    mutating func setClockBackwardsAllowed(_ time: Double) { clock = time }

    @inlinable @inline(__always)
    func requireSingleAccelerator() {
        precondition(context.platform.count == 1, "the dysta-artifact mode models one accelerator")
    }

    /// The first accelerator at index >= `from` whose block ends now.
    @inlinable @inline(__always)
    func acceleratorFinishingNow(from: Int) -> Int? {
        var a = from
        while a < context.platform.count {
            if context.acceleratorBusy[a] && context.acceleratorFreeAt[a] == clock { return a }
            a += 1
        }
        return nil
    }

    /// Prepares the context for a policy's decision.
    @usableFromInline
    mutating func beginDecision() {
        context.now = clock
        if !context.drops.isEmpty { context.drops.removeAll(keepingCapacity: true) }
    }

    @usableFromInline
    mutating func countDecision() { metrics.decisions += 1 }

    /// A job alone on the single accelerator of a side-effect-free policy: every decision until the
    /// next arrival would pick it, so its layers run as one block that ends at the first layer
    /// boundary at or after the next arrival (or at its last layer).
    @usableFromInline
    mutating func runLoneJob(nextArrival: Double) throws {
        metrics.decisions += 1
        try startBlock(Selection(jobIndex: 0, layerCount: layersBefore(nextArrival, jobIndex: 0)), on: 0)
    }

    /// The layers of job `jobIndex` that accelerator 0 runs back to back up to the first layer
    /// boundary at or after `nextArrival` (at least one; at most the layers it has left).
    /// Always inlined: the generic loop would otherwise pass a copy of the whole state.
    @inlinable @inline(__always)
    func layersBefore(_ nextArrival: Double, jobIndex: Int) -> Int {
        let trueTable = context.jobStorage[jobIndex].trueTable
        var layer = context.jobStorage[jobIndex].nextLayer
        let layers = context.jobStorage[jobIndex].layerCount
        var end = clock
        if context.jobStorage[jobIndex].lastAccelerator > 0, context.platform.migrationSeconds > 0 { end += context.platform.migrationSeconds }
        var count = 0
        while layer < layers {
            end += context.catalog.latency(table: trueTable, layer: layer, accelerator: 0)
            layer += 1
            count += 1
            if end >= nextArrival { break }
        }
        return max(count, 1)
    }

    /// Admits a job: checks the limit, records it, and (unless it is dropped on arrival) appends
    /// it to the jobs. Returns the job only when it is dropped on arrival (nil: it is in the jobs).
    @usableFromInline
    mutating func admit(_ spec: JobSpec, estimateKind: EstimateKind) throws -> JobState? {
        if context.jobStorage.count >= settings.maxJobsInSystem {
            throw InputError(.limit, "more than \(settings.maxJobsInSystem) jobs in the system at \(clock) s",
                             hint: "the load is far beyond capacity; lower the rate or raise the limit")
        }
        let serial = nextSerial
        nextSerial += 1
        let estimate = estimateKind == .pattern ? spec.patternEstimate : spec.architectureEstimate
        let job = JobState(serial: serial, spec: spec, estimateTable: estimate, catalog: context.catalog)
        metrics.recordAdmission(spec)
        checker?.admitted(serial: serial, model: spec.model)
        if spec.droppedOnArrival { return job }
        context.jobStorage.append(job)
        observer?.jobAdmitted(job, at: clock)
        return nil
    }

    /// Checks a policy's selection. `mutating` only so that the state is passed by reference: a
    /// non-mutating call from the inlined loop copies the whole state first (hundreds of bytes).
    @inlinable @inline(__always)
    mutating func validate(_ selection: Selection, policyName: @autoclosure () -> String) throws {
        if selection.overheadSeconds == 0, context.jobStorage.indices.contains(selection.jobIndex),
           context.jobStorage[selection.jobIndex].isReady, selection.layerCount >= 1,
           context.drops.isEmpty || !context.isDropped(selection.jobIndex) {
            return
        }
        try rejectSelection(selection, policyName: policyName())
    }

    /// Checks a selection the fast path of `validate` did not accept: one with a scheduling
    /// overhead or a scheduler-busy hold (valid in Baton's event loop only), or an invalid one
    /// (rare: a defect in a policy), for which it throws. `mutating` only to be passed by reference
    /// (see `validate`); it changes nothing.
    @usableFromInline
    mutating func rejectSelection(_ selection: Selection, policyName: String) throws {
        if selection.overheadSeconds != 0 {
            guard selection.overheadSeconds.isFinite, selection.overheadSeconds > 0 else {
                throw InvariantViolation(description: "\(policyName) asked for a scheduling overhead of \(selection.overheadSeconds) s")
            }
            guard !artifactMode else {
                throw InvariantViolation(description:
                    "\(policyName) asked for scheduling overhead or a scheduler-busy hold in dysta-artifact mode, which has neither")
            }
            if selection.isSchedulerBusy { return }
        } else if selection.isSchedulerBusy {
            throw InvariantViolation(description: "\(policyName) held an accelerator for no time")
        }
        guard context.jobStorage.indices.contains(selection.jobIndex) else {
            throw InvariantViolation(description: "\(policyName) selected job index \(selection.jobIndex) of \(context.jobStorage.count)")
        }
        guard context.jobStorage[selection.jobIndex].isReady, selection.layerCount >= 1,
              context.drops.isEmpty || !context.isDropped(selection.jobIndex) else {
            throw InvariantViolation(description:
                "\(policyName) selected job #\(context.jobStorage[selection.jobIndex].serial), which is running, dropped, or given no layers")
        }
    }

    /// Starts the block of the job with admission serial `serial` (its index may have moved).
    @usableFromInline
    mutating func startBlock(serial: Int, layerCount: Int, on a: Int) throws {
        let index = SchedulingContext.index(ofSerial: serial, in: context.jobStorage)!
        try startBlock(Selection(jobIndex: index, layerCount: layerCount), on: a)
    }

    /// Starts `selection` on accelerator `a`: the job's block, after any scheduling overhead, or
    /// a scheduler-busy hold.
    @usableFromInline
    mutating func startBlock(_ selection: Selection, on a: Int) throws {
        if selection.isSchedulerBusy {
            try hold(a, seconds: selection.overheadSeconds)
            return
        }
        let index = selection.jobIndex
        let catalog = context.catalog
        let trueTable = context.jobStorage[index].trueTable
        let first = context.jobStorage[index].nextLayer
        let count = min(selection.layerCount, context.jobStorage[index].layerCount - first)
        let overhead = selection.overheadSeconds
        let start = clock + overhead  // x + 0 == x: without overhead the times are unchanged
        var end = start
        var migration = 0.0
        let last = context.jobStorage[index].lastAccelerator
        if last >= 0, last != a, context.platform.migrationSeconds > 0 {
            migration = context.platform.migrationSeconds
            end += migration
        }
        for k in first..<(first + count) { end += catalog.latency(table: trueTable, layer: k, accelerator: a) }
        let serial = context.jobStorage[index].serial
        if checker != nil {
            // The overhead is occupied but not busy time (one more rounded addition when present).
            try checker!.blockStarted(accelerator: a, serial: serial, start: clock, end: end,
                                      busySeconds: end - start - migration, layers: overhead > 0 ? count + 1 : count,
                                      runningOn: blocks.map(\.serial))
        }
        context.jobStorage[index].runningOn = a
        if context.jobStorage[index].firstStartSeconds < 0 { context.jobStorage[index].firstStartSeconds = start }
        context.acceleratorBusy[a] = true
        context.acceleratorFreeAt[a] = end
        busyCount += 1
        blocks[a] = RunningBlock(serial: serial, indexHint: index, startSeconds: clock, layers: count,
                                 migrationSeconds: migration, overheadSeconds: overhead)
    }

    /// Occupies accelerator `a` with the scheduler's own work until `clock + seconds`, no job
    /// (`Selection.schedulerBusy`): busy for the event loop, not busy time; `blocks[a].serial`
    /// stays -1, which is how `completeBlock` tells a hold from a block.
    private mutating func hold(_ a: Int, seconds: Double) throws {
        let end = clock + seconds
        if checker != nil { try checker!.held(accelerator: a, start: clock, end: end, runningOn: blocks.map(\.serial)) }
        context.acceleratorBusy[a] = true
        context.acceleratorFreeAt[a] = end
    }

    /// Finishes the block on accelerator `a`; returns the job's index if it finished its last layer
    /// (then `removeFinished(at:)` takes it out). An index, not the job: a large optional result
    /// would be copied on every layer.
    @usableFromInline
    mutating func completeBlock(on a: Int, predictor: GammaPredictor) throws -> Int {
        let block = blocks[a]
        let hint = block.indexHint
        let hinted = hint < context.jobStorage.count && context.jobStorage[hint].serial == block.serial ? hint : nil
        guard let index = hinted ?? SchedulingContext.index(ofSerial: block.serial, in: context.jobStorage) else {
            if block.serial < 0 {  // a scheduler-busy hold ended (no job ran)
                context.acceleratorBusy[a] = false
                return -1
            }
            throw InvariantViolation(description: "accelerator \(a) finished a job that is not in the system")
        }
        let catalog = context.catalog
        let trueTable = context.jobStorage[index].trueTable
        let model = context.jobStorage[index].spec.model
        let remainingBefore = context.jobStorage[index].remainingEstimateSeconds
        var time = block.startSeconds + block.overheadSeconds + block.migrationSeconds
        if let planned = plannedProgress {
            plannedProgress = nil
            let first = context.jobStorage[index].nextLayer
            precondition(planned.serial == block.serial && planned.nextLayer == first + block.layers && a == 0,
                         "a planned block ended other than planned")
            if observer == nil {
                // The job's figures come from the plan (advanced by the same steps at the same
                // times); the per-layer records are made here.
                for layer in first..<(first + block.layers) {
                    let latency = catalog.latency(table: trueTable, layer: layer, accelerator: a)
                    let energy = catalog.energy(table: trueTable, layer: layer, accelerator: a)
                    metrics.recordLayer(accelerator: a, seconds: latency, energy: energy, model: model)
                    checker?.layerRan(accelerator: a, latency: latency, energy: energy)
                }
                context.jobStorage[index].adoptProgress(of: planned)
                return finishBlock(on: a, index: index, remainingBefore: remainingBefore)
            }
        }
        for _ in 0..<block.layers {
            let layer = context.jobStorage[index].nextLayer
            let latency = catalog.latency(table: trueTable, layer: layer, accelerator: a)
            let energy = catalog.energy(table: trueTable, layer: layer, accelerator: a)
            let start = time
            time += latency
            context.jobStorage[index].completeLayer(at: time, accelerator: a, energy: energy, catalog: catalog, predictor: predictor)
            metrics.recordLayer(accelerator: a, seconds: latency, energy: energy, model: model)
            checker?.layerRan(accelerator: a, latency: latency, energy: energy)
            if let observer { observer.layerRan(context.jobStorage[index], layer: layer, accelerator: a, start: start, end: time) }
        }
        return finishBlock(on: a, index: index, remainingBefore: remainingBefore)
    }

    /// Frees accelerator `a` after the block of the job at `index`, whose remaining estimate was
    /// `remainingBefore` when the block started (the job list's kept total follows it); returns
    /// `index` if the job finished its last layer, else -1.
    private mutating func finishBlock(on a: Int, index: Int, remainingBefore: Double) -> Int {
        context.jobStorage.remainingChanged(from: remainingBefore, to: context.jobStorage[index].remainingEstimateSeconds)
        context.jobStorage[index].runningOn = -1
        context.acceleratorBusy[a] = false
        busyCount -= 1
        blocks[a].serial = -1
        return context.jobStorage[index].nextLayer >= context.jobStorage[index].layerCount ? index : -1
    }

    /// Takes the job at `index`, which finished its last layer, out of the system and records it.
    @usableFromInline
    mutating func removeFinished(at index: Int) throws -> JobState {
        let job = context.jobStorage.remove(at: index)
        metrics.recordFinish(job, at: clock)
        try checker?.jobEnded(serial: job.serial, model: job.spec.model, at: clock)
        observer?.jobFinished(job, at: clock)
        return job
    }

    /// Removes the jobs dropped in this decision; returns them in ascending index order.
    @usableFromInline
    mutating func takeDroppedJobs() -> [JobState] {
        let indices = context.drops  // ascending
        context.drops.removeAll(keepingCapacity: true)
        return context.jobStorage.remove(atAscending: indices)
    }

    /// Records that a job ended by a drop.
    @usableFromInline
    mutating func recordDrop(_ job: JobState) throws {
        metrics.recordDrop(job.spec)
        try checker?.jobEnded(serial: job.serial, model: job.spec.model, at: clock)
        observer?.jobDropped(job.spec, serial: job.serial, at: clock)
    }
}

/// The block an accelerator runs: its job and when and how it started.
struct RunningBlock {
    /// The job's serial; -1 when no job runs (idle, or held by the scheduler).
    var serial = -1
    /// Where the job was in the job list when the block started: checked against its serial
    /// before a binary search (jobs only move when an earlier one leaves).
    var indexHint = 0
    var startSeconds = 0.0
    var layers = 0
    var migrationSeconds = 0.0
    /// The scheduling overhead before the block's first layer (`Selection.overheadSeconds`).
    var overheadSeconds = 0.0
}
