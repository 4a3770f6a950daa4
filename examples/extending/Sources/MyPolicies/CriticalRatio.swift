import BatonCore
import BatonPolicies

/// Critical-ratio scheduling (`critical-ratio`): the waiting job with the smallest
/// `(deadline - now) / rem` runs its next layer, where `rem` is its estimated remaining latency.
/// A ratio below 1 means the job cannot finish in time even if it ran alone from now.
///
/// - Ties: the earlier admission (`readyJob(minimizing:)`).
/// - Late jobs: a job past its deadline has a negative ratio and runs first, unless
///   `late_jobs_last` is set, in which case late jobs rank after every job still on time.
public struct CriticalRatio: Scheduler {
    /// Parameter `late_jobs_last`.
    public var lateJobsLast: Bool

    public init(lateJobsLast: Bool = false) { self.lateJobsLast = lateJobsLast }

    public var name: String { "critical-ratio" }
    public var decisionsAreSideEffectFree: Bool { true }

    public mutating func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        let now = context.now
        let lateLast = lateJobsLast
        return context.readyJob(minimizing: { job in
            let slack = job.deadlineSeconds - now
            let ratio = slack / max(job.remainingEstimateSeconds, 1e-12)
            return lateLast && slack <= 0 ? Double.greatestFiniteMagnitude - slack : ratio
        }).map { Selection(jobIndex: $0) }
    }

    /// Its one declared parameter.
    public static let lateJobsParameter = ParameterDeclaration(
        "late_jobs_last", .flag, default: "false", help: "Rank jobs past their deadline after every job still on time.")

    /// Its registry entry.
    public static let descriptor = PolicyDescriptor(
        name: "critical-ratio", summary: "Smallest (deadline - now) / estimated remaining latency first.",
        family: "my-policies", parameters: [lateJobsParameter]
    ) { CriticalRatio(lateJobsLast: $0.parameters.flag("late_jobs_last")) }
}
