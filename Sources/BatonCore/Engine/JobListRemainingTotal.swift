/// The sum of the jobs' remaining estimates, kept by the job list in O(1) per change with a
/// proven bound, so that a policy that reads the sum at every admission (DREAM's variant level)
/// does not pass over every job. Kept from the first read on (`trackedRemainingRange`): the list
/// counts its own appends and removals, and the engine reports the other changes
/// (`remainingChanged`: a block of layers completed, a variant chosen).
extension JobList {
    /// `remainingEstimateRange`, keeping the total from now on (the first call sums the list).
    @usableFromInline
    mutating func trackedRemainingRange() -> ClosedRange<Double>? {
        if !tracksRemaining {
            tracksRemaining = true
            recountRemaining()
        }
        return remainingEstimateRange
    }

    /// A range that holds the sum of the jobs' `remainingEstimateSeconds` as a pass over the list
    /// adds them (in order, in floating point), in O(1); nil when it is not finite or not kept
    /// (`SchedulingContext.remainingEstimateRange()` starts keeping it). The kept total
    /// differs from the exact sum by at most `remainingError` (each change adds its two roundings),
    /// and an ordered pass by at most `n * u / (1 - n * u)` of the exact sum (`u` = 2^-53, the
    /// figures being non-negative), so a choice that is the same at both ends of the range (and
    /// monotone in the sum) is the pass's choice (DREAM's variant level).
    public var remainingEstimateRange: ClosedRange<Double>? {
        guard tracksRemaining, remainingTotal.isFinite, remainingError.isFinite else { return nil }
        let n = Double(count)
        let unit = 0x1p-53
        guard n * unit < 0.5 else { return nil }
        let relative = 2 * (n + 1) * unit / (1 - (n + 1) * unit)  // the pass's rounding, with margin
        let low = Swift.max(0, (remainingTotal - remainingError) * (1 - relative) * (1 - 4 * unit))
        let high = (remainingTotal + remainingError) * (1 + relative) * (1 + 4 * unit)
        guard low <= high else { return nil }
        assert({ var pass = 0.0; for job in self { pass += job.remainingEstimateSeconds }; return (low...high).contains(pass) }(),
               "the kept total of the remaining estimates missed a change")
        return low...high
    }

    /// Records that the remaining estimate of a job in the list went from `before` to `after`.
    /// The engine calls it where an estimate changes (a block of layers completed, a variant
    /// chosen); debug builds check the range against a pass at every read.
    @usableFromInline
    mutating func remainingChanged(from before: Double, to after: Double) {
        guard tracksRemaining, after.bitPattern != before.bitPattern else { return }
        noteRemaining(added: after, removed: before)
        settleRemaining()
    }

    /// Records that a job's remaining estimate went from `removed` to `added` (a job that
    /// arrives: removed 0; one that leaves: added 0).
    @usableFromInline
    mutating func noteRemaining(added: Double, removed: Double) {
        let change = added - removed
        remainingTotal += change
        // The change's rounding and the addition's, each at most a unit in the last place (two, for margin).
        remainingError += 0x1p-52 * (abs(change) + abs(remainingTotal))
        changesSinceRecount &+= 1
    }

    /// After a change to the list: an empty list's sum is 0, exactly; a total whose error bound
    /// has grown past a billionth of it is recounted (at most once per `count` changes, so O(1)
    /// amortised).
    @usableFromInline
    mutating func settleRemaining() {
        if isEmpty {
            (remainingTotal, remainingError, changesSinceRecount) = (0, 0, 0)
        } else if !(remainingError <= 1e-9 * remainingTotal), changesSinceRecount >= count {
            recountRemaining()
        }
    }

    /// Sums the remaining estimates again in a pass (then the total is the pass's sum).
    @usableFromInline
    mutating func recountRemaining() {
        var total = 0.0
        for job in self { total += job.remainingEstimateSeconds }
        remainingTotal = total
        // The pass's distance from the exact sum (see `remainingEstimateRange`).
        let n = Double(count), unit = 0x1p-53
        remainingError = n * unit < 0.5 ? 2 * n * unit / (1 - n * unit) * abs(total) : .infinity
        changesSinceRecount = 0
    }
}
