import BatonCore

/// The waiting jobs of a policy in a `KineticTournament`, one line per job, kept current without
/// engine hooks.
///
/// A job's line is computed from its own figures (remaining work, last run, gamma, ...), which
/// change only when the job runs, and a job runs only when a policy selects it, with one
/// exception: a job alone in the system on one accelerator may run several layers without a
/// decision (`Scheduler.decisionsAreSideEffectFree`). So:
/// - a selected job is remembered (`pending`) and its line is recomputed at the first decision
///   where it waits again (while it runs on another accelerator its stale line stays in the tree
///   and the search skips it: a stale line can only lower a bound, never hide a candidate);
/// - when a job is admitted into a system of at most two jobs, the index is discarded and rebuilt
///   from the jobs at the next decision that uses it (the other job may have run alone);
/// - a job that left the system while waiting (dropped) is found by the search and removed.
///
/// Policies with a global term in their lines (Dysta's `1 / jobs in the system`) discard the
/// index when their lines stop bounding the scores.
///
/// A `line` closure gets the job's position and the context, rather than capturing the context:
/// a closure that captured it made the compiler copy the context (a retain and a release of each
/// of its arrays) at every decision.
struct WaitingJobIndex {
    typealias Line = KineticTournament.Line

    private(set) var tournament = KineticTournament()
    /// Jobs selected since their line was last set: serial and slot.
    private var pending: [(serial: Int, slot: Int)] = []
    private var built = false
    /// Decisions left to scan after searches visited a large share of the jobs (see `scansNow`).
    private var backoff = ScanBackoff()
    /// Whether no search ran since the last build.
    private var justBuilt = false
    /// Per slot: where its job was last found in `context.jobs` (a job only moves to lower
    /// positions, as earlier jobs leave), checked by serial before use; -1: unknown.
    private var hints: [Int] = []
    /// Searches, and wide ones, in the current window of 16 searches.
    private var windowSearches = 0
    private var windowWide = 0

    /// Jobs the last search compared (its cost, for `TieGroups.decides`).
    private(set) var lastVisited = 0
    /// The jobs a redrawing search scored (position, slot), kept to reuse the storage.
    private var scored: [(index: Int, slot: Int)] = []

    /// Whether the index holds every job (false until the first admission or rebuild, and after
    /// `discard`).
    var isBuilt: Bool { built }

    /// Whether the policy should scan this decision instead of searching: when most searches of a
    /// window of 16 were wide (compared more than an eighth of the jobs and more than 64: large
    /// groups of exactly tied bounds, e.g. many identical jobs admitted together; the first search
    /// after a build, which may move many jobs, does not count), the next 64 decisions scan
    /// (doubling, up to 4,096, while it recurs), then the index is rebuilt and tried again. Both
    /// paths give the same job, so this only bounds the cost at about that of the scan. Discards
    /// the index when it says yes.
    mutating func scansNow() -> Bool {
        guard backoff.scansNow() else { return false }
        discard()
        return true
    }

    /// Starts an empty index at `context.now` (for a policy that moves jobs into it itself).
    mutating func startEmpty(_ context: SchedulingContext) {
        pending.removeAll(keepingCapacity: true)
        tournament.reset(at: context.now)
        built = true
        justBuilt = true
    }

    /// Forgets every job (a policy scanning while few jobs wait); the next use rebuilds.
    mutating func discard() {
        built = false
        // Guarded: on an empty array with no storage it would allocate, at every scanned decision.
        if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
    }

    /// Rebuilds the index from every job in `context` at its clock.
    mutating func rebuild(_ context: SchedulingContext, line: (_ jobIndex: Int, _ context: SchedulingContext) -> Line) {
        pending.removeAll(keepingCapacity: true)
        tournament.build(at: context.now, count: context.jobs.count, line: { line($0, context) }, payload: { context.jobs[$0].serial })
        for i in 0..<context.jobs.count where !context.jobs[i].isReady { pending.append((context.jobs[i].serial, i)) }
        built = true
        justBuilt = true
    }

    /// Adds the job just admitted at `jobIndex` if the index is built (it is discarded instead when
    /// the system holds at most two jobs, or far fewer jobs than slots).
    mutating func admit(_ jobIndex: Int, context: SchedulingContext, line: (_ jobIndex: Int, _ context: SchedulingContext) -> Line) {
        guard built else { return }
        if context.jobs.count <= 2 || tournament.count > 2 * context.jobs.count + 64 {
            discard()
            return
        }
        tournament.advance(to: context.now)
        tournament.insert(line(jobIndex, context), payload: context.jobs[jobIndex].serial)
    }

    /// Moves the clock to `context.now` and refreshes the lines of the jobs selected earlier that
    /// wait again (and forgets those that left). Call at the start of every decision.
    @inline(__always)
    mutating func prepare(_ context: SchedulingContext, line: (_ jobIndex: Int, _ context: SchedulingContext) -> Line) {
        if !built { rebuild(context, line: line) }
        tournament.advance(to: context.now)
        var kept = 0
        for k in 0..<pending.count {
            let (serial, slot) = pending[k]
            if let i = WaitingJobIndex.jobIndex(slot: slot, serial: serial, context, hints: &hints) {
                if context.jobs[i].isReady {
                    tournament.replace(slot, with: line(i, context))
                } else {
                    pending[kept] = (serial, slot)
                    kept += 1
                }
            } else {
                tournament.remove(slot)
            }
        }
        pending.removeLast(pending.count - kept)
    }

    /// Visits waiting jobs whose line `prune` does not reject (see `KineticTournament.search`;
    /// the payload is the job's serial): `visit(jobIndex, slot, lineValue, tie)`. Jobs running
    /// elsewhere are skipped.
    @inline(__always)
    mutating func search(_ context: SchedulingContext, prune: (_ value: Double, _ tie: Double, _ serial: Int) -> Bool,
                         visit: (_ jobIndex: Int, _ slot: Int, _ lineValue: Double, _ tie: Double) -> Void) {
        var stale: [Int] = []  // allocates only when a dropped job is found
        var visited = 0
        var hints = self.hints
        self.hints = []  // moved out for the search (no copy)
        tournament.search(prune: prune) { slot, serial, value, tie in
            visited += 1
            guard let i = WaitingJobIndex.jobIndex(slot: slot, serial: serial, context, hints: &hints) else {
                stale.append(slot)
                return
            }
            if context.jobs[i].isReady { visit(i, slot, value, tie) }
        }
        self.hints = hints
        lastVisited = visited
        for slot in stale { tournament.remove(slot) }
        if justBuilt {
            justBuilt = false
            return
        }
        windowSearches += 1
        if visited > 64 && visited * 8 > tournament.count { windowWide += 1 }
        if windowSearches == 16 {
            if windowWide > 8 { backoff.searchesWereWide() } else { backoff.searchesWereNarrow() }
            windowSearches = 0
            windowWide = 0
        }
    }

    /// `search` for a policy whose line is a bound drawn at a time and tighter when drawn later
    /// (the chord of a convex urgency: SDRM3's, DREAM's). `visit(jobIndex, slot)` returns whether
    /// it scored the job; after the search, every job it scored except the one in `chosenSlot()`
    /// (-1: none) gets its line drawn again from now with `line`: a job that reached the leader but
    /// lost is pruned sooner at the next searches. Only the tree changes, never a decision. (The
    /// index's counterpart of `TieGroups.searchRanked(redrawsOver: 0)`.)
    @inline(__always)
    mutating func searchRedrawingLosers(_ context: SchedulingContext, prune: (_ value: Double, _ tie: Double, _ serial: Int) -> Bool,
                                        line: (_ jobIndex: Int, _ context: SchedulingContext) -> Line, chosenSlot: () -> Int,
                                        visit: (_ jobIndex: Int, _ slot: Int) -> Bool) {
        var scored: [(index: Int, slot: Int)] = []
        swap(&scored, &self.scored)  // its storage, reused (no copy)
        scored.removeAll(keepingCapacity: true)
        search(context, prune: prune) { i, slot, _, _ in
            if visit(i, slot) { scored.append((i, slot)) }
        }
        let chosen = chosenSlot()
        for (i, slot) in scored where slot != chosen { tournament.replace(slot, with: line(i, context)) }
        swap(&scored, &self.scored)
    }

    /// The position in `context.jobs` of the job with `serial` held in `slot` (its hint if still
    /// right, or the position before it, where one earlier job's leaving moved it; else a binary
    /// search), or nil if the job left.
    @inline(__always)
    static func jobIndex(slot: Int, serial: Int, _ context: SchedulingContext, hints: inout [Int]) -> Int? {
        if slot < hints.count {
            let hint = hints[slot]
            if hint >= 0 && hint < context.jobs.count && context.jobs[hint].serial == serial { return hint }
            if hint >= 1 && hint - 1 < context.jobs.count && context.jobs[hint - 1].serial == serial {
                hints[slot] = hint - 1
                return hint - 1
            }
        }
        guard let i = context.index(ofSerial: serial) else { return nil }
        if slot >= hints.count { hints.append(contentsOf: repeatElement(-1, count: slot + 1 - hints.count)) }
        hints[slot] = i
        return i
    }

    /// Records that the job in `slot` (serial `serial`) was selected: its line is refreshed when
    /// it waits again.
    mutating func selected(serial: Int, slot: Int) {
        pending.append((serial, slot))
    }

    /// Removes the job in `slot` (e.g. moved to another structure). Its serial must not be pending.
    mutating func remove(slot: Int) {
        tournament.remove(slot)
    }

    /// Re-inserts job `jobIndex` (after `remove`); returns its new slot.
    @discardableResult
    mutating func insert(_ jobIndex: Int, context: SchedulingContext, line: Line) -> Int {
        tournament.insert(line, payload: context.jobs[jobIndex].serial)
    }
}

extension WaitingJobIndex {
    /// The waiting job with the least (key, tie, admission), for indexes whose lines are exact
    /// static keys (slope 0, base = key): `readyJob(minimizing:)` in O(log n). Records the selection.
    mutating func selectMinimum(_ context: SchedulingContext, line: (_ jobIndex: Int, _ context: SchedulingContext) -> Line) -> Int? {
        prepare(context, line: line)
        guard let (best, slot) = minimum(context) else { return nil }
        selected(serial: context.jobs[best].serial, slot: slot)
        return best
    }

    /// The waiting job with the least (line value, tie, admission) and its slot, for indexes whose
    /// lines are exact static keys (slope 0): the scan's "first best" in O(log n), plus O(log n)
    /// for each job running elsewhere whose stale line is lower. Records nothing. Call `prepare`
    /// (or manage the lines yourself) first.
    mutating func minimum(_ context: SchedulingContext) -> (index: Int, slot: Int)? {
        var best = -1, bestSlot = -1
        var bestKey = Double.infinity, bestTie = Double.infinity, bestSerial = Int.max
        search(context, prune: { value, tie, serial in
            best >= 0 && (value > bestKey || (value == bestKey && (tie > bestTie || (tie == bestTie && serial > bestSerial))))
        }) { i, slot, value, tie in
            let serial = context.jobs[i].serial
            if best < 0 || value < bestKey || (value == bestKey && (tie < bestTie || (tie == bestTie && serial < bestSerial))) {
                best = i
                bestSlot = slot
                bestKey = value
                bestTie = tie
                bestSerial = serial
            }
        }
        return best < 0 ? nil : (best, bestSlot)
    }
}
