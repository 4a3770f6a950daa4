import BatonCore

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
/// - at every decision each ready job's token grows by `p * (now - max(lastRun, stamp)) / E`
///   (`E * gamma` in `prema-sparse`, with the job's own gamma), then `stamp = now`: each
///   stretch of waiting is counted once, from the time the job became ready;
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
/// job runs), the others in a list in admission order whose tokens are updated as the scan does.
/// A decision costs O(log n) plus the jobs still below 9 (those admitted in the last few
/// isolated latencies), with the scan's choice: any ready job at 9 makes the threshold 9 and the
/// index's least (key, admission) is then the scan's first best.
public struct PREMA: ReferenceCompatiblePolicy {
    /// Pattern-aware estimates and the monitor's gamma (`prema-sparse`).
    public let sparse: Bool
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Leave an accelerator idle when no token reaches the threshold of 1 (default mode only).
    public let idleBelowThreshold: Bool
    /// Decide through the index (default mode); false: scan every job.
    public let indexed: Bool
    /// Jobs whose token reached 9 (indexed mode, from `indexThreshold` jobs).
    private var saturated = WaitingJobIndex()
    /// Serials of the other jobs in the system, ascending, when `warmingListed`.
    private var warming: [Int] = []
    /// Whether `warming` lists the jobs below 9; false while they are many (an eighth of the jobs
    /// or more): a decision then passes over every job, skipping those at 9.
    private var warmingListed = false
    /// Positions of the jobs whose token reached 9 in this decision (scratch).
    private var crossed: [Int] = []

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
        guard saturated.isBuilt else { return }
        if context.jobs.count <= 2 || saturated.tournament.count > 2 * context.jobs.count + 64 {
            // The other job may have run alone, or jobs that left unseen fill the index (as
            // `WaitingJobIndex.admit`): rebuilt at the next decision.
            stopIndexing()
        } else if job.priority >= Self.topThreshold {
            saturated.insert(jobIndex, context: context, line: Self.line(jobIndex, context, sparse: sparse))
        } else if warmingListed {
            warming.append(job.serial)
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
        let isolated = sparse ? job.gamma * job.isolatedEstimateSeconds : job.isolatedEstimateSeconds
        if now > since, isolated > 0 { token += job.priority * (now - since) / isolated }
        return token
    }

    private func selectBaton(_ context: inout SchedulingContext) -> Selection? {
        let now = context.now
        var largest = -Double.infinity
        let sparse = self.sparse
        context.forEachWaitingJob { _, job in
            if job.schedulerValue >= Self.topThreshold {
                largest = max(largest, job.schedulerValue)
                return
            }
            let token = Self.grownToken(job, now: now, sparse: sparse)
            job.schedulerValue = token
            job.schedulerStamp = now
            if token > largest { largest = token }
        }
        guard largest > -Double.infinity else { return nil }
        let threshold = Self.threshold(forLargestToken: largest)
        let cut = idleBelowThreshold ? threshold : min(threshold, largest)
        if let chosen = shortestCandidate(context, cut: cut, commonGamma: nil) { return chosen }
        return idleBelowThreshold ? wakeUp(context) : nil
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
        guard saturated.isBuilt else { return }
        saturated.discard()
        warming.removeAll(keepingCapacity: true)
        warmingListed = false
    }

    /// Puts every job whose token is at 9 or more into `saturated`.
    private mutating func startIndexing(_ context: SchedulingContext) {
        saturated.startEmpty(context)
        warming.removeAll(keepingCapacity: true)
        warmingListed = false
        for i in 0..<context.jobs.count where context.jobs[i].schedulerValue >= Self.topThreshold {
            let slot = saturated.insert(i, context: context, line: Self.line(i, context, sparse: sparse))
            if !context.jobs[i].isReady { saturated.selected(serial: context.jobs[i].serial, slot: slot) }  // refreshed when it waits again
        }
    }

    /// Lists the jobs below 9 (ready or running) in `warming`.
    private mutating func listWarming(_ context: SchedulingContext) {
        warming.removeAll(keepingCapacity: true)
        for i in 0..<context.jobs.count where context.jobs[i].schedulerValue < Self.topThreshold {
            warming.append(context.jobs[i].serial)
        }
        warmingListed = true
    }

    /// The scan's choice: tokens below 9 grow as in `selectBaton`; those reaching 9 move to the
    /// index; a ready job in the index means threshold 9, and the index's least key is the choice.
    private mutating func selectIndexed(_ context: inout SchedulingContext) -> Selection? {
        if !saturated.isBuilt { startIndexing(context) }
        let sparse = self.sparse
        saturated.prepare(context) { Self.line($0, context, sparse: sparse) }
        let now = context.now
        var below = BelowTopCandidates()
        var crossed = self.crossed  // moved out for the pass (no copy)
        self.crossed = []
        crossed.removeAll(keepingCapacity: true)
        if warmingListed {
            var kept = 0, low = 0
            for k in 0..<warming.count {
                let serial = warming[k]
                guard let i = Self.position(ofSerial: serial, from: low, in: context) else { continue }  // left the system
                low = i + 1
                let job = context.jobs[i]
                guard job.isReady else {
                    warming[kept] = serial
                    kept += 1
                    continue
                }
                let token = Self.grownToken(job, now: now, sparse: sparse)
                context.setSchedulerScratch(i, value: token, stamp: now)
                if token >= Self.topThreshold {
                    crossed.append(i)
                } else {
                    warming[kept] = serial
                    kept += 1
                    below.consider(i, token: token, key: Self.candidateKey(job, sparse: sparse))
                }
            }
            warming.removeLast(warming.count - kept)
        } else {
            context.forEachWaitingJob { i, job in
                guard job.schedulerValue < Self.topThreshold else { return }  // in `saturated`
                let token = Self.grownToken(job, now: now, sparse: sparse)
                job.schedulerValue = token
                job.schedulerStamp = now
                if token >= Self.topThreshold {
                    crossed.append(i)
                } else {
                    below.consider(i, token: token, key: Self.candidateKey(job, sparse: sparse))
                }
            }
        }
        for i in crossed { saturated.insert(i, context: context, line: Self.line(i, context, sparse: sparse)) }
        self.crossed = crossed
        // The list pays from an eighth of the jobs below 9 down; the pass over every job above.
        if warmingListed, warming.count * 8 >= context.jobs.count {
            warming.removeAll(keepingCapacity: true)
            warmingListed = false
        } else if !warmingListed, below.count * 16 < context.jobs.count {
            listWarming(context)
        }
        if let (best, slot) = saturated.minimum(context) {
            saturated.selected(serial: context.jobs[best].serial, slot: slot)
            return Selection(jobIndex: best)
        }
        guard below.count > 0 else { return nil }
        if let chosen = below.choice(idleBelowThreshold: idleBelowThreshold) { return Selection(jobIndex: chosen) }
        return idleBelowThreshold ? wakeUp(context) : nil
    }

    /// Binary search for `serial` among `context.jobs[low...]` (admission order).
    private static func position(ofSerial serial: Int, from low: Int, in context: SchedulingContext) -> Int? {
        var low = low, high = context.jobs.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let value = context.jobs[mid].serial
            if value == serial { return mid }
            if value < serial { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// Idle mode with no token at 1 (issue 12). Returning nil left the accelerator idle with no
    /// event to come, so the run ended with such jobs stranded (never finished nor dropped).
    /// Instead the accelerator is held (`schedulerBusy`, not busy time) until the first token
    /// reaches 1, at most one shortest isolated estimate among the waiting jobs, so a job arriving
    /// meanwhile waits no longer than that. Tokens that cannot grow (no estimate) run at once.
    private func wakeUp(_ context: SchedulingContext) -> Selection? {
        var wait = Double.infinity, shortest = Double.infinity
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let isolated = (sparse ? context.jobs[i].gamma : 1) * context.jobs[i].isolatedEstimateSeconds  // as tokens grow
            guard isolated > 0 else { continue }
            shortest = min(shortest, isolated)
            wait = min(wait, (1 - context.jobs[i].schedulerValue) * isolated / context.jobs[i].priority)
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
                let isolated = sparse ? job.gamma * job.isolatedEstimateSeconds : job.isolatedEstimateSeconds
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
