/// The result of one run: the metrics and what was left in the system.
public struct RunResult: Sendable {
    /// Scheduler name.
    public var scheduler: String
    /// Streaming metrics.
    public var metrics: RunMetrics
    /// Jobs still in the system when no event was left (a policy that left work waiting).
    public var unfinished: Int
}

/// A deterministic discrete-event simulator of jobs sharing the accelerators of a platform.
///
/// Events at one time are handled in a fixed order: layer completions (by accelerator index),
/// then arrivals (by ready time, then source order), then one decision per free accelerator (by
/// index). Jobs run layer blocks chosen by the scheduler; a block is never interrupted, so
/// preemption happens at layer (block) boundaries. Time never goes backwards except in the
/// `dystaArtifact` compatibility mode.
///
/// The generic loop is `@inlinable`, so a release build specialises it for the concrete policy
/// and source types of the calling module (policies live in other modules); the state and the
/// steps that do not call the policy or the source are the non-generic `EngineState`.
public struct Simulator<Policy: Scheduler, Source: JobSource> {
    // The source is stored last: code specialised for the policy but generic over the source
    // then reaches the other fields at fixed offsets.
    @usableFromInline var policy: Policy
    @usableFromInline var engine: EngineState
    /// Whether forced decisions are batched (see `Scheduler.decisionsAreSideEffectFree`).
    @usableFromInline let batchesForcedDecisions: Bool
    /// Whether the platform has one accelerator, where a lone job's layers may run as one block
    /// (see `Scheduler.decidesLoneJobReadOnly`).
    @usableFromInline let singleAccelerator: Bool
    /// Whether a chosen job's layers run as one block up to the next arrival (see
    /// `Scheduler.choiceHoldsBetweenAdmissions`).
    @usableFromInline let extendsChosenBlocks: Bool
    /// Whether a chosen job's block grows while the policy says its next decision would choose
    /// the job again (see `Scheduler.keepsChoice`).
    @usableFromInline let extendsKeptChoices: Bool
    /// The policy's estimate kind and predictor, read once (`Scheduler` documents that they are
    /// constant during a run).
    @usableFromInline let estimateKind: EstimateKind
    @usableFromInline let predictor: GammaPredictor
    /// `source.nextReadyTime()` (infinity for none), refreshed after each call that mutates the
    /// source: the only calls that may change it.
    @usableFromInline var nextArrival: Double
    @usableFromInline var source: Source

    /// The scheduler (with any state it kept, e.g. tuned parameters).
    @inlinable public var scheduler: Policy { policy }

    /// Receives every admission, layer, finish and drop (for traces); nil for none.
    @inlinable public var observer: (any SimulationObserver)? {
        get { engine.observer }
        set { engine.observer = newValue }
    }

    @inlinable
    public init(catalog: WorkloadCatalog, platform: Platform, scheduler: Policy, source: Source,
                settings: SimulationSettings = SimulationSettings()) {
        policy = scheduler
        self.source = source
        singleAccelerator = platform.count == 1
        batchesForcedDecisions = scheduler.decisionsAreSideEffectFree && singleAccelerator
        extendsChosenBlocks = batchesForcedDecisions && scheduler.choiceHoldsBetweenAdmissions
        extendsKeptChoices = batchesForcedDecisions && !extendsChosenBlocks && scheduler.predictsKeptChoice
        estimateKind = scheduler.estimateKind
        predictor = scheduler.predictor
        nextArrival = source.nextReadyTime() ?? .infinity
        engine = EngineState(catalog: catalog, platform: platform, settings: settings)
    }

    /// Runs until no job is left and the source is exhausted.
    /// - Throws: `InvariantViolation` (with `checkInvariants`), or `InputError` of kind `.limit`.
    @inlinable
    public mutating func run() throws -> RunResult {
        if engine.artifactMode {
            try runArtifactLoop()
        } else {
            try runEventLoop()
        }
        return try engine.finish(schedulerName: policy.name)
    }

    // MARK: Baton's event loop

    @inlinable
    mutating func runEventLoop() throws {
        while true {
            let next = engine.nextEventTime(arrival: nextArrival)
            guard next < .infinity else { break }
            try engine.advance(to: next)
            var from = 0
            while let a = engine.acceleratorFinishingNow(from: from) {
                try completeBlock(on: a)
                from = a + 1
            }
            while nextArrival <= engine.clock, let spec = takeNext() {
                try admit(spec)
            }
            try dispatch()
        }
    }

    /// Asks each free accelerator (by index) for work. A policy may leave an accelerator idle (e.g.
    /// to wait for a faster one); passes repeat while a pass started or dropped something, so an
    /// accelerator declined earlier in the same instant is asked again once the set of jobs changed.
    @inlinable
    mutating func dispatch() throws {
        if singleAccelerator, engine.isLoneIdleJob,
           batchesForcedDecisions || policy.decidesLoneJobReadOnly(engine.context.jobs[0], now: engine.clock) {
            try engine.runLoneJob(nextArrival: nextArrival)
            return
        }
        var changed = true
        while changed {
            changed = false
            for a in 0..<engine.acceleratorCount where !engine.context.acceleratorBusy[a] {
                guard engine.hasReadyJob else { return }
                engine.beginDecision()
                let selection = policy.select(for: a, context: &engine.context)
                engine.countDecision()
                if var selection {
                    try engine.validate(selection, policyName: policy.name)
                    if extendsChosenBlocks, selection.layerCount == 1, selection.overheadSeconds == 0 {
                        selection.layerCount = engine.layersBefore(nextArrival, jobIndex: selection.jobIndex)
                    } else if extendsKeptChoices, selection.layerCount == 1, selection.overheadSeconds == 0 {
                        selection.layerCount = planBlockWhileChoiceKept(selection.jobIndex)
                    }
                    try engine.startBlock(selection, on: a)
                    changed = true
                }
                if engine.hasDrops {
                    try applyDrops()
                    changed = true
                }
            }
        }
    }

    /// The layers of job `jobIndex` that accelerator 0 (the only one) runs back to back from now:
    /// one, then one more for each layer boundary before the next arrival at which the policy says
    /// it would choose the job again (`Scheduler.keepsChoice`), asked with the job as it will be
    /// there (its figures advanced layer by layer as `completeBlock` would advance them, at the
    /// same times). Ends at the job's last layer. A block of several layers leaves the job as it
    /// will be at the block's end with the engine (`EngineState.plannedProgress`), so that
    /// `completeBlock` does not advance it a second time.
    @inlinable
    mutating func planBlockWhileChoiceKept(_ jobIndex: Int) -> Int {
        let catalog = engine.context.catalog
        var job = engine.context.jobs[jobIndex]
        // The block's times as `startBlock` and `completeBlock` compute them (one accelerator: no
        // migration; no overhead).
        var time = engine.clock
        var count = 0
        while true {
            let layer = job.nextLayer
            time += catalog.latency(table: job.trueTable, layer: layer, accelerator: 0)
            count += 1
            job.completeLayer(at: time, accelerator: 0, energy: catalog.energy(table: job.trueTable, layer: layer, accelerator: 0),
                              catalog: catalog, predictor: predictor)
            if job.nextLayer >= job.layerCount || time >= nextArrival
                || !policy.keepsChoice(of: job, at: jobIndex, time: time, context: engine.context) {
                break
            }
        }
        if count > 1 { engine.plannedProgress = job.progress }
        return count
    }

    // MARK: The Dysta artifact's loop (compatibility mode)

    @inlinable
    mutating func runArtifactLoop() throws {
        engine.requireSingleAccelerator()
        while true {
            if engine.context.jobs.isEmpty {
                guard let spec = takeNext() else { break }
                engine.setClockBackwardsAllowed(spec.arrivalSeconds)  // may move the clock backwards, as the artifact does
                try admit(spec)
            } else {
                while nextArrival < engine.clock, let spec = takeNext() {
                    try admit(spec)
                }
            }
            guard !engine.context.jobs.isEmpty else { continue }
            engine.beginDecision()
            guard let selection = policy.select(for: 0, context: &engine.context) else {
                throw InvariantViolation(description: "\(policy.name) chose no job at \(engine.clock) s in dysta-artifact mode")
            }
            engine.countDecision()
            try engine.validate(selection, policyName: policy.name)
            let serial = engine.context.jobs[selection.jobIndex].serial
            if engine.hasDrops { try applyDrops() }
            try engine.startBlock(serial: serial, layerCount: selection.layerCount, on: 0)
            engine.setClockBackwardsAllowed(engine.context.acceleratorFreeAt[0])
            try completeBlock(on: 0)
        }
    }

    // MARK: Steps that call the policy or the source

    /// The source's next job, with `nextArrival` refreshed.
    @inlinable
    mutating func takeNext() -> JobSpec? {
        let spec = source.next()
        nextArrival = source.nextReadyTime() ?? .infinity
        return spec
    }

    @inlinable
    mutating func admit(_ spec: JobSpec) throws {
        if let dropped = try engine.admit(spec, estimateKind: estimateKind) {  // dropped on arrival
            try endByDrop(dropped)
            return
        }
        policy.admit(jobIndex: engine.context.jobs.count - 1, context: &engine.context)
    }

    @inlinable
    mutating func completeBlock(on a: Int) throws {
        let index = try engine.completeBlock(on: a, predictor: predictor)
        guard index >= 0 else { return }
        let finished = try engine.removeFinished(at: index)
        policy.jobEnded(finished, finished: true, at: engine.clock)
        source.jobFinished(finished, at: engine.clock, released: &engine.released)
        nextArrival = source.nextReadyTime() ?? .infinity
        if !engine.released.isEmpty { try admitReleased() }
    }

    @inlinable
    mutating func applyDrops() throws {
        for job in engine.takeDroppedJobs() { try endByDrop(job) }
    }

    @inlinable
    mutating func endByDrop(_ job: JobState) throws {
        try engine.recordDrop(job)
        policy.jobEnded(job, finished: false, at: engine.clock)
        source.jobDropped(job.spec, at: engine.clock, released: &engine.released)
        nextArrival = source.nextReadyTime() ?? .infinity
        try admitReleased()
    }

    @inlinable
    mutating func admitReleased() throws {
        while !engine.released.isEmpty {
            let batch = engine.released
            engine.released.removeAll(keepingCapacity: true)
            for spec in batch { try admit(spec) }
        }
    }
}
