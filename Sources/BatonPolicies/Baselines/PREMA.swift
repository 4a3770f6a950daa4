import BatonCore
import HeapModule

/// PREMA (Choi and Rhu, "PREMA: A Predictive Multi-task Scheduling Algorithm For Preemptible
/// Neural Processing Units", HPCA 2020), as re-implemented by the Dysta study: `prema` and
/// `prema-sparse`. Layer-granular; on several accelerators each free accelerator decides in turn
/// and jobs running elsewhere are skipped.
///
/// Each job holds a token (kept in `JobState.schedulerValue`, its last update time in
/// `schedulerStamp`). Threshold = 9 if the largest token is >= 9, else 3 if >= 3, else 1;
/// candidates are the ready jobs whose token reaches the threshold; among them the smallest
/// estimated remaining latency runs its next layer (`rem`, or in `prema-sparse` `gamma * rem`
/// with pattern-aware estimates). Tokens are never reset.
///
/// Default mode (Baton):
/// - the token is set to the priority `p` at admission, so the job counts in the maximum of
///   the first decision that sees it;
/// - a ready job's token is `token0 + p * (now - since) / E` (`E * gamma` in `prema-sparse`, with
///   the job's own gamma), where `since = max(lastRun, stamp)` is when its current wait began and
///   `token0` its token then: each stretch of waiting is counted once, from the time the job
///   became ready. The token is stored (`token0 = token`, `stamp = now`) only when the job is
///   chosen and when it reaches 9, so it is one closed expression of the clock between those
///   events (an earlier version stored it at every decision: the same value up to rounding);
/// - a token that reaches 9 stops growing: the threshold is 9 at most, so once a ready job's
///   token is 9 or more every decision takes the threshold 9 and the job is a candidate whatever
///   its token (tokens never fall), and no schedule depends on how far past 9 it is;
/// - the candidate key multiplies `rem` by the candidate's own gamma (`prema-sparse`);
/// - running jobs (other accelerators) are skipped and their tokens do not grow;
/// - should every token be below 1 (priorities below 1, not used by the study), the jobs
///   holding the largest token are the candidates, so an accelerator is never left idle while a
///   job waits (work-conserving). With `idleBelowThreshold` (parameter `idle_below_threshold`)
///   the accelerator idles instead until a token reaches 1, as a literal reading of PREMA's
///   threshold would: it is held (scheduler-busy, not busy time) until the first token reaches
///   1, re-deciding at least every shortest isolated estimate, so every job still ends.
///
/// Compatibility mode (`.dystaArtifact`, the artifact's code):
/// - a token below 0 (never seen) is set to `p` and is not counted in that decision's maximum,
///   which starts at 0 (so with only new jobs the threshold is 1); it is still a candidate;
/// - a seen token grows by `p * (now - lastRun) / E` (`/ (gamma * E)` in `prema-sparse`) at
///   every decision, so the whole idle time is added again each time;
/// - in `prema-sparse` every candidate's `rem` is multiplied by the gamma of the last job the
///   token loop visited (the last job in admission order), not by its own.
///
/// Ties: strict less-than on the key, so the earlier admission wins (both modes).
/// Late jobs: no special handling (PREMA does not look at deadlines).
///
/// Index (`index=indexed`, default mode, from `indexThreshold` jobs): the jobs whose token
/// reached 9 sit in a `WaitingJobIndex` keyed by their candidate key (it changes only when the
/// job runs); for the others a min-heap holds the time each waiting job's token reaches 9 (its
/// expression solved for the clock, made early by a relative 1e-11 so that rounding cannot make
/// it late). A decision pops the times that have come, checks each token with the scan's
/// expression and moves those at 9 to the index; any ready job there makes the threshold 9 and
/// the index's least (key, admission) is the scan's first best: O(log n). Only when no ready job
/// is at 9 does the decision pass over the ready jobs (thresholds 3 and 1). A heap entry is
/// stale once its job ran a layer (entries carry the job's layer); a job chosen below 9 gets a
/// fresh entry at the first decision where it waits again.
public struct PREMA: ReferenceCompatiblePolicy {
    /// Pattern-aware estimates and the monitor's gamma (`prema-sparse`).
    public let sparse: Bool
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Leave an accelerator idle when no token reaches the threshold of 1 (default mode only).
    public let idleBelowThreshold: Bool
    /// Decide through the index (default mode); false: scan every job.
    public let indexed: Bool
    /// Ready and running jobs by the threshold their token reached (indexed mode, from
    /// `indexThreshold` jobs): `levels[0]` 1 to 3, `levels[1]` 3 to 9, `levels[2]` 9 and more.
    private var levels = [WaitingJobIndex(), WaitingJobIndex(), WaitingJobIndex()]
    /// When each waiting job's token reaches the next threshold (early; lower bounds).
    private var crossings = Heap<Crossing>()
    /// Jobs chosen below 9 (serial, level, slot): they get a crossing entry when they wait again.
    private var waitingAgain: [Placement] = []

    /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
    public init(sparse: Bool, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none, idleBelowThreshold: Bool = false,
                indexed: Bool = true) {
        self.sparse = sparse
        self.predictor = sparse ? predictor : .none
        self.compatibility = compatibility
        self.idleBelowThreshold = idleBelowThreshold
        self.indexed = indexed
    }

    public var name: String { sparse ? "prema-sparse" : "prema" }

    /// A lone job is chosen, and the decision changes nothing observable, when its token would
    /// neither grow nor be stored (default mode, work-conserving): at 9 or more (nothing is
    /// stored), or below 9 with no wait since it last ran or became ready (`grownToken` adds
    /// nothing; the store that choosing it makes keeps the token and moves the stamp to now, and
    /// the stamp is read only through `max(lastRun, stamp)`, which its run raises past now anyway).
    /// So a job that runs alone is decided once, at its first layer if it waited, and its layers
    /// then run back to back as under FCFS, with the same schedule.
    public func decidesLoneJobReadOnly(_ job: JobState, now: Double) -> Bool {
        guard compatibility == .none, !idleBelowThreshold else { return false }
        let token = job.schedulerValue
        return token >= Self.topThreshold || (token >= 0 && now <= max(job.lastRunSeconds, job.schedulerStamp))
    }
    public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }

    /// The highest threshold: a token at or above it stops growing (default mode).
    static let topThreshold = 9.0

    /// Threshold for the largest token (9, 3 or 1).
    static func threshold(forLargestToken token: Double) -> Double {
        token >= topThreshold ? topThreshold : (token >= 3 ? 3 : 1)
    }

    public mutating func admit(jobIndex: Int, context: inout SchedulingContext) {
        guard compatibility == .none else { return }
        let job = context.jobs[jobIndex]
        context.setSchedulerScratch(jobIndex, value: job.priority, stamp: job.spec.readySeconds)
        guard levels[0].isBuilt else { return }
        let held = levels.reduce(0) { $0 + $1.tournament.count }
        if context.jobs.count <= 2 || held > 2 * context.jobs.count + 64 {
            // The other job may have run alone, or jobs that left unseen fill the index (as
            // `WaitingJobIndex.admit`): rebuilt at the next decision.
            stopIndexing()
        } else {
            place(jobIndex, token: job.priority, context)
        }
    }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        switch compatibility {
        case .none:
            guard indexed, context.jobs.count >= indexThreshold else {
                stopIndexing()
                return selectBaton(&context)
            }
            return selectIndexed(&context)
        case .dystaArtifact:
            return selectArtifact(&context)
        }
    }

    /// The latency a token's growth divides by: `E`, or `gamma * E` in `prema-sparse`.
    @inline(__always)
    static func isolatedLatency(_ job: JobState, sparse: Bool) -> Double {
        sparse ? job.gamma * job.isolatedEstimateSeconds : job.isolatedEstimateSeconds
    }

    /// The job's token after waiting until `now` (Baton's rule; at most one step past 9).
    @inline(__always)
    private static func grownToken(_ job: JobState, now: Double, sparse: Bool) -> Double {
        var token = job.schedulerValue
        guard token < topThreshold else { return token }
        var since = max(job.lastRunSeconds, job.schedulerStamp)
        if token < 0 {  // not admitted through `admit` (cannot happen in the engine)
            token = job.priority
            since = now
        }
        let isolated = isolatedLatency(job, sparse: sparse)
        if now > since, isolated > 0 { token += job.priority * (now - since) / isolated }
        return token
    }

    /// The scan: one pass over the ready jobs. Tokens reaching 9 are stored; a ready job at 9
    /// means threshold 9 and the first least key among those jobs; otherwise `BelowTopCandidates`.
    private func selectBaton(_ context: inout SchedulingContext) -> Selection? {
        let now = context.now
        let sparse = self.sparse
        var top = -1
        var topKey = Double.infinity
        var below = BelowTopCandidates()
        context.forEachWaitingJob { i, job in
            var token = job.schedulerValue
            if token < Self.topThreshold {
                if token < 0 {  // not admitted through `admit` (cannot happen in the engine)
                    job.schedulerValue = job.priority
                    job.schedulerStamp = now
                }
                token = Self.grownToken(job, now: now, sparse: sparse)
                if token >= Self.topThreshold {
                    job.schedulerValue = token
                    job.schedulerStamp = now
                }
            }
            let key = Self.candidateKey(job, sparse: sparse)
            if token >= Self.topThreshold {
                if top < 0 || key < topKey {
                    top = i
                    topKey = key
                }
            } else if top < 0 {
                below.consider(i, token: token, key: key)
            }
        }
        if top >= 0 { return Selection(jobIndex: top) }
        guard below.count > 0 else { return nil }
        if let chosen = below.choice(idleBelowThreshold: idleBelowThreshold) {
            Self.storeToken(of: chosen, &context, sparse: sparse)
            return Selection(jobIndex: chosen)
        }
        return idleBelowThreshold ? wakeUp(context) : nil
    }

    /// Stores job `i`'s current token as the start of its next wait (it is about to run).
    @inline(__always)
    private static func storeToken(of i: Int, _ context: inout SchedulingContext, sparse: Bool) {
        let token = grownToken(context.jobs[i], now: context.now, sparse: sparse)
        context.setSchedulerScratch(i, value: token, stamp: context.now)
    }

    // MARK: Index

    /// A candidate's key: its estimated remaining latency (`prema-sparse`: times its own gamma).
    @inline(__always)
    private static func candidateKey(_ job: JobState, sparse: Bool) -> Double {
        sparse ? job.gamma * job.remainingEstimateSeconds : job.remainingEstimateSeconds
    }

    /// The candidate key of job `i` (a line of slope 0 in the index).
    private static func line(_ i: Int, _ context: SchedulingContext, sparse: Bool) -> KineticTournament.Line {
        .init(base: candidateKey(context.jobs[i], sparse: sparse), slope: 0, anchor: 0)
    }

    private mutating func stopIndexing() {
        guard levels[0].isBuilt else { return }
        for l in 0..<3 { levels[l].discard() }
        crossings = Heap()
        waitingAgain.removeAll(keepingCapacity: true)
    }

    /// The thresholds, by level.
    static let thresholds = [1.0, 3.0, topThreshold]

    /// The level of a token: -1 below 1, 0 from 1, 1 from 3, 2 from 9.
    @inline(__always)
    static func level(ofToken token: Double) -> Int {
        token >= topThreshold ? 2 : (token >= 3 ? 1 : (token >= 1 ? 0 : -1))
    }

    /// When a waiting job's token reaches `threshold` (`grownToken` solved for the clock), made
    /// early by a relative 1e-11 of the magnitudes involved so that no rounding of the token makes
    /// it late; infinity if the token does not grow.
    static func crossingTime(_ job: JobState, threshold: Double, sparse: Bool) -> Double {
        let isolated = isolatedLatency(job, sparse: sparse)
        guard isolated > 0, job.priority > 0 else { return .infinity }
        let token = job.schedulerValue
        let since = max(job.lastRunSeconds, job.schedulerStamp)
        let scale = isolated / job.priority
        let time = since + (threshold - token) * scale
        guard time.isFinite else { return .infinity }
        return time - 1e-11 * (abs(since) + (threshold + abs(token)) * scale) - Double.leastNormalMagnitude
    }

    /// Where a job below 9 sits: its serial, level (-1: below 1, in no index) and slot there.
    struct Placement {
        var serial: Int
        var level: Int
        var slot: Int
    }

    /// A heap entry: when the job's token reaches the next threshold if it keeps waiting, where
    /// the job sits, and its layer then (the entry is stale once the job has run a layer).
    struct Crossing: Comparable {
        var time: Double
        var placement: Placement
        var layer: Int
        static func < (a: Crossing, b: Crossing) -> Bool { (a.time, a.placement.serial) < (b.time, b.placement.serial) }
        static func == (a: Crossing, b: Crossing) -> Bool { a.time == b.time && a.placement.serial == b.placement.serial }
    }

    /// Adds the crossing entry of a waiting job below 9.
    private mutating func pushCrossing(_ job: JobState, _ placement: Placement, notBefore: Double = -.infinity) {
        let time = Self.crossingTime(job, threshold: Self.thresholds[placement.level + 1], sparse: sparse)
        crossings.insert(Crossing(time: max(time, notBefore), placement: placement, layer: job.nextLayer))
    }

    /// Puts job `i`, whose token is `token`, into its level (and, below 9, its crossing entry if it
    /// waits, else `waitingAgain`).
    private mutating func place(_ i: Int, token: Double, _ context: SchedulingContext) {
        let job = context.jobs[i]
        let level = Self.level(ofToken: token)
        var slot = -1
        if level >= 0 {
            slot = levels[level].insert(i, context: context, line: Self.line(i, context, sparse: sparse))
            if !job.isReady { levels[level].selected(serial: job.serial, slot: slot) }  // refreshed when it waits again
        }
        guard level < 2 else { return }
        let placement = Placement(serial: job.serial, level: level, slot: slot)
        if job.isReady { pushCrossing(job, placement) } else { waitingAgain.append(placement) }
    }

    /// Places every job by its token now (stored at 9 or more, as the scan does; a running job's
    /// token is its stored one).
    private mutating func startIndexing(_ context: inout SchedulingContext) {
        for l in 0..<3 { levels[l].startEmpty(context) }
        crossings = Heap()
        waitingAgain.removeAll(keepingCapacity: true)
        let now = context.now
        for i in 0..<context.jobs.count {
            let job = context.jobs[i]
            var token = job.schedulerValue
            if job.isReady && token < Self.topThreshold {
                token = Self.grownToken(job, now: now, sparse: sparse)
                if token >= Self.topThreshold { context.setSchedulerScratch(i, value: token, stamp: now) }
            }
            place(i, token: token, context)
        }
    }

    /// The scan's choice through the index. Jobs chosen below 9 that wait again get their crossing
    /// entry; entries whose time came are checked with the scan's expression and their jobs move
    /// up a level (at 9 the token is stored, as the scan does). The highest level holding a ready
    /// job is the scan's threshold and its index's least (key, admission) the scan's first best.
    /// With no ready token at 1, a pass over the ready jobs (the largest-token and idle rules).
    private mutating func selectIndexed(_ context: inout SchedulingContext) -> Selection? {
        // Entries of jobs that ran or left stay in the heap until their time: rebuilt when they
        // outnumber the jobs (slowly growing tokens put their times far ahead).
        if !levels[0].isBuilt || crossings.count > 4 * context.jobs.count + 64 { startIndexing(&context) }
        let sparse = self.sparse
        for l in 0..<3 { levels[l].prepare(context) { Self.line($0, $1, sparse: sparse) } }
        let now = context.now
        if !waitingAgain.isEmpty {
            var kept = 0
            for k in 0..<waitingAgain.count {
                let placement = waitingAgain[k]
                guard let i = context.index(ofSerial: placement.serial) else { continue }  // left the system
                if context.jobs[i].isReady {
                    pushCrossing(context.jobs[i], placement)
                } else {
                    waitingAgain[kept] = placement
                    kept += 1
                }
            }
            waitingAgain.removeLast(waitingAgain.count - kept)
        }
        while let first = crossings.min, first.time <= now {
            crossings.removeMin()
            let placement = first.placement
            guard let i = context.index(ofSerial: placement.serial) else { continue }  // left the system
            let job = context.jobs[i]
            // Stale once the job ran: a job chosen below 9 is in `waitingAgain` while it runs.
            guard job.nextLayer == first.layer, job.isReady else { continue }
            let token = Self.grownToken(job, now: now, sparse: sparse)
            guard token >= Self.thresholds[placement.level + 1] else {  // early by the margin
                pushCrossing(job, placement, notBefore: now.nextUp)
                continue
            }
            if token >= Self.topThreshold { context.setSchedulerScratch(i, value: token, stamp: now) }
            if placement.level >= 0 { levels[placement.level].remove(slot: placement.slot) }
            place(i, token: token, context)
        }
        for l in stride(from: 2, through: 0, by: -1) {
            guard let (best, slot) = levels[l].minimum(context) else { continue }
            levels[l].selected(serial: context.jobs[best].serial, slot: slot)
            if l < 2 {
                Self.storeToken(of: best, &context, sparse: sparse)
                waitingAgain.append(Placement(serial: context.jobs[best].serial, level: l, slot: slot))
            }
            return Selection(jobIndex: best)
        }
        // No ready token at 1: the scan's pass (its rules below 1) over the ready jobs.
        var below = BelowTopCandidates()
        var late = false
        context.forEachWaitingJob { i, job in
            let token = Self.grownToken(job, now: now, sparse: sparse)
            if token >= 1 { late = true }  // a crossing time late despite the margin (not expected)
            below.consider(i, token: token, key: Self.candidateKey(job, sparse: sparse))
        }
        if late {  // the scan decides, and the index is rebuilt from the tokens it leaves
            stopIndexing()
            return selectBaton(&context)
        }
        guard below.count > 0 else { return nil }
        if let chosen = below.choice(idleBelowThreshold: idleBelowThreshold) {
            Self.storeToken(of: chosen, &context, sparse: sparse)
            waitingAgain.append(Placement(serial: context.jobs[chosen].serial, level: -1, slot: -1))
            return Selection(jobIndex: chosen)
        }
        return idleBelowThreshold ? wakeUp(context) : nil
    }

    /// Idle mode with no token at 1 (issue 12). Returning nil left the accelerator idle with no
    /// event to come, so the run ended with such jobs stranded (never finished nor dropped).
    /// Instead the accelerator is held (`schedulerBusy`, not busy time) until the first token
    /// reaches 1, at most one shortest isolated estimate among the waiting jobs, so a job arriving
    /// meanwhile waits no longer than that. Tokens that cannot grow (no estimate) run at once.
    private func wakeUp(_ context: SchedulingContext) -> Selection? {
        var wait = Double.infinity, shortest = Double.infinity
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let isolated = Self.isolatedLatency(context.jobs[i], sparse: sparse)  // as tokens grow
            guard isolated > 0 else { continue }
            shortest = min(shortest, isolated)
            let token = Self.grownToken(context.jobs[i], now: context.now, sparse: sparse)
            wait = min(wait, (1 - token) * isolated / context.jobs[i].priority)
        }
        guard shortest.isFinite else { return shortestCandidate(context, cut: -Double.infinity, commonGamma: nil) }
        // At least a few ulps of the clock, so that time moves and the token grows.
        return .schedulerBusy(seconds: max(min(wait, shortest), 4 * context.now.ulp, 1e-12))
    }

    private func selectArtifact(_ context: inout SchedulingContext) -> Selection? {
        let now = context.now
        var largestSeen = 0.0
        var lastGamma = 1.0
        var largestAny = -Double.infinity
        let sparse = self.sparse
        context.forEachWaitingJob { _, job in
            var token = job.schedulerValue
            if token < 0 {
                token = job.priority  // first sight: not counted in the maximum
            } else {
                let isolated = Self.isolatedLatency(job, sparse: sparse)
                token += job.priority * ((now - job.lastRunSeconds) / isolated)
                if largestSeen < token { largestSeen = token }
            }
            job.schedulerValue = token
            job.schedulerStamp = now
            lastGamma = job.gamma
            if token > largestAny { largestAny = token }
        }
        guard largestAny > -Double.infinity else { return nil }
        let threshold = Self.threshold(forLargestToken: largestSeen)
        if let chosen = shortestCandidate(context, cut: threshold, commonGamma: sparse ? lastGamma : nil) {
            return chosen
        }
        // No token reaches the threshold (the artifact would fail here): take the largest ones.
        return shortestCandidate(context, cut: largestAny, commonGamma: sparse ? lastGamma : nil)
    }

    /// Among ready jobs with token >= `cut`, the smallest estimated remaining latency, scaled
    /// by `commonGamma` if given, else (sparse) by the job's own gamma. Strict less-than.
    private func shortestCandidate(_ context: SchedulingContext, cut: Double, commonGamma: Double?) -> Selection? {
        var best = -1
        var bestKey = Double.infinity
        let jobs = context.jobs
        for i in 0..<jobs.count where jobs[i].isReady && jobs[i].schedulerValue >= cut {
            let key: Double
            if let commonGamma {
                key = commonGamma * jobs[i].remainingEstimateSeconds
            } else {
                key = Self.candidateKey(jobs[i], sparse: sparse)
            }
            if best < 0 || key < bestKey {
                best = i
                bestKey = key
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}

/// The candidates of a decision in which no ready token reached 9, gathered in one pass over the
/// ready jobs below 9 in admission order: for each cut the scan may take (3, 1, or the largest
/// token itself), the first job with the least key among those reaching it.
private struct BelowTopCandidates {
    private(set) var count = 0
    private var largest = -Double.infinity
    private var atThree = (index: -1, key: Double.infinity)
    private var atOne = (index: -1, key: Double.infinity)
    private var atLargest = (index: -1, key: Double.infinity)

    mutating func consider(_ index: Int, token: Double, key: Double) {
        count += 1
        if token >= 3, atThree.index < 0 || key < atThree.key { atThree = (index, key) }
        if token >= 1, atOne.index < 0 || key < atOne.key { atOne = (index, key) }
        if token > largest {
            largest = token
            atLargest = (index, key)
        } else if token == largest, key < atLargest.key {
            atLargest = (index, key)
        }
    }

    /// The scan's choice: threshold 3 or 1 by the largest token; below 1 the jobs holding the
    /// largest token (work-conserving) or none (idle mode).
    func choice(idleBelowThreshold: Bool) -> Int? {
        if largest >= 3 { return atThree.index }
        if largest >= 1 { return atOne.index }
        return idleBelowThreshold || atLargest.index < 0 ? nil : atLargest.index
    }
}
