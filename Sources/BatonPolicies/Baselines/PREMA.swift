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
public struct PREMA: ReferenceCompatiblePolicy {
    /// Pattern-aware estimates and the monitor's gamma (`prema-sparse`).
    public let sparse: Bool
    public let predictor: GammaPredictor
    public let compatibility: SimulationSettings.Compatibility
    /// Leave an accelerator idle when no token reaches the threshold of 1 (default mode only).
    public let idleBelowThreshold: Bool

    /// - Parameter predictor: the monitor's predictor; used only when `sparse`.
    public init(sparse: Bool, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none, idleBelowThreshold: Bool = false) {
        self.sparse = sparse
        self.predictor = sparse ? predictor : .none
        self.compatibility = compatibility
        self.idleBelowThreshold = idleBelowThreshold
    }

    public var name: String { sparse ? "prema-sparse" : "prema" }
    public var estimateKind: EstimateKind { sparse ? .pattern : .architecture }

    /// Threshold for the largest token (9, 3 or 1).
    static func threshold(forLargestToken token: Double) -> Double {
        token >= 9 ? 9 : (token >= 3 ? 3 : 1)
    }

    public func admit(jobIndex: Int, context: inout SchedulingContext) {
        guard compatibility == .none else { return }
        let job = context.jobs[jobIndex]
        context.setSchedulerScratch(jobIndex, value: job.priority, stamp: job.spec.readySeconds)
    }

    public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        switch compatibility {
        case .none: selectBaton(&context)
        case .dystaArtifact: selectArtifact(&context)
        }
    }

    private func selectBaton(_ context: inout SchedulingContext) -> Selection? {
        let now = context.now
        var largest = -Double.infinity
        let sparse = self.sparse
        context.forEachWaitingJob { _, job in
            let priority = job.priority
            var token = job.schedulerValue
            var since = max(job.lastRunSeconds, job.schedulerStamp)
            if token < 0 {  // not admitted through `admit` (cannot happen in the engine)
                token = priority
                since = now
            }
            let isolated = sparse ? job.gamma * job.isolatedEstimateSeconds : job.isolatedEstimateSeconds
            if now > since, isolated > 0 { token += priority * (now - since) / isolated }
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
                key = sparse ? jobs[i].gamma * jobs[i].remainingEstimateSeconds : jobs[i].remainingEstimateSeconds
            }
            if best < 0 || key < bestKey {
                best = i
                bestKey = key
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}
