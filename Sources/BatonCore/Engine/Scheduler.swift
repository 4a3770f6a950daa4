/// Which per-layer estimates a scheduler is given.
public enum EstimateKind: Sendable, Equatable {
    /// Per model architecture, averaged over all sparsity patterns and inputs (pattern-unaware).
    case architecture
    /// Per (model, sparsity pattern): Dysta's static level.
    case pattern
}

/// What a scheduler asks an accelerator to do next.
public struct Selection: Sendable, Equatable {
    /// Index of the job in `SchedulingContext.jobs`, or -1 for a scheduler-busy hold (see
    /// `schedulerBusy(seconds:)`).
    public var jobIndex: Int
    /// How many of the job's next layers to run back to back (1: layer-granular preemption;
    /// `Int.max`: run to completion, non-preemptive).
    public var layerCount: Int
    /// Scheduling overhead, in seconds: the accelerator is occupied (it can start nothing else)
    /// but idle for this long before the block's first layer starts. Not busy time. Default 0.
    public var overheadSeconds: Double

    @inlinable
    public init(jobIndex: Int, layerCount: Int = 1, overheadSeconds: Double = 0) {
        self.jobIndex = jobIndex
        self.layerCount = layerCount
        self.overheadSeconds = overheadSeconds
    }

    /// Occupies the accelerator with the scheduler's own work for `seconds` (> 0) without running
    /// any job (e.g. a hardware scheduler rescoring its queue); the engine asks again when it ends.
    /// Not busy time. Baton's event loop only (the `dystaArtifact` loop refuses it).
    @inlinable
    public static func schedulerBusy(seconds: Double) -> Selection {
        Selection(jobIndex: -1, layerCount: 0, overheadSeconds: seconds)
    }

    /// Whether this is a scheduler-busy hold rather than a job's block.
    @inlinable public var isSchedulerBusy: Bool { jobIndex < 0 }
}

/// A scheduling policy. The engine calls `select` whenever an accelerator is free and at least
/// one job waits; the policy picks a waiting job (or none), and may drop jobs.
///
/// A policy sees only what a real scheduler could know: estimates, the monitor's gamma and what
/// has already run. Oracles read `remainingTrueSeconds` and say so in their documentation.
/// Every policy documents its tie-breaking and its handling of late jobs (negative slack).
public protocol Scheduler {
    /// Name shown in results (the command-line name, e.g. "dysta").
    var name: String { get }
    /// Which estimates the engine gives this policy's jobs.
    /// Read once, when a simulation starts.
    var estimateKind: EstimateKind { get }
    /// The run-time monitor's predictor (`.none` for policies without a monitor). Read once, when
    /// a simulation starts.
    var predictor: GammaPredictor { get }
    /// Whether `select` only reads (no per-decision state such as PREMA's tokens, no drops). The
    /// engine then skips decisions whose outcome is forced: a job alone on a one-accelerator
    /// platform runs its layers back to back up to the next arrival, with the same times and
    /// per-layer updates as layer-by-layer decisions. Default: false.
    var decisionsAreSideEffectFree: Bool { get }
    /// Whether, between two admissions, every decision would pick the job picked last while it has
    /// layers left (true of policies ordering by a key that is fixed, or that only falls for the
    /// job that runs: FCFS, EDF, SJF on plain estimates). With `decisionsAreSideEffectFree` on a
    /// one-accelerator platform the engine then runs the chosen job's layers as one block up to
    /// the next arrival, with the same times and per-layer updates. Default: false.
    var choiceHoldsBetweenAdmissions: Bool { get }
    /// Whether `keepsChoice` may answer yes. Read once, when a simulation starts. Default: false.
    var predictsKeptChoice: Bool { get }
    /// On a one-accelerator platform: whether a decision at `now` that finds `job` alone in the
    /// system and the accelerator idle would only read, and choose it. A yes lets the engine run
    /// the job's layers back to back up to the next arrival without asking, as it does for every
    /// lone job of a policy with `decisionsAreSideEffectFree` (e.g. PREMA answers yes when the
    /// job's token would neither grow nor be stored: it has not waited since it last ran). Answer
    /// no when unsure. Default: `decisionsAreSideEffectFree`.
    func decidesLoneJobReadOnly(_ job: JobState, now: Double) -> Bool

    /// Called once per job when it enters the system, before it can be selected. A policy may
    /// choose a model variant here with `context.chooseVariant`. Default: nothing.
    mutating func admit(jobIndex: Int, context: inout SchedulingContext)

    /// Chooses what the free accelerator `accelerator` runs next, or nil to leave it idle.
    mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection?

    /// Called when a job leaves the system (finished or dropped). Default: nothing.
    mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double)

    /// With `decisionsAreSideEffectFree` and `predictsKeptChoice` on a one-accelerator platform:
    /// whether the decision at `time` would certainly select the job at `jobIndex` again. This
    /// policy selected that job at its last decision; `job` is the job as it will be once the
    /// layer it runs now ends at `time`; until then no job is admitted and no other job runs, so
    /// the rest of `context` is as it will be then (except `context.now`, which is still the
    /// clock of the last decision). A yes lets the engine run the job's next layer in the same
    /// block, without that decision (the schedule is the same); answer no when unsure. Default: no.
    func keepsChoice(of job: JobState, at jobIndex: Int, time: Double, context: SchedulingContext) -> Bool

    /// Runs one simulation with this policy. Use the default: it is a requirement only so that a
    /// call through `any Scheduler` reaches code compiled for the policy's own type (the engine's
    /// inlinable loop, specialised in the policy's module), not the unspecialised generic loop.
    /// The source is the concrete `AnyJobSource`: with a generic source the requirement would be
    /// generic, and its default could not be specialised (Swift specialises only when every
    /// generic parameter is known). Returns the result and the policy as it ended (with any state
    /// it kept).
    func simulateSpecialized(catalog: WorkloadCatalog, platform: Platform, source: AnyJobSource,
                             settings: SimulationSettings, observer: (any SimulationObserver)?) throws -> (RunResult, any Scheduler)
}

extension Scheduler {
    @inlinable
    public func simulateSpecialized(catalog: WorkloadCatalog, platform: Platform, source: AnyJobSource,
                                    settings: SimulationSettings, observer: (any SimulationObserver)?) throws -> (RunResult, any Scheduler) {
        var simulator = Simulator(catalog: catalog, platform: platform, scheduler: self, source: source, settings: settings)
        simulator.observer = observer
        let result = try simulator.run()
        return (result, simulator.scheduler)
    }

    /// `simulateSpecialized` with any concrete source (wrapped in `AnyJobSource`, which forwards
    /// each call; an `AnyJobSource` is passed as it is).
    @inlinable
    public func simulateSpecialized<Source: JobSource>(catalog: WorkloadCatalog, platform: Platform, source: Source,
                                                       settings: SimulationSettings, observer: (any SimulationObserver)?) throws -> (RunResult, any Scheduler) {
        let erased = (source as? AnyJobSource) ?? AnyJobSource(source)
        return try simulateSpecialized(catalog: catalog, platform: platform, source: erased, settings: settings, observer: observer)
    }

    public var estimateKind: EstimateKind { .architecture }
    public var predictor: GammaPredictor { .none }
    public var decisionsAreSideEffectFree: Bool { false }
    public var choiceHoldsBetweenAdmissions: Bool { false }
    public var predictsKeptChoice: Bool { false }
    public func keepsChoice(of job: JobState, at jobIndex: Int, time: Double, context: SchedulingContext) -> Bool { false }
    public func decidesLoneJobReadOnly(_ job: JobState, now: Double) -> Bool { decisionsAreSideEffectFree }
    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {}
    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {}
}

/// What a scheduler sees at a decision: the clock, the jobs in the system and the platform.
public struct SchedulingContext {
    /// Current simulated time, in seconds.
    public internal(set) var now: Double = 0
    /// Jobs in the system, in admission order (running ones included; see `JobState.isReady`),
    /// indexed from 0.
    @inlinable public var jobs: JobList {
        _read { yield jobStorage }
    }
    /// The jobs' storage: the engine and the context's inlinable operations (such as
    /// `setSchedulerScratch`, with which PREMA stores tokens) write it.
    @usableFromInline internal var jobStorage = JobList()
    /// The accelerators.
    public let platform: Platform
    /// Cost tables and names.
    public let catalog: WorkloadCatalog
    /// Jobs dropped during the current decision (indices into `jobs`, ascending).
    public internal(set) var drops: [Int] = []
    /// Which accelerators are busy now.
    public internal(set) var acceleratorBusy: [Bool]
    /// When each busy accelerator frees up (meaningless for idle ones).
    public internal(set) var acceleratorFreeAt: [Double]

    init(platform: Platform, catalog: WorkloadCatalog) {
        self.platform = platform
        self.catalog = catalog
        acceleratorBusy = [Bool](repeating: false, count: platform.count)
        acceleratorFreeAt = [Double](repeating: 0, count: platform.count)
        drops.reserveCapacity(64)
    }

    /// Number of jobs in the system (running and waiting).
    @inlinable public var jobCount: Int { jobs.count }

    /// Drops job `index` now (it will not run again; dropping twice is ignored). O(1) when a
    /// decision drops jobs in ascending order (as DREAM's scan and index do).
    public mutating func drop(_ index: Int) {
        precondition(jobs[index].isReady, "a running job cannot be dropped")
        guard let last = drops.last, index <= last else {
            drops.append(index)
            return
        }
        let position = dropPosition(index)
        if drops[position] != index { drops.insert(index, at: position) }
    }

    /// The first position in `drops` (ascending) whose index is at least `index`.
    private func dropPosition(_ index: Int) -> Int {
        var low = 0, high = drops.count
        while low < high {
            let mid = (low + high) / 2
            if drops[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Position in `jobs` of the job with admission serial `serial` (binary search: `jobs` is in
    /// admission order), or nil if it has left the system.
    public func index(ofSerial serial: Int) -> Int? { Self.index(ofSerial: serial, in: jobs) }

    /// The binary search of `index(ofSerial:)` over any job list in admission order.
    static func index(ofSerial serial: Int, in jobs: JobList) -> Int? {
        jobs.position(ofSerial: serial)
    }

    /// Whether job `index` was dropped during this decision.
    public func isDropped(_ index: Int) -> Bool {
        let position = dropPosition(index)
        return position < drops.count && drops[position] == index
    }

    /// Estimated latency of job `index`'s next layer on `accelerator` (no gamma). Read from the
    /// catalog's packed arrays: a `CostTable` copied out of `catalog.costTables` would retain and
    /// release each of its arrays, at every call.
    @inlinable public func nextLayerEstimate(_ index: Int, on accelerator: Int) -> Double {
        catalog.latency(table: jobs[index].estimateTable, layer: jobs[index].nextLayer, accelerator: accelerator)
    }

    /// Estimated energy of job `index`'s next layer on `accelerator` (packed arrays, as
    /// `nextLayerEstimate`).
    @inlinable public func nextLayerEnergy(_ index: Int, on accelerator: Int) -> Double {
        catalog.energy(table: jobs[index].estimateTable, layer: jobs[index].nextLayer, accelerator: accelerator)
    }

    /// Estimated latency of job `index`'s remaining layers, all on `accelerator` (no gamma).
    @inlinable public func remainingEstimate(_ index: Int, on accelerator: Int) -> Double {
        let job = jobs[index]
        return catalog.costTables[job.estimateTable].remaining(from: job.nextLayer, accelerator: accelerator)
    }

    /// The estimate table of job `index`.
    public func estimateCosts(_ index: Int) -> CostTable { catalog.costTables[jobs[index].estimateTable] }

    /// Sets job `index`'s scheduler scratch (`JobState.schedulerValue` and `schedulerStamp`), e.g.
    /// PREMA's token and the time it was last updated. Policies outside BatonCore cannot write
    /// `jobs` directly.
    @inlinable
    public mutating func setSchedulerScratch(_ index: Int, value: Double, stamp: Double) {
        jobStorage[index].schedulerValue = value
        jobStorage[index].schedulerStamp = stamp
    }

    /// Calls `body` with the index and the job of every waiting job, in admission order, with
    /// write access to the job's scratch (`schedulerValue`, `schedulerStamp`; its other figures
    /// are the engine's). For a policy that updates every waiting job at every decision (PREMA's
    /// tokens): one pass, without the per-job checks of `setSchedulerScratch`.
    @inlinable
    public mutating func forEachWaitingJob(_ body: (_ index: Int, _ job: inout JobState) throws -> Void) rethrows {
        try jobStorage.forEachWaiting(body)
    }

    /// A range that holds the sum of the jobs' remaining estimates as a pass over `jobs` adds
    /// them, in O(1) (see `JobList.remainingEstimateRange`); the job list keeps the sum from the
    /// first call on. Nil when it is not finite: then pass over the jobs.
    @inlinable
    public mutating func remainingEstimateRange() -> ClosedRange<Double>? {
        jobStorage.trackedRemainingRange()
    }

    /// Switches job `index` to variant `variant` (1-based into `spec.variantCosts`; 0: full model).
    /// Only valid from `Scheduler.admit`. Variants use their own table as estimate and truth.
    public mutating func chooseVariant(_ variant: Int, for index: Int) {
        let job = jobs[index]
        guard variant > 0 else { return }
        precondition(variant <= job.spec.variantCosts.count, "unknown variant \(variant)")
        let table = job.spec.variantCosts[variant - 1]
        jobStorage[index].switchTables(trueTable: table, estimateTable: table, variant: variant, catalog: catalog)
        jobStorage.remainingChanged(from: job.remainingEstimateSeconds, to: jobStorage[index].remainingEstimateSeconds)
    }
}
