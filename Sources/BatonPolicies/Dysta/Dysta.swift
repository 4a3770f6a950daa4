import BatonCore

/// Dysta (Fan et al., "Sparse-DySta: Sparsity-Aware Dynamic and Static Scheduling for Sparse
/// Multi-DNN Workloads", MICRO 2023, arXiv 2310.11096; artifact
/// SamsungLabs/Sparse-Multi-DNN-Scheduling): `dysta`, `dysta-naive` and `dysta-oracle`.
///
/// For each ready job, with `rem` the remaining latency, `E` the isolated latency, gamma the
/// monitor's prediction, `slack = deadline - now`, `idle = now - lastRun` (lastRun starts at
/// arrival) and `n` the number of jobs in the system (running ones included):
///
///     urgency = max(0, slack - gamma * rem)
///     penalty = idle / E / n            (preemption penalty; E without gamma)
///     value   = gamma * rem + beta * (urgency + penalty)
///
/// The smallest value runs its next layer. The penalty raises the value of jobs that have
/// waited, so the job that just ran (idle 0) tends to continue.
///
/// - `dysta`: pattern-aware estimates for `rem` and `E`, gamma from the monitor.
/// - `dysta-naive`: per-architecture estimates, gamma = 1 (no static or dynamic level).
/// - `dysta-static` / `dysta-dynamic`: only the static (pattern-aware estimates) or only the
///   dynamic (monitor) level, for the breakdown experiment.
/// - `dysta-oracle`: an ORACLE: reads the hidden true remaining latency for `rem` (in both
///   places) and the true isolated latency R for `E`, gamma = 1. An upper bound, not a policy
///   a real system could run.
///
/// Ties: strict less-than, so the earlier admission wins, in both modes (artifact: the first
/// job considered is kept). Late jobs: urgency is 0, so a late job competes on its remaining
/// latency and penalty alone (no special rule). No compatibility differences: the artifact's
/// Dysta computes exactly this.
///
/// Index (`index=indexed`, default mode, from `indexThreshold` jobs): urgency is never negative
/// and the idle time only grows, so `value >= gamma * rem + beta * (t - lastRun) / (E * n)`, a
/// line in the clock per job that changes only when the job runs. The lines are drawn for a
/// reference `n` at least the jobs in the system (a larger `n` lowers the bound), so the index is
/// rebuilt only when the jobs outgrow the reference or fall below half of it, not at every
/// arrival and finish. A kinetic tournament of these lines (`WaitingJobIndex`) yields the jobs
/// whose bound reaches the best value, which are scored exactly (ties as in the scan). Jobs
/// with bit-identical figures (a burst of requests at one instant) are also grouped
/// (`TieGroups`): while the index's searches cost more than scoring the groups, and there is
/// at most one group per two jobs, a decision scores one job per group instead. The artifact mode
/// scans (its clock may move backwards, where the bound fails).
///
/// Kept choice (indexed mode, one accelerator, below `indexThreshold` jobs): a scan also records
/// a floor for the other jobs' values; while the job it chose stays below that floor (which falls
/// by `beta` per second), the next decision keeps it without a scan (`selectRemembering`), and the
/// engine may run its next layers in the same block (`keepsChoice`). The memo is a cache: the
/// decisions are the scan's.
public struct Dysta: ReferenceCompatiblePolicy, TieGroupedPolicy {
    /// Which Dysta.
    public enum Variant: Sendable, Equatable {
        /// Static (pattern-aware) and dynamic (monitor) levels on.
        case standard
        /// Neither level: per-architecture estimates, gamma 1.
        case naive
        /// True latencies (an oracle).
        case oracle
        /// Static level only: pattern-aware estimates, gamma 1 (for the breakdown experiment).
        case staticOnly
        /// Dynamic level only: per-architecture estimates, gamma from the monitor (breakdown).
        case dynamicOnly
    }

    public let variant: Variant
    /// Weight of urgency and penalty.
    public let beta: Double
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Decide through the kinetic index (default mode, from `indexThreshold` jobs); false: scan.
    public let indexed: Bool
    var index = WaitingJobIndex()
    /// Jobs in the system when the index's lines were computed (their slopes divide by it).
    private var indexJobs = -1
    /// The waiting jobs grouped by the figures the value reads (indexed mode, from
    /// `indexThreshold` jobs): decide while they are cheaper than the index (bursts), searched
    /// through their own tournament of the same lower bounds (`TieGroups.searchRanked`).
    var groups = TieGroups<FiguresKey>(searchesRanked: true)
    /// Jobs in the system when the groups' lines were computed (as `indexJobs`).
    private var groupJobs = -1
    /// What the last scan saw, so that the next decision may keep its choice without a scan
    /// (`selectRemembering`).
    private var memo = ScanMemo()

    /// The last scan's choice, when it ran, and a floor for the other ready jobs' values then.
    struct ScanMemo {
        /// The chosen job's serial (-1: no memo) and its position then (a hint).
        var serial = -1
        var position = -1
        /// The scan's clock.
        var time = 0.0
        /// The least value among the other ready jobs at `time` (infinity: none).
        var othersLeast = Double.infinity
        /// The largest `1 / E` among the other ready jobs (bounds the rounding of their penalties).
        var largestInverseIsolated = 0.0
    }

    /// The exact figures `value` reads from a job (bit patterns): equal keys, equal values.
    struct FiguresKey: JobFigures {
        var gamma: UInt64, remainingEstimate: UInt64, isolatedEstimate: UInt64
        var remainingTrue: UInt64, isolatedTrue: UInt64, deadline: UInt64, lastRun: UInt64

        init(_ job: JobState) {
            gamma = job.gamma.bitPattern
            remainingEstimate = job.remainingEstimateSeconds.bitPattern
            isolatedEstimate = job.isolatedEstimateSeconds.bitPattern
            remainingTrue = job.remainingTrueSeconds.bitPattern
            isolatedTrue = job.isolatedTrueSeconds.bitPattern
            deadline = job.deadlineSeconds.bitPattern
            lastRun = job.lastRunSeconds.bitPattern
        }

        var foldedHash: UInt64 {
            let estimates = Self.fold(Self.fold(gamma, remainingEstimate), isolatedEstimate)
            return Self.fold(Self.fold(Self.fold(Self.fold(estimates, remainingTrue), isolatedTrue), deadline), lastRun)
        }

        func value(variant: Variant, beta: Double, now: Double, jobsInSystem: Double) -> Double {
            Dysta.value(variant: variant, beta: beta, gamma: Double(bitPattern: gamma),
                        remainingEstimate: Double(bitPattern: remainingEstimate),
                        isolatedEstimate: Double(bitPattern: isolatedEstimate), remainingTrue: Double(bitPattern: remainingTrue),
                        isolatedTrue: Double(bitPattern: isolatedTrue), deadline: Double(bitPattern: deadline),
                        lastRun: Double(bitPattern: lastRun), now: now, jobsInSystem: jobsInSystem)
        }

        /// The lower bound of the value of a job with these figures: `value >= predicted + beta *
        /// penalty` (urgency is never negative), a line in the clock anchored at the job's last
        /// run with slope `beta / (E * jobsInSystem)`; with `jobsInSystem` at least the jobs in
        /// the system it stays a lower bound, and it changes only when the job runs.
        func line(variant: Variant, beta: Double, jobsInSystem: Int) -> KineticTournament.Line {
            let gamma: Double, remaining: Double, isolated: Double
            switch variant {
            case .standard, .dynamicOnly:
                gamma = Double(bitPattern: self.gamma)
                remaining = Double(bitPattern: remainingEstimate)
                isolated = Double(bitPattern: isolatedEstimate)
            case .naive, .staticOnly:
                gamma = 1
                remaining = Double(bitPattern: remainingEstimate)
                isolated = Double(bitPattern: isolatedEstimate)
            case .oracle:
                gamma = 1
                remaining = Double(bitPattern: remainingTrue)
                isolated = Double(bitPattern: isolatedTrue)
            }
            let slope = isolated > 0 ? beta / (isolated * Double(jobsInSystem)) : 0
            return .init(base: gamma * remaining, slope: slope, anchor: Double(bitPattern: lastRun))
        }
    }

    /// - Parameter predictor: the monitor's predictor; used only by `.standard`.
    public init(_ variant: Variant, beta: Double = 0.01, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none, indexed: Bool = true) {
        self.variant = variant
        self.beta = beta
        self.predictor = variant == .standard || variant == .dynamicOnly ? predictor : .none
        self.compatibility = compatibility
        self.indexed = indexed
    }

    public var name: String {
        switch variant {
        case .standard: "dysta"
        case .naive: "dysta-naive"
        case .oracle: "dysta-oracle"
        case .staticOnly: "dysta-static"
        case .dynamicOnly: "dysta-dynamic"
        }
    }

    /// `select` only reads the jobs: its index, groups and kept-choice memo are caches that never
    /// change a decision, so skipping a forced decision changes nothing.
    public var decisionsAreSideEffectFree: Bool { true }

    public var estimateKind: EstimateKind {
        variant == .naive || variant == .dynamicOnly ? .architecture : .pattern
    }

    /// The value of `job` at `now` with `jobsInSystem` jobs in the system (smaller runs first).
    func value(_ job: JobState, now: Double, jobsInSystem: Double) -> Double {
        value(gamma: job.gamma, remainingEstimate: job.remainingEstimateSeconds, isolatedEstimate: job.isolatedEstimateSeconds,
              remainingTrue: job.remainingTrueSeconds, isolatedTrue: job.isolatedTrueSeconds,
              deadline: job.deadlineSeconds, lastRun: job.lastRunSeconds, now: now, jobsInSystem: jobsInSystem)
    }

    /// The value from the job's figures (the decision loop reads them in place: copying whole
    /// jobs out of the array costs more than the arithmetic).
    @inline(__always)
    func value(gamma jobGamma: Double, remainingEstimate: Double, isolatedEstimate: Double, remainingTrue: Double,
               isolatedTrue: Double, deadline: Double, lastRun: Double, now: Double, jobsInSystem: Double) -> Double {
        Dysta.value(variant: variant, beta: beta, gamma: jobGamma, remainingEstimate: remainingEstimate,
                    isolatedEstimate: isolatedEstimate, remainingTrue: remainingTrue, isolatedTrue: isolatedTrue,
                    deadline: deadline, lastRun: lastRun, now: now, jobsInSystem: jobsInSystem)
    }

    @inline(__always)
    static func value(variant: Variant, beta: Double, gamma jobGamma: Double, remainingEstimate: Double, isolatedEstimate: Double,
                      remainingTrue: Double, isolatedTrue: Double, deadline: Double, lastRun: Double, now: Double,
                      jobsInSystem: Double) -> Double {
        let gamma: Double
        let remaining: Double
        let isolated: Double
        switch variant {
        case .standard, .dynamicOnly:
            gamma = jobGamma
            remaining = remainingEstimate
            isolated = isolatedEstimate
        case .naive, .staticOnly:
            gamma = 1
            remaining = remainingEstimate
            isolated = isolatedEstimate
        case .oracle:
            gamma = 1
            remaining = remainingTrue
            isolated = isolatedTrue
        }
        let predicted = gamma * remaining
        let urgency = max(0, (deadline - now) - predicted)
        let idle = now - lastRun
        let penalty = isolated > 0 ? idle / isolated / jobsInSystem : 0
        return predicted + beta * (urgency + penalty)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        memo.serial = -1  // a new job, and a larger n (lower penalties): the floor no longer holds
        groupsAdmit(jobIndex, context: context)
        guard index.isBuilt else { return }
        if context.jobs.count <= indexJobs {
            let (variant, beta, reference) = (self.variant, self.beta, indexJobs)
            index.admit(jobIndex, context: context) { Dysta.line($0, $1, variant: variant, beta: beta, jobsInSystem: reference) }
        } else {
            index.discard()  // the lines' slopes no longer bound the values: rebuilt at the next decision
        }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        guard indexed, compatibility == .none, context.jobs.count >= indexThreshold else {
            discardIndexAndGroups()
            if indexed, compatibility == .none, context.platform.count == 1, beta >= 0 {
                return selectRemembering(context)
            }
            return selectByScan(context)
        }
        memo.serial = -1  // other jobs run while the index decides
        return selectGroupedOrIndexed(context)
    }

    public mutating func jobEnded(_ job: JobState, finished: Bool, at time: Double) {
        groupsJobEnded(job)
    }

    /// The scan's choice from one job per group of identical figures: the least (value, serial),
    /// searched through the groups' tournament of lower bounds (drawn for a reference number of
    /// jobs, as the index's).
    mutating func selectByGroups(_ context: SchedulingContext) -> Selection? {
        let jobs = context.jobs.count
        let rebuild = Dysta.linesAreStale(reference: groupJobs, jobs: jobs)
        if rebuild { groupJobs = Dysta.lineReference(jobs: jobs) }
        let (variant, beta, reference) = (self.variant, self.beta, groupJobs)
        let now = context.now
        let jobsInSystem = Double(jobs)
        var bestSerial = -1
        var bestValue = Double.infinity
        // As the index's search: a bound is below its value up to rounding (a relative 1e-9).
        groups.searchRanked(at: now, rebuild: rebuild, line: { $0.line(variant: variant, beta: beta, jobsInSystem: reference) },
                            prune: { value, _ in value * (1 - 1e-9) > bestValue }) { key, serial in
            let value = key.value(variant: variant, beta: beta, now: now, jobsInSystem: jobsInSystem)
            if bestSerial < 0 || value < bestValue || (value == bestValue && serial < bestSerial) {
                bestSerial = serial
                bestValue = value
            }
        }
        return groupsChoice(serial: bestSerial, context)
    }

    /// The linear scan (the reference the index must match). Inlined: a call would copy `self`.
    @inline(__always)
    func selectByScan(_ context: SchedulingContext) -> Selection? {
        let result = scan(context)
        return result.best < 0 ? nil : Selection(jobIndex: result.best)
    }

    /// What a scan found: the least (value, position) among the ready jobs (-1: none), and what
    /// the kept choice records about the others.
    struct ScanResult {
        var best = -1
        var bestValue = Double.infinity
        /// The least value among the other ready jobs (infinity: none).
        var othersLeast = Double.infinity
        /// The smallest positive `E` among the other ready jobs (infinity: none).
        var othersSmallestIsolated = Double.infinity
    }

    /// The linear scan: strict less-than in admission order, so ties go to the earlier admission.
    @inline(__always)
    func scan(_ context: SchedulingContext) -> ScanResult {
        let now = context.now
        let jobsInSystem = Double(context.jobs.count)
        var result = ScanResult()
        var bestIsolated = Double.infinity
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let value = value(gamma: context.jobs[i].gamma, remainingEstimate: context.jobs[i].remainingEstimateSeconds,
                              isolatedEstimate: context.jobs[i].isolatedEstimateSeconds,
                              remainingTrue: context.jobs[i].remainingTrueSeconds, isolatedTrue: context.jobs[i].isolatedTrueSeconds,
                              deadline: context.jobs[i].deadlineSeconds, lastRun: context.jobs[i].lastRunSeconds,
                              now: now, jobsInSystem: jobsInSystem)
            let raw = variant == .oracle ? context.jobs[i].isolatedTrueSeconds : context.jobs[i].isolatedEstimateSeconds
            let isolated = raw > 0 ? raw : .infinity
            if result.best < 0 || value < result.bestValue {
                if result.best >= 0 {
                    result.othersLeast = min(result.othersLeast, result.bestValue)
                    result.othersSmallestIsolated = min(result.othersSmallestIsolated, bestIsolated)
                }
                result.best = i
                result.bestValue = value
                bestIsolated = isolated
            } else {
                result.othersLeast = min(result.othersLeast, value)
                result.othersSmallestIsolated = min(result.othersSmallestIsolated, isolated)
            }
        }
        return result
    }

    /// The scan's choice on one accelerator, without the scan while the last scan's choice stays
    /// below every other job (indexed mode, below `indexThreshold` jobs).
    ///
    /// Between two decisions with no admission, on one accelerator, only the chosen job runs; every
    /// other job keeps its figures, so its value can fall only through its urgency, by at most
    /// `beta` per second (its penalty only grows, and a finish only lowers `n`). So if the chosen
    /// job's value now is below the floor `othersLeast - beta * (now - time)` of the last scan
    /// (less a margin for rounding), it is the unique least value and the scan would choose it.
    /// Otherwise (or after an admission, or once the job left) the scan runs and records a new
    /// memo. Property-tested against the plain scan (`index=linear`).
    mutating func selectRemembering(_ context: SchedulingContext) -> Selection? {
        let now = context.now
        if memo.serial >= 0, let j = memoPosition(context), context.jobs[j].isReady,
           memoKeeps(value: figureValue(j, context), now: now) {
            memo.position = j
            return Selection(jobIndex: j)
        }
        let result = scan(context)
        guard result.best >= 0 else { return nil }
        // A value that is not finite (NaN is never ordered) leaves no memo.
        if !result.bestValue.isFinite || result.othersLeast.isNaN {
            memo.serial = -1
        } else {
            memo = ScanMemo(serial: context.jobs[result.best].serial, position: result.best, time: now,
                            othersLeast: result.othersLeast,
                            largestInverseIsolated: result.othersSmallestIsolated < .infinity ? 1 / result.othersSmallestIsolated : 0)
        }
        return Selection(jobIndex: result.best)
    }

    /// Whether the memo's job, with value `value` at `now`, is below the floor of every other
    /// job's value (see `selectRemembering`).
    @inline(__always)
    func memoKeeps(value: Double, now: Double) -> Bool {
        let elapsed = now - memo.time
        guard elapsed >= 0 else { return false }
        if memo.othersLeast == .infinity { return value < .infinity }
        // Rounding: a relative 1e-9 of the values, and the clock's own (differences of absolute
        // times, scaled by beta and by up to 1 / E in the penalty).
        let margin = 1e-9 * (abs(memo.othersLeast) + beta * elapsed) + 1e-13 * abs(now) * beta * (1 + memo.largestInverseIsolated)
        return value < memo.othersLeast - beta * elapsed - margin
    }

    /// Whether the kept choice holds for `job` at `time` (`Scheduler.keepsChoice`): the memo's test
    /// of `selectRemembering`, on the job's figures as they will be, so the engine may run its next
    /// layer in the same block.
    public var predictsKeptChoice: Bool { indexed && compatibility == .none && beta >= 0 }

    public func keepsChoice(of job: JobState, at jobIndex: Int, time: Double, context: SchedulingContext) -> Bool {
        guard predictsKeptChoice, context.platform.count == 1, context.jobs.count < indexThreshold,
              memo.serial >= 0, job.serial == memo.serial else { return false }
        return memoKeeps(value: value(job, now: time, jobsInSystem: Double(context.jobs.count)), now: time)
    }

    /// Where the memo's job is now (its position, or one less after an earlier job left), or nil.
    @inline(__always)
    func memoPosition(_ context: SchedulingContext) -> Int? {
        let position = memo.position
        if position < context.jobs.count, context.jobs[position].serial == memo.serial { return position }
        if position >= 1, position - 1 < context.jobs.count, context.jobs[position - 1].serial == memo.serial { return position - 1 }
        return context.index(ofSerial: memo.serial)
    }

    /// The value of the job at `position`, its figures read in place (a copy of the whole job
    /// costs more than the arithmetic).
    @inline(__always)
    func figureValue(_ i: Int, _ context: SchedulingContext) -> Double {
        Dysta.value(variant: variant, beta: beta, gamma: context.jobs[i].gamma, remainingEstimate: context.jobs[i].remainingEstimateSeconds,
                    isolatedEstimate: context.jobs[i].isolatedEstimateSeconds,
                    remainingTrue: context.jobs[i].remainingTrueSeconds, isolatedTrue: context.jobs[i].isolatedTrueSeconds,
                    deadline: context.jobs[i].deadlineSeconds, lastRun: context.jobs[i].lastRunSeconds,
                    now: context.now, jobsInSystem: Double(context.jobs.count))
    }

    /// Whether lines drawn for `reference` jobs in the system no longer serve `jobs`: they bound
    /// the values only up to `reference` jobs (fewer jobs only raise the penalty), and below half
    /// of it they are loose.
    static func linesAreStale(reference: Int, jobs: Int) -> Bool { jobs > reference || jobs * 2 < reference }

    /// The number of jobs to draw new lines for, with `jobs` in the system: a quarter more, so
    /// that admissions do not redraw them at once.
    static func lineReference(jobs: Int) -> Int { jobs + jobs / 4 }

    /// The lower bound of job `i`'s value kept in the index (`FiguresKey.line`).
    static func line(_ i: Int, _ context: SchedulingContext, variant: Variant, beta: Double,
                     jobsInSystem: Int) -> KineticTournament.Line {
        FiguresKey(context.jobs[i]).line(variant: variant, beta: beta, jobsInSystem: jobsInSystem)
    }

    mutating func selectIndexed(_ context: SchedulingContext) -> Selection? {
        // Lines drawn for `indexJobs` jobs bound the values while at most that many jobs are in
        // the system (fewer jobs only raise the penalty). Rebuilt for a quarter more jobs than
        // now when the jobs outgrow it, or when they fall below half of it (looser bounds).
        let jobs = context.jobs.count
        if Dysta.linesAreStale(reference: indexJobs, jobs: jobs) {
            index.discard()
            indexJobs = Dysta.lineReference(jobs: jobs)
        }
        let (variant, beta, reference) = (self.variant, self.beta, indexJobs)
        index.prepare(context) { Dysta.line($0, $1, variant: variant, beta: beta, jobsInSystem: reference) }
        let now = context.now
        let jobsInSystem = Double(context.jobs.count)
        var best = -1
        var bestSlot = -1
        var bestValue = Double.infinity
        // Values are sums of non-negative terms, so a line is below its job's value up to rounding
        // (a relative 1e-9 covers it); ties need every job whose bound reaches the best.
        index.search(context, prune: { value, _, _ in value * (1 - 1e-9) > bestValue }) { i, slot, _, _ in
            let value = Dysta.value(variant: variant, beta: beta, gamma: context.jobs[i].gamma, remainingEstimate: context.jobs[i].remainingEstimateSeconds,
                              isolatedEstimate: context.jobs[i].isolatedEstimateSeconds,
                              remainingTrue: context.jobs[i].remainingTrueSeconds, isolatedTrue: context.jobs[i].isolatedTrueSeconds,
                              deadline: context.jobs[i].deadlineSeconds, lastRun: context.jobs[i].lastRunSeconds,
                              now: now, jobsInSystem: jobsInSystem)
            if best < 0 || value < bestValue || (value == bestValue && i < best) {
                best = i
                bestSlot = slot
                bestValue = value
            }
        }
        guard best >= 0 else { return nil }
        index.selected(serial: context.jobs[best].serial, slot: bestSlot)
        return Selection(jobIndex: best)
    }
}

/// Below this many jobs in the system the indexed policies scan (the scan is faster there: about
/// 3 ns per job against a few hundred nanoseconds per indexed decision).
let indexThreshold = 128
