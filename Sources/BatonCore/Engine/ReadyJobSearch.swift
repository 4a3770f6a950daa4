/// The "best waiting job" searches every policy needs, written once.
///
/// Each scans the jobs in admission order and keeps the first best one, so ties go to the earlier
/// admission unless the comparison breaks them otherwise. O(jobs in the system) per call.
extension SchedulingContext {
    /// The waiting job with the smallest `key`; ties go to the earlier admission.
    @inlinable
    public func readyJob(minimizing key: (JobState) -> Double) -> Int? {
        var best = -1
        var bestKey = Double.infinity
        for i in 0..<jobs.count where jobs[i].isReady {
            let value = key(jobs[i])
            if best < 0 || value < bestKey {
                best = i
                bestKey = value
            }
        }
        return best < 0 ? nil : best
    }

    /// The waiting job with the largest `key`; ties go to the earlier admission.
    @inlinable
    public func readyJob(maximizing key: (JobState) -> Double) -> Int? {
        var best = -1
        var bestKey = -Double.infinity
        for i in 0..<jobs.count where jobs[i].isReady {
            let value = key(jobs[i])
            if best < 0 || value > bestKey {
                best = i
                bestKey = value
            }
        }
        return best < 0 ? nil : best
    }

    /// The first waiting job (in admission order) that no later waiting job beats:
    /// `isBetter(candidate, incumbent)` says whether `candidate` should replace the incumbent.
    @inlinable
    public func readyJob(where isBetter: (JobState, JobState) -> Bool) -> Int? {
        var best = -1
        for i in 0..<jobs.count where jobs[i].isReady {
            if best < 0 || isBetter(jobs[i], jobs[best]) { best = i }
        }
        return best < 0 ? nil : best
    }
}
