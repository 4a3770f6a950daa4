import BatonCore

/// Software Dysta's choice on the jobs in the system, for `dysta-hw`'s report of the decisions
/// where the hardware and the software disagree (`DystaHardwareReport.differingDecisions`).
///
/// The choice is the scan's: the least value among the ready jobs not dropped, ties to the
/// earlier admission. From `indexThreshold` jobs on (and `indexed`), it is searched through a
/// kinetic tournament of the same lower bounds software Dysta's own index keeps (`Dysta.line`,
/// drawn for a reference number of jobs), instead of a pass over every job. Software Dysta's
/// index learns which job ran from its own choice; here the job that runs is the hardware's, so
/// the shadow is told (`choose(ran:)`) and refreshes that job's line at the next choice (its
/// figures change only when its layer ends). Admissions and departures update the tournament.
struct SoftwareDystaShadow {
    let dysta = Dysta(.standard)
    /// Search through the tournament (false: scan every job; the reference).
    let indexed: Bool
    private var tournament = KineticTournament()
    /// The tournament's slot of each job in it, by serial.
    private var slotOfSerial: [Int: Int] = [:]
    /// Jobs in the system the lines were drawn for (they bound the values up to that many).
    private var referenceJobs = -1
    private var built = false
    /// The job the hardware chose at the last choice (refreshed at the next one), or -1.
    private var ranSerial = -1
    /// Scans for a while after a wide search (one that compared more than a 32nd of the jobs and
    /// more than 16: a compared job is found by a binary search, about 30 times a scanned one);
    /// the first search after a rebuild does not count as narrow.
    private var backoff = ScanBackoff()
    private var searchedSinceBuild = 0

    init(indexed: Bool) {
        self.indexed = indexed
    }

    private func line(_ i: Int, _ context: SchedulingContext) -> KineticTournament.Line {
        Dysta.line(i, context, variant: dysta.variant, beta: dysta.beta, jobsInSystem: referenceJobs)
    }

    /// Records the job admitted at `jobIndex`.
    mutating func admitted(_ jobIndex: Int, context: SchedulingContext) {
        guard built else { return }
        guard context.jobs.count <= referenceJobs else {
            built = false  // the lines no longer bound the values: rebuilt at the next choice
            return
        }
        // Never back: an insertion is valid at the tournament's clock (moving it back would
        // recompute every node).
        tournament.advance(to: max(context.now, tournament.now))
        slotOfSerial[context.jobs[jobIndex].serial] = tournament.insert(line(jobIndex, context), payload: context.jobs[jobIndex].serial)
    }

    /// Forgets the job `serial`, which left the system.
    mutating func ended(serial: Int) {
        guard built, let slot = slotOfSerial.removeValue(forKey: serial) else { return }
        tournament.remove(slot)
    }

    /// Software Dysta's choice (a position in `context.jobs`) among the ready jobs not dropped,
    /// if there are at least two (a contested decision); records that the job `ran` (a serial)
    /// runs next.
    mutating func choose(ran: Int, context: SchedulingContext) -> Int? {
        defer { ranSerial = ran }
        let jobs = context.jobs.count
        let busy = context.acceleratorBusy.reduce(0) { $0 + ($1 ? 1 : 0) }
        // With this many jobs at least two are candidates (each busy accelerator runs at most one).
        guard indexed, jobs >= indexThreshold, jobs - busy - context.drops.count >= 2, !backoff.scansNow() else {
            built = false
            return scan(context)
        }
        prepare(context)
        let now = context.now
        let jobsInSystem = Double(jobs)
        let anyDropped = !context.drops.isEmpty
        var best = -1
        var bestValue = Double.infinity
        var stale: [Int] = []
        var visited = 0
        // Values are sums of non-negative terms: a relative 1e-9 covers the bounds' rounding (as
        // in `Dysta.selectIndexed`); ties need every job whose bound reaches the best.
        tournament.search(prune: { value, _, _ in value * (1 - 1e-9) > bestValue }) { slot, serial, _, _ in
            visited += 1
            guard let i = context.index(ofSerial: serial) else {
                stale.append(slot)
                return
            }
            guard context.jobs[i].isReady, !(anyDropped && context.isDropped(i)) else { return }
            let value = dysta.value(context.jobs[i], now: now, jobsInSystem: jobsInSystem)
            if best < 0 || value < bestValue || (value == bestValue && i < best) {
                best = i
                bestValue = value
            }
        }
        for slot in stale { tournament.remove(slot) }
        searchedSinceBuild += 1
        if visited > 16 && visited * 32 > jobs {
            backoff.searchesWereWide()
        } else if searchedSinceBuild > 1 {
            backoff.searchesWereNarrow()
        }
        return best < 0 ? nil : best
    }

    /// Brings the tournament to `context.now`: rebuilt when the jobs outgrew its lines (or fell
    /// below half of them), else the job that ran last gets its new line.
    private mutating func prepare(_ context: SchedulingContext) {
        let jobs = context.jobs.count
        if !built || Dysta.linesAreStale(reference: referenceJobs, jobs: jobs) {
            referenceJobs = Dysta.lineReference(jobs: jobs)
            slotOfSerial.removeAll(keepingCapacity: true)
            let (variant, beta, reference) = (dysta.variant, dysta.beta, referenceJobs)
            tournament.build(at: context.now, count: jobs, line: {
                Dysta.line($0, context, variant: variant, beta: beta, jobsInSystem: reference)
            }) { context.jobs[$0].serial }
            for i in 0..<jobs { slotOfSerial[context.jobs[i].serial] = i }
            built = true
            searchedSinceBuild = 0
            return
        }
        tournament.advance(to: context.now)
        if ranSerial >= 0, let slot = slotOfSerial[ranSerial], let i = context.index(ofSerial: ranSerial) {
            tournament.replace(slot, with: line(i, context))
        }
    }

    /// The scan: the first least value among the ready jobs not dropped, or nil below two of them.
    func scan(_ context: SchedulingContext) -> Int? {
        var candidates = 0
        var best = -1
        var bestValue = Double.infinity
        let count = Double(context.jobs.count)
        let anyDropped = !context.drops.isEmpty
        for i in 0..<context.jobs.count where context.jobs[i].isReady && !(anyDropped && context.isDropped(i)) {
            candidates += 1
            let value = dysta.value(context.jobs[i], now: context.now, jobsInSystem: count)
            if best < 0 || value < bestValue {
                best = i
                bestValue = value
            }
        }
        return candidates >= 2 ? best : nil
    }
}
