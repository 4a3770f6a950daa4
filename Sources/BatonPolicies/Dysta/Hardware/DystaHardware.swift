import BatonCore

/// What a `dysta-hw` run did that the software scheduler never does: counts of the hardware's
/// limits being reached (never silent) and of its costs. Read it from the policy after a run
/// (`runDystaHardware`, or `DystaHardware.report(of:)` on the policy `simulateSpecialized` returns).
public struct DystaHardwareReport: Sendable, Equatable {
    /// SELECT scans that started a layer.
    public var decisions = 0
    /// Of those, decisions with at least two candidates (software Dysta's choice computed too).
    public var contestedDecisions = 0
    /// Contested decisions where software Dysta, on the same jobs at the same time, picks another job.
    public var differingDecisions = 0
    /// SCORING passes (one after every layer).
    public var scoringPasses = 0
    /// Scores computed in those passes plus host-supplied initial scores.
    public var scoresComputed = 0
    /// Seconds the accelerator was occupied by scheduling (IDLE + SELECT before each layer, and
    /// the CALC_SPARSE and SCORING it had to wait for), never counted as busy time.
    public var overheadSeconds = 0.0
    /// Requests that arrived during SCORING and waited for its end.
    public var arrivalsDuringScoring = 0
    /// Requests that found the queue full (2^D - 1) and waited outside it, in arrival order.
    public var queueFullWaits = 0
    /// Largest number of requests waiting outside the queue at once.
    public var maxWaitingOutside = 0
    /// Requests refused (dropped at the next decision): a (model, pattern) block beyond the LUT's
    /// blocks, or (layer-overflow `refuse`) more layers than a block holds.
    public var refusedRequests = 0
    /// LUT reads at a layer index beyond `maxLayers` (the address lands in another block).
    public var aliasedLUTReads = 0
    /// LUT writes that landed on an address another block owns (block x layers > entries).
    public var aliasedLUTWrites = 0
    /// LUT latency entries that overflowed the score format (became +infinity).
    public var overflowedLUTEntries = 0
    /// Scores whose slack `ddl - now` did not fit W bits and wrapped.
    public var wrappedSlacks = 0
    /// Scores whose wait `now - t_last` did not fit W bits and wrapped.
    public var wrappedWaits = 0
    /// Scores that were infinite or NaN (FP16 overflow).
    public var nonFiniteScores = 0
    /// Scores with the sign bit set (negative cost after a wrap), ranked last by the unsigned compare.
    public var negativeScores = 0

    public init() {}
}

/// `dysta-hw`: a bit-accurate model of Dysta's hardware scheduler (the intended behaviour of
/// the artifact's `hw_design/` RTL; docs/dysta-hardware.md, spec dysta-hw.md sections 3-4).
///
/// The scheduler keeps a queue of at most 2^D - 1 tasks (index order: arrival order, with
/// swap-with-last removal). After every layer it runs CALC_SPARSE (the last-one output-density
/// monitor updates the gamma of the task that ran) and SCORING (every queued task is rescored,
/// the k-th in a scan from the highest index down at `now = T_start + k + 1`), then IDLE and
/// SELECT: a scan from index N-1 down keeping the strictly smaller score by an unsigned
/// compare of the bit patterns, so ties keep the higher index. The accelerator idles for
/// those `2N + 13 + 2Lc + 3Lm + La` cycles (scheduler-busy holds and a selection overhead);
/// requests arriving during SCORING wait for its end; a new task carries the host-supplied
/// initial score (the same formula with gamma = 1 and no wait, at its enqueue cycle) until
/// the next pass.
///
/// Late jobs: the slack clamps at 0 (signed compare, as intended), so a late task competes on
/// `Lhat * gamma` and its penalty. Single accelerator (the artifact drives one NPU): other
/// accelerators are left idle. Baton's event loop only (not the `dystaArtifact` mode).
///
/// The engine's monitor runs the average predictor only to compute, at every contested
/// decision, software Dysta's choice on the same jobs (`report.differingDecisions`,
/// `SoftwareDystaShadow`: through an index from `indexThreshold` jobs, or with `indexed` false
/// by a scan); the hardware score never reads it.
///
/// Simulation shortcut (not hardware behaviour): the SCORING pass scans the queue in SELECT's
/// order, so it also finds SELECT's winner, which is kept (and updated when a task is appended
/// or moved) until the queue next changes otherwise; SELECT then reads it instead of scanning
/// again. Debug builds check it against the scan at every SELECT.
public struct DystaHardware: Scheduler {
    public let parameters: DystaHardwareParameters
    public var name: String { "dysta-hw" }
    public var estimateKind: EstimateKind { .pattern }
    /// Feeds only the shadow software score (see the type's documentation).
    public var predictor: GammaPredictor { .average }
    /// Counts of this run's hardware limits and costs.
    public private(set) var report = DystaHardwareReport()

    let arithmetic: DystaHardwareScore
    let one: UInt64
    var shadow: SoftwareDystaShadow
    let clockHz: Double
    let tick: Int64

    struct Task {
        /// The job's admission serial.
        var serial: Int
        var score: UInt64 = 0
        var gamma: UInt64
        /// Deadline and last run, in ticks, unwrapped (the registers hold them modulo 2^W).
        var deadline: Int64
        var lastRun: Int64 = 0
        var block: Int
        /// The job's next layer as the scheduler knows it (set at enqueue, and when a layer of the
        /// task ends: only the task the scheduler chose runs).
        var layer = 0
    }

    enum Phase: Equatable {
        /// Waiting for a request (IDLE).
        case idle
        /// SELECT chose `serial`; its layer runs (the accelerator is busy with it).
        case executing(serial: Int)
        /// CALC_SPARSE after a layer that ended at `startCycle`; ends at `endSeconds`.
        case calcSparse(startCycle: Int64, endSeconds: Double)
        /// SCORING; ends at `endCycle` / `endSeconds`.
        case scoring(endCycle: Int64, endSeconds: Double)
    }

    var phase = Phase.idle
    /// The queued tasks, in queue-index order (the SCORING and SELECT scans read them in place).
    var queue: [Task] = []
    /// Tasks admitted but not in the queue (waiting outside it), by serial.
    var tasks: [Int: Task] = [:]
    /// Serials waiting outside the queue (arrived during SCORING or found it full), in order.
    var outside: [Int] = []
    var refused: [Int] = []
    /// A task whose last layer ran; it stays queued until the end of SCORING.
    var finishedSerial = -1
    var finishedAt = 0.0
    var lastTime = 0.0
    /// Estimate table -> (model, pattern) block.
    var blocks: [Int: Int] = [:]
    var lhatLUT: [UInt64]
    var nIsoLUT: [Int64]
    /// SELECT's winner over the queue as it is (see the type's documentation), or -1: unknown.
    var selectBest = -1

    /// - Throws: `InputError` (kind `.flag`) for a parameter outside its declared range.
    /// - Parameter indexed: software Dysta's choice (for the report) through an index (false:
    ///   a scan of every job; the reference, same report).
    public init(parameters: DystaHardwareParameters = DystaHardwareParameters(), indexed: Bool = true) throws {
        try parameters.validate()
        self.parameters = parameters
        arithmetic = DystaHardwareScore(format: parameters.format, beta: parameters.beta.value)
        one = HardwareFloat.round(1, parameters.format)
        shadow = SoftwareDystaShadow(indexed: indexed)
        clockHz = parameters.clockHz
        tick = Int64(parameters.effectiveCyclesPerTick)
        lhatLUT = [UInt64](repeating: HardwareFloat.zero, count: parameters.lutEntries)
        nIsoLUT = [Int64](repeating: 0, count: parameters.lutEntries)
    }

    // MARK: Time

    /// The scheduler's cycle counter at `seconds` (the last clock edge at or before it).
    @inline(__always) func cycle(_ seconds: Double) -> Int64 { Int64((seconds * clockHz).rounded(.down)) }
    /// Ticks of the time arithmetic at cycle `cycle`.
    @inline(__always) func ticks(_ cycle: Int64) -> Int64 { cycle >= 0 ? cycle / tick : -((-cycle + tick - 1) / tick) }
    /// Seconds of `cycles` scheduler cycles (0 when overhead is not charged).
    @inline(__always) func seconds(_ cycles: Int) -> Double { parameters.chargesOverhead ? Double(cycles) / clockHz : 0 }
    @inline(__always) func cycles(_ count: Int) -> Int64 { parameters.chargesOverhead ? Int64(count) : 0 }

    // MARK: Scheduler hooks

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        let job = context.jobs[jobIndex]
        let now = max(job.arrivalSeconds, lastTime)
        lastTime = now
        advance(to: now, context: context)
        shadow.admitted(jobIndex, context: context)
        // The (model, pattern) block and its LUT entries, written by the host on first sight.
        var block = blocks[job.estimateTable]
        if block == nil, blocks.count < parameters.maxBlocks {
            block = blocks.count
            blocks[job.estimateTable] = block
            writeLUT(block: block!, job: job, catalog: context.catalog)
        }
        guard let block, parameters.layerOverflow == .alias || job.layerCount <= parameters.maxLayers else {
            refused.append(job.serial)
            report.refusedRequests += 1
            return
        }
        tasks[job.serial] = Task(serial: job.serial, gamma: one, deadline: ticks(cycle(job.deadlineSeconds)), block: block)
        if case .scoring = phase {
            report.arrivalsDuringScoring += 1
            wait(job.serial)
        } else if !outside.isEmpty || queue.count >= parameters.queueCapacity {
            report.queueFullWaits += 1
            wait(job.serial)
        } else {
            enqueue(job.serial, atCycle: cycle(now), context: context)
        }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard accelerator == 0 else { return nil }
        let now = context.now
        lastTime = max(lastTime, now)
        advance(to: now, context: context)
        for serial in refused {
            if let index = context.index(ofSerial: serial), context.jobs[index].isReady { context.drop(index) }
        }
        switch phase {
        case .calcSparse(let start, let end):
            let hold = end - now
            phase = .calcSparse(startCycle: start, endSeconds: now + hold)
            report.overheadSeconds += hold
            return .schedulerBusy(seconds: hold)
        case .scoring(let endCycle, let end):
            let hold = end - now
            phase = .scoring(endCycle: endCycle, endSeconds: now + hold)
            report.overheadSeconds += hold
            return .schedulerBusy(seconds: hold)
        case .executing:
            return nil  // unreachable: the accelerator is free, so `advance` ended the layer
        case .idle:
            break
        }
        guard !queue.isEmpty else { return nil }
        let best = selectBest >= 0 ? selectBest : scanQueue()
        assert(best == scanQueue(), "the kept SELECT winner differs from the scan")
        let serial = queue[best].serial
        guard let index = context.index(ofSerial: serial) else { return nil }
        compareWithSoftware(chosen: serial, context: context)
        report.decisions += 1
        phase = .executing(serial: serial)
        let overhead = seconds(parameters.selectCycles(queued: queue.count))
        report.overheadSeconds += overhead
        return Selection(jobIndex: index, overheadSeconds: overhead)
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        lastTime = max(lastTime, time)
        shadow.ended(serial: job.serial)
        if finished {
            finishedSerial = job.serial
            finishedAt = time
        } else {
            refused.removeAll { $0 == job.serial }
            outside.removeAll { $0 == job.serial }
            if let i = queuePosition(of: job.serial) { removeFromQueue(at: i) }
            tasks[job.serial] = nil
        }
    }

    // MARK: The hardware's phases

    /// Runs the scheduler's phases that ended by `time`.
    mutating func advance(to time: Double, context: SchedulingContext) {
        while true {
            switch phase {
            case .idle:
                return
            case .executing(let serial):
                guard !context.acceleratorBusy[0] else { return }
                // The layer ended: exe_clk = its end; CALC_SPARSE updates the task's gamma.
                var end = finishedAt
                let position = queuePosition(of: serial)
                if let index = context.index(ofSerial: serial) {
                    let job = context.jobs[index]
                    end = job.lastRunSeconds
                    if let position { queue[position].layer = job.nextLayer }
                    monitor(job, queuePosition: position, context: context)
                }
                let endCycle = cycle(end)
                let endTicks = ticks(endCycle)
                if let position { queue[position].lastRun = endTicks } else { tasks[serial]?.lastRun = endTicks }
                phase = .calcSparse(startCycle: endCycle, endSeconds: end + seconds(parameters.calcSparseCycles))
            case .calcSparse(let start, let end):
                guard end <= time else { return }
                let scoringStart = start + cycles(parameters.calcSparseCycles)
                scoringPass(startCycle: scoringStart, context: context)
                let duration = parameters.scoringCycles(queued: queue.count)
                phase = .scoring(endCycle: scoringStart + cycles(duration), endSeconds: end + seconds(duration))
            case .scoring(let endCycle, let end):
                guard end <= time else { return }
                // The task whose last layer ran leaves: the last entry moves into its slot.
                if finishedSerial >= 0 {
                    if let i = queuePosition(of: finishedSerial) { removeFromQueue(at: i) }
                    tasks[finishedSerial] = nil
                    finishedSerial = -1
                }
                phase = .idle
                // IDLE: the requests that waited are enqueued, in order, while there is room.
                while !outside.isEmpty, queue.count < parameters.queueCapacity {
                    enqueue(outside.removeFirst(), atCycle: endCycle, context: context)
                }
            }
        }
    }

    /// SELECT's scan over the queue as it is.
    func scanQueue() -> Int {
        queue.withUnsafeBufferPointer { buffer in Self.selectScan(count: buffer.count) { buffer[$0].score } }
    }

    /// SELECT: a scan from index `count - 1` down to 0 keeping the strictly smaller score by
    /// an unsigned compare of the bit patterns, so ties keep the higher index.
    static func selectScan(count: Int, score: (Int) -> UInt64) -> Int {
        var best = count - 1
        var bestScore = score(best)
        for i in stride(from: count - 2, through: 0, by: -1) {
            let value = score(i)
            if HardwareFloat.unsignedLess(value, bestScore) {
                best = i
                bestScore = value
            }
        }
        return best
    }

    /// The cycle at which SCORING, started at `start`, scores the task at queue index
    /// `index` of `count`: the scan goes from the highest index down, the k-th task scored
    /// (k = 0, 1, ...) at `start + k + 1`.
    static func passCycle(start: Int64, index: Int, count: Int) -> Int64 { start + Int64(count - 1 - index) + 1 }

    mutating func wait(_ serial: Int) {
        outside.append(serial)
        report.maxWaitingOutside = max(report.maxWaitingOutside, outside.count)
    }

    /// Removes the task at `i`: the last task moves into its slot. The kept SELECT winner
    /// stays right unless it left or moved (a task that moves down loses ties it won by its
    /// index, but it was not the winner, so its score was strictly above the winner's).
    mutating func removeFromQueue(at i: Int) {
        let last = queue.count - 1
        queue[i] = queue[last]
        queue.removeLast()
        if selectBest == i || selectBest == last { selectBest = -1 }
    }

    /// Where the task of `serial` is in the queue (nil: not queued).
    func queuePosition(of serial: Int) -> Int? { queue.firstIndex { $0.serial == serial } }

    /// The host enqueues `serial` at `cycle`: exe_clk = now and the host-supplied initial score.
    mutating func enqueue(_ serial: Int, atCycle cycle: Int64, context: SchedulingContext) {
        guard let index = context.index(ofSerial: serial) else { tasks[serial] = nil; return }
        let now = ticks(cycle)
        var task = tasks.removeValue(forKey: serial)!
        task.lastRun = now
        task.layer = context.jobs[index].nextLayer
        task.score = score(task, layer: task.layer, now: now, gamma: one)
        queue.append(task)
        // The new task has the highest index, so it wins ties (SELECT's scan starts there).
        if selectBest >= 0, !HardwareFloat.unsignedLess(queue[selectBest].score, task.score) { selectBest = queue.count - 1 }
    }

    /// SCORING: every queued task rescored at its own cycle (`passCycle`); the task whose last
    /// layer ran (`finishedSerial`: it left the system) is still counted and leaves at the end of
    /// the pass. Every other queued task is in the system (a dropped one leaves the queue at once).
    mutating func scoringPass(startCycle: Int64, context: SchedulingContext) {
        report.scoringPasses += 1
        // SELECT's winner among the rescored tasks, in SELECT's order (from the highest index,
        // strictly smaller): the finished task leaves before SELECT (`removeFromQueue` then keeps
        // the winner right).
        var best = -1
        for i in stride(from: queue.count - 1, through: 0, by: -1) {
            guard queue[i].serial != finishedSerial else { continue }
            let now = ticks(Self.passCycle(start: startCycle, index: i, count: queue.count))
            queue[i].score = score(queue[i], layer: queue[i].layer, now: now, gamma: queue[i].gamma)
            if best < 0 || HardwareFloat.unsignedLess(queue[i].score, queue[best].score) { best = i }
        }
        selectBest = best
    }

    /// One score, counting the limits it reaches.
    mutating func score(_ task: Task, layer: Int, now: Int64, gamma: UInt64) -> UInt64 {
        if layer >= parameters.maxLayers { report.aliasedLUTReads += 1 }
        let address = (task.block * parameters.maxLayers + layer) % parameters.lutEntries
        let time = arithmetic.time
        if !time.fits(task.deadline - now) { report.wrappedSlacks += 1 }
        if !time.fits(now - task.lastRun) { report.wrappedWaits += 1 }
        let value = arithmetic.score(deadline: task.deadline, now: now, lastRun: task.lastRun,
                                     nIso: nIsoLUT[address], lhat: lhatLUT[address], gamma: gamma)
        report.scoresComputed += 1
        if HardwareFloat.isNonFinite(value, parameters.format) { report.nonFiniteScores += 1 }
        if value >> UInt64(parameters.format.timeBits - 1) & 1 == 1 { report.negativeScores += 1 }
        return value
    }

    /// CALC_SPARSE: gamma of the task that ran = its last layer's output density ratio,
    /// rounded once to the score format (see `DystaHardwareParameters.OutputDensity`). The task is
    /// at `queuePosition` in the queue (nil: not queued).
    mutating func monitor(_ job: JobState, queuePosition: Int?, context: SchedulingContext) {
        guard job.spec.observedRatios >= 0, job.variant == 0, job.nextLayer > 0 else { return }
        let ran = job.nextLayer - 1
        let layer = parameters.outputDensity == .ownLayer ? ran : ran + 1
        guard layer < job.layerCount else { return }
        let ratio = context.catalog.ratio(table: job.spec.observedRatios, layer: layer)
        let gamma = HardwareFloat.round(ratio, parameters.format)
        if let queuePosition { queue[queuePosition].gamma = gamma } else { tasks[job.serial]?.gamma = gamma }
    }

    /// The host writes a block's LUT entries: Lhat = suffix sums of the pattern-aware
    /// per-layer averages in ticks, and n_iso = round(2^F / isolated ticks) (16 bits).
    mutating func writeLUT(block: Int, job: JobState, catalog: WorkloadCatalog) {
        let format = parameters.format
        let ticksPerSecond = clockHz / Double(tick)
        let isolated = catalog.remainingFastest(table: job.estimateTable, from: 0) * ticksPerSecond
        let scale = Double(1 << format.penaltyFractionBits)
        let nIso = isolated > 0 ? Int64(min(65535, (scale / isolated).rounded())) : 65535
        for layer in 0..<min(job.layerCount, parameters.maxLayers) {
            let raw = block * parameters.maxLayers + layer
            if raw >= parameters.lutEntries { report.aliasedLUTWrites += 1 }
            let address = raw % parameters.lutEntries
            let entry = HardwareFloat.round(catalog.remainingFastest(table: job.estimateTable, from: layer) * ticksPerSecond, format)
            if HardwareFloat.isNonFinite(entry, format) { report.overflowedLUTEntries += 1 }
            lhatLUT[address] = entry
            nIsoLUT[address] = nIso
        }
    }

    /// Software Dysta's pick on the same jobs at the same time (strict less-than in admission
    /// order), counted when at least two jobs compete; the hardware's pick `chosen` runs next.
    mutating func compareWithSoftware(chosen: Int, context: SchedulingContext) {
        guard let best = shadow.choose(ran: chosen, context: context) else { return }
        report.contestedDecisions += 1
        if context.jobs[best].serial != chosen { report.differingDecisions += 1 }
    }
}

extension DystaHardware {
    /// The report of a `dysta-hw` policy as it ended a run (the second value `simulateSpecialized`
    /// returns), or nil for another policy.
    public static func report(of policy: any Scheduler) -> DystaHardwareReport? {
        (policy as? DystaHardware)?.report
    }
}

/// Runs `dysta-hw` with `parameters` and returns the result with the policy's report of the
/// hardware's limits and costs. The policy drives accelerator 0 only (other accelerators of
/// `platform` stay idle).
/// - Throws: `InputError` (kind `.flag`) for parameters outside their declared ranges or a
///   compatibility mode (`dysta-hw` models Baton's event loop only); what `Simulator.run` throws.
public func runDystaHardware<Source: JobSource>(_ parameters: DystaHardwareParameters, catalog: WorkloadCatalog,
                                                platform: Platform = .single(), source: Source,
                                                settings: SimulationSettings = SimulationSettings(),
                                                observer: (any SimulationObserver)? = nil) throws -> (RunResult, DystaHardwareReport) {
    guard settings.compatibility == .none else {
        throw InputError(.flag, field: "compatibility", "dysta-hw models Baton's event loop only, not '\(settings.compatibility.rawValue)'")
    }
    var simulator = Simulator(catalog: catalog, platform: platform, scheduler: try DystaHardware(parameters: parameters),
                              source: source, settings: settings)
    simulator.observer = observer
    let result = try simulator.run()
    return (result, simulator.scheduler.report)
}
