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
public struct Simulator<Policy: Scheduler, Source: JobSource> {
    /// The scheduler (with any state it kept, e.g. tuned parameters).
    public private(set) var scheduler: Policy
    private var source: Source
    private let settings: SimulationSettings
    private var context: SchedulingContext
    private var metrics: RunMetrics
    private var nextSerial = 0
    private var runningSerial: [Int]
    private var blockStart: [Double]
    private var blockLayers: [Int]
    private var blockMigration: [Double]
    private var released: [JobSpec] = []
    private var checker: InvariantChecker?
    private var clock = 0.0
    private var busyCount = 0
    /// Whether forced decisions are batched (see `Scheduler.decisionsAreSideEffectFree`).
    private let batchesForcedDecisions: Bool
    /// Receives every admission, layer, finish and drop (for traces); nil for none.
    public var observer: (any SimulationObserver)?

    public init(catalog: WorkloadCatalog, platform: Platform, scheduler: Policy, source: Source,
                settings: SimulationSettings = SimulationSettings()) {
        self.scheduler = scheduler
        self.source = source
        self.settings = settings
        batchesForcedDecisions = scheduler.decisionsAreSideEffectFree && platform.count == 1
        context = SchedulingContext(platform: platform, catalog: catalog)
        metrics = RunMetrics(accelerators: platform.count, models: catalog.modelNames.count)
        runningSerial = [Int](repeating: -1, count: platform.count)
        blockStart = [Double](repeating: 0, count: platform.count)
        blockLayers = [Int](repeating: 0, count: platform.count)
        blockMigration = [Double](repeating: 0, count: platform.count)
        if settings.checkInvariants {
            checker = InvariantChecker(accelerators: platform.count,
                                       monotonicTime: settings.compatibility == .none)
        }
        context.jobs.reserveCapacity(256)
        released.reserveCapacity(8)
    }

    /// Runs until no job is left and the source is exhausted.
    /// - Throws: `InvariantViolation` (with `checkInvariants`), or `InputError` of kind `.limit`.
    public mutating func run() throws -> RunResult {
        switch settings.compatibility {
        case .none: try runEventLoop()
        case .dystaArtifact: try runArtifactLoop()
        }
        metrics.endSeconds = clock
        try checker?.finish(metrics: metrics, unfinished: context.jobs.count)
        return RunResult(scheduler: scheduler.name, metrics: metrics, unfinished: context.jobs.count)
    }

    // MARK: Baton's event loop

    private mutating func runEventLoop() throws {
        let accelerators = context.platform.count
        while true {
            var next = Double.infinity
            for a in 0..<accelerators where context.acceleratorBusy[a] {
                next = min(next, context.acceleratorFreeAt[a])
            }
            if let arrival = source.nextReadyTime() { next = min(next, max(arrival, clock)) }
            guard next < .infinity else { break }
            clock = next
            try checker?.clock(clock)
            for a in 0..<accelerators where context.acceleratorBusy[a] && context.acceleratorFreeAt[a] == clock {
                try completeBlock(on: a)
            }
            while let arrival = source.nextReadyTime(), arrival <= clock, let spec = source.next() {
                try admit(spec)
            }
            try dispatch()
        }
    }

    /// Asks each free accelerator (by index) for work. A policy may leave an accelerator idle (e.g.
    /// to wait for a faster one); passes repeat while a pass started or dropped something, so an
    /// accelerator declined earlier in the same instant is asked again once the set of jobs changed.
    private mutating func dispatch() throws {
        if batchesForcedDecisions, context.jobs.count == 1, busyCount == 0 {
            try runLoneJob()
            return
        }
        var changed = true
        while changed {
            changed = false
            for a in 0..<context.platform.count where !context.acceleratorBusy[a] {
                guard hasReadyJob() else { return }
                context.now = clock
                context.drops.removeAll(keepingCapacity: true)
                let selection = scheduler.select(for: a, context: &context)
                metrics.decisions += 1
                if let selection {
                    try validate(selection)
                    try startBlock(selection, on: a)
                    changed = true
                }
                if !context.drops.isEmpty {
                    try applyDrops()
                    changed = true
                }
            }
        }
    }

    @inline(__always)
    private func hasReadyJob() -> Bool { context.jobs.count > busyCount }

    /// A job alone on the single accelerator of a side-effect-free policy: every decision until the
    /// next arrival would pick it, so its layers run as one block that ends at the first layer
    /// boundary at or after the next arrival (or at its last layer).
    private mutating func runLoneJob() throws {
        let nextArrival = source.nextReadyTime() ?? .infinity
        let trueTable = context.jobs[0].trueTable
        var layer = context.jobs[0].nextLayer
        let layers = context.jobs[0].layerCount
        var end = clock
        if context.jobs[0].lastAccelerator > 0, context.platform.migrationSeconds > 0 { end += context.platform.migrationSeconds }
        var count = 0
        while layer < layers {
            end += context.catalog.latency(table: trueTable, layer: layer, accelerator: 0)
            layer += 1
            count += 1
            if end >= nextArrival { break }
        }
        metrics.decisions += 1
        try startBlock(Selection(jobIndex: 0, layerCount: count), on: 0)
    }

    // MARK: The Dysta artifact's loop (compatibility mode)

    private mutating func runArtifactLoop() throws {
        precondition(context.platform.count == 1, "the dysta-artifact mode models one accelerator")
        while true {
            if context.jobs.isEmpty {
                guard let spec = source.next() else { break }
                clock = spec.arrivalSeconds  // may move the clock backwards, as the artifact does
                try admit(spec)
            } else {
                while let arrival = source.nextReadyTime(), arrival < clock, let spec = source.next() {
                    try admit(spec)
                }
            }
            guard !context.jobs.isEmpty else { continue }
            context.now = clock
            context.drops.removeAll(keepingCapacity: true)
            guard let selection = scheduler.select(for: 0, context: &context) else {
                throw InvariantViolation(description: "\(scheduler.name) chose no job at \(clock) s in dysta-artifact mode")
            }
            metrics.decisions += 1
            try validate(selection)
            if !context.drops.isEmpty { try applyDrops() }
            let index = indexOf(serial: context.jobs[selection.jobIndex].serial)!
            try startBlock(Selection(jobIndex: index, layerCount: selection.layerCount), on: 0)
            clock = context.acceleratorFreeAt[0]
            try completeBlock(on: 0)
        }
    }

    // MARK: Steps

    private mutating func admit(_ spec: JobSpec) throws {
        if context.jobs.count >= settings.maxJobsInSystem {
            throw InputError(.limit, "more than \(settings.maxJobsInSystem) jobs in the system at \(clock) s",
                             hint: "the load is far beyond capacity; lower the rate or raise the limit")
        }
        let serial = nextSerial
        nextSerial += 1
        let estimate = scheduler.estimateKind == .pattern ? spec.patternEstimate : spec.architectureEstimate
        let job = JobState(serial: serial, spec: spec, estimateTable: estimate, catalog: context.catalog)
        metrics.recordAdmission(spec)
        checker?.admitted(serial: serial)
        if spec.droppedOnArrival {
            try endByDrop(spec, serial: serial, job: job)
            return
        }
        context.jobs.append(job)
        observer?.jobAdmitted(job, at: clock)
        scheduler.admit(jobIndex: context.jobs.count - 1, context: &context)
    }

    private func validate(_ selection: Selection) throws {
        guard context.jobs.indices.contains(selection.jobIndex) else {
            throw InvariantViolation(description: "\(scheduler.name) selected job index \(selection.jobIndex) of \(context.jobs.count)")
        }
        guard context.jobs[selection.jobIndex].isReady, selection.layerCount >= 1,
              context.drops.isEmpty || !context.drops.contains(selection.jobIndex) else {
            throw InvariantViolation(description:
                "\(scheduler.name) selected job #\(context.jobs[selection.jobIndex].serial), which is running, dropped, or given no layers")
        }
    }

    private mutating func startBlock(_ selection: Selection, on a: Int) throws {
        let index = selection.jobIndex
        let catalog = context.catalog
        let trueTable = context.jobs[index].trueTable
        let first = context.jobs[index].nextLayer
        let count = min(selection.layerCount, context.jobs[index].layerCount - first)
        var end = clock
        var migration = 0.0
        let last = context.jobs[index].lastAccelerator
        if last >= 0, last != a, context.platform.migrationSeconds > 0 {
            migration = context.platform.migrationSeconds
            end += migration
        }
        for k in first..<(first + count) { end += catalog.latency(table: trueTable, layer: k, accelerator: a) }
        let serial = context.jobs[index].serial
        if checker != nil {
            try checker!.blockStarted(accelerator: a, serial: serial, start: clock, end: end,
                                      busySeconds: end - clock - migration, layers: count, runningOn: runningSerial)
        }
        context.jobs[index].runningOn = a
        if context.jobs[index].firstStartSeconds < 0 { context.jobs[index].firstStartSeconds = clock }
        context.acceleratorBusy[a] = true
        context.acceleratorFreeAt[a] = end
        busyCount += 1
        runningSerial[a] = serial
        blockStart[a] = clock
        blockLayers[a] = count
        blockMigration[a] = migration
    }

    private mutating func completeBlock(on a: Int) throws {
        guard let index = indexOf(serial: runningSerial[a]) else {
            throw InvariantViolation(description: "accelerator \(a) finished a job that is not in the system")
        }
        let catalog = context.catalog
        let trueTable = context.jobs[index].trueTable
        let model = context.jobs[index].spec.model
        let predictor = scheduler.predictor
        var time = blockStart[a] + blockMigration[a]
        for _ in 0..<blockLayers[a] {
            let layer = context.jobs[index].nextLayer
            let latency = catalog.latency(table: trueTable, layer: layer, accelerator: a)
            let energy = catalog.energy(table: trueTable, layer: layer, accelerator: a)
            let start = time
            time += latency
            context.jobs[index].completeLayer(at: time, accelerator: a, energy: energy, catalog: catalog, predictor: predictor)
            metrics.recordLayer(accelerator: a, seconds: latency, energy: energy, model: model)
            checker?.layerRan(accelerator: a, latency: latency, energy: energy)
            if let observer { observer.layerRan(context.jobs[index], layer: layer, accelerator: a, start: start, end: time) }
        }
        context.jobs[index].runningOn = -1
        context.acceleratorBusy[a] = false
        busyCount -= 1
        runningSerial[a] = -1
        if context.jobs[index].nextLayer >= context.jobs[index].layerCount {
            let job = context.jobs.remove(at: index)
            metrics.recordFinish(job, at: clock)
            try checker?.jobEnded(serial: job.serial, at: clock)
            observer?.jobFinished(job, at: clock)
            scheduler.jobEnded(job, finished: true, at: clock)
            source.jobFinished(job, at: clock, released: &released)
            if !released.isEmpty { try admitReleased() }
        }
    }

    private mutating func applyDrops() throws {
        let indices = context.drops.sorted(by: >)
        context.drops.removeAll(keepingCapacity: true)
        var ended: [JobState] = []
        for index in indices {
            ended.append(context.jobs.remove(at: index))
        }
        for job in ended.reversed() {
            try endByDrop(job.spec, serial: job.serial, job: job)
        }
    }

    private mutating func endByDrop(_ spec: JobSpec, serial: Int, job: JobState) throws {
        metrics.recordDrop(spec)
        try checker?.jobEnded(serial: serial, at: clock)
        observer?.jobDropped(spec, serial: serial, at: clock)
        scheduler.jobEnded(job, finished: false, at: clock)
        source.jobDropped(spec, at: clock, released: &released)
        try admitReleased()
    }

    private mutating func admitReleased() throws {
        while !released.isEmpty {
            let batch = released
            released.removeAll(keepingCapacity: true)
            for spec in batch { try admit(spec) }
        }
    }

    /// Position of the job with this serial in `context.jobs` (sorted by serial).
    private func indexOf(serial: Int) -> Int? {
        var low = 0, high = context.jobs.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let value = context.jobs[mid].serial
            if value == serial { return mid }
            if value < serial { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }
}
