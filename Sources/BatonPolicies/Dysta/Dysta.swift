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
public struct Dysta: ReferenceCompatiblePolicy {
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

    /// - Parameter predictor: the monitor's predictor; used only by `.standard`.
    public init(_ variant: Variant, beta: Double = 0.01, predictor: GammaPredictor = .average,
                compatibility: SimulationSettings.Compatibility = .none) {
        self.variant = variant
        self.beta = beta
        self.predictor = variant == .standard || variant == .dynamicOnly ? predictor : .none
        self.compatibility = compatibility
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

    /// `select` only reads the jobs (no per-decision state).
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

    public func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        let jobsInSystem = Double(context.jobs.count)
        var best = -1
        var bestValue = Double.infinity
        for i in 0..<context.jobs.count where context.jobs[i].isReady {
            let value = value(gamma: context.jobs[i].gamma, remainingEstimate: context.jobs[i].remainingEstimateSeconds,
                              isolatedEstimate: context.jobs[i].isolatedEstimateSeconds,
                              remainingTrue: context.jobs[i].remainingTrueSeconds, isolatedTrue: context.jobs[i].isolatedTrueSeconds,
                              deadline: context.jobs[i].deadlineSeconds, lastRun: context.jobs[i].lastRunSeconds,
                              now: now, jobsInSystem: jobsInSystem)
            if best < 0 || value < bestValue {
                best = i
                bestValue = value
            }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}
