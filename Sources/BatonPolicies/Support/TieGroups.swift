import BatonCore
import DequeModule

/// The waiting jobs of a policy grouped by the exact figures its score reads, so that a decision
/// scores one job per group instead of one per job.
///
/// Jobs with bit-identical figures have bit-identical scores, and a scan's tie rule (strict
/// less-than in admission order) then picks the lowest serial among them. So the scan's choice is
/// the least (score, serial) over the groups' first members. Many identical jobs arrive together
/// in a burst (every request of a model at one instant), where a scan, or a bound-based index that
/// cannot separate exact ties, costs O(jobs) per decision and O(jobs²) per burst; with groups a
/// decision costs O(groups) (a pass over them), or less through `searchRanked` (a tournament of
/// the groups' bounds).
///
/// Kept current without engine hooks, like `WaitingJobIndex`: a job's figures change only when it
/// runs, and it runs only when the policy selects it (`selected` moves it to `pending`; it joins
/// the group of its new figures at the first decision where it waits again). The one exception,
/// a lone job running several layers without a decision, happens with one job in the system,
/// below any threshold at which a policy builds the groups (`discard` below it).
struct TieGroups<Key: JobFigures> {
    /// Per slot: the group's key, its ready members by serial (ascending), and its first member
    /// (-1: a free slot). The keys and first members are plain arrays, so a decision reads them
    /// without touching the members' storage.
    private var keys: [Key] = []
    /// Per slot, every member once the group has had two; empty for a group of one (its member is
    /// `firsts[slot]`). Most groups are one job whose figures change at each of its decisions, so a
    /// group of one allocates nothing; an emptied slot keeps its storage for the next group.
    private var members: [Deque<Int>] = []
    private var firsts: [Int] = []
    /// The non-empty slots by key.
    private var slotOfKey = SlotTable()
    private var freeSlots: [Int] = []
    /// Selected jobs (serials) not yet back in a group.
    /// (Each with where it was last seen in the job list: jobs only move to lower positions, so
    /// the hint, or the position before it, usually finds it without a search.)
    private var pending: [(serial: Int, position: Int)] = []
    private(set) var isBuilt = false
    /// The groups in a tournament of lines (payload: the group's slot), for a policy that
    /// searches its groups by a bound (`searchRanked`): kept once searched, until `discard`.
    private var ranked = KineticTournament()
    private var rankedBuilt = false
    /// Per group slot: its slot in `ranked` (-1: none).
    private var rankedSlot: [Int] = []
    /// Group slots created or emptied since the last `searchRanked` (while `ranked` is kept).
    private var rankChanges: [Int] = []
    /// The (tournament slot, group slot) pairs the last search visited (to redraw their lines,
    /// and to find the chosen group in `selected`).
    private var visitedSlots: [(ranked: Int, group: Int)] = []
    /// Whether the groups in `visitedSlots` get their lines drawn again at the next search.
    private var redrawDue = false

    /// Groups the last `searchRanked` visited.
    var lastSearchVisited: Int { visitedSlots.count }

    /// Number of non-empty groups.
    var groupCount: Int { slotOfKey.count }

    /// Whether the policy decides from the groups through `searchRanked` (a search of the groups'
    /// bounds, as narrow as the index's but with one line per group of tied jobs) rather than a
    /// pass over every group: see `decides`.
    let searchesRanked: Bool

    init(searchesRanked: Bool = false) {
        self.searchesRanked = searchesRanked
    }

    /// Forgets everything (`build` starts again).
    mutating func discard() {
        keys.removeAll()
        members.removeAll()
        firsts.removeAll()
        slotOfKey.removeAll()
        freeSlots.removeAll()
        pending.removeAll()
        isBuilt = false
        groupsDecide = false
        rankedBuilt = false
        rankChanges.removeAll()
        visitedSlots.removeAll()
        redrawDue = false
    }

    /// Groups every ready job of `context`; running jobs wait in `pending`.
    mutating func build(_ context: SchedulingContext) {
        discard()
        for i in context.jobs.indices {
            if context.jobs[i].isReady {
                insert(context.jobs[i].serial, key: Key(context.jobs[i]))
            } else {
                pending.append((context.jobs[i].serial, i))
            }
        }
        isBuilt = true
    }

    /// Whether the groups decide (rather than the policy's index) until the next probe.
    private var groupsDecide = false
    /// Decisions until the index is tried again while the groups decide.
    private var decisionsUntilProbe = 0
    /// Moving average of the jobs the index's searches compared.
    private var averageVisited = 0.0

    /// Builds the groups, or brings them up to date, and says who decides this decision: the
    /// groups (true) or the policy's index (false; then report its search with `indexSearched`).
    ///
    /// A decision from the groups costs O(groups), one from the index O(jobs its search compares),
    /// which is small when bounds separate the jobs and large in a burst (ties, loose bounds); a
    /// compared job costs about four groups (it is found in the job list, then scored). So the
    /// groups decide once the searches compare on average (a moving average over about 8) more
    /// than half as many jobs as there are groups (twice the break-even, so that an occasional
    /// wide search does not switch), while there is at most one group per two jobs. The average,
    /// not the typical search, decides: in a burst most searches are narrow but a few compare
    /// nearly every job, and those dominate the time. A policy that searches its groups
    /// (`searchesRanked`) pays about the index's search over groups instead of jobs, plus the
    /// upkeep of the groups' tournament: its groups decide once the index's searches compare more
    /// than 8 jobs on average, while any two jobs share a group (jobs tied on every figure, which
    /// the index visits one by one, are one line there). The index is tried again after as many
    /// decisions as there are jobs (at least 256), so that its rebuild, O(jobs), costs O(1) per
    /// decision.
    @inline(__always)
    mutating func decides(_ context: SchedulingContext) -> Bool {
        if isBuilt { refresh(context) } else { build(context) }
        guard groupsDecide, searchesRanked ? groupCount < context.jobs.count : groupCount * 2 <= context.jobs.count else {
            groupsDecide = false
            return false
        }
        decisionsUntilProbe -= 1
        if decisionsUntilProbe <= 0 { groupsDecide = false }
        return true
    }

    /// The index decided, comparing `visited` jobs: the groups take over once the searches cost
    /// clearly more than a decision from them and they are few (see `decides`).
    mutating func indexSearched(visited: Int, jobs: Int) {
        averageVisited += (Double(visited) - averageVisited) / 8
        let groupsCheaper = searchesRanked
            ? averageVisited > 8 && groupCount < jobs
            : averageVisited * 2 > Double(groupCount) && groupCount * 2 <= jobs
        if groupsCheaper {
            groupsDecide = true
            decisionsUntilProbe = max(256, jobs)
            averageVisited = 0
        }
    }

    /// Adds the job admitted at `jobIndex` (the newest, so it goes last in its group).
    mutating func admit(_ jobIndex: Int, context: SchedulingContext) {
        insert(context.jobs[jobIndex].serial, key: Key(context.jobs[jobIndex]))
    }

    /// Moves the pending jobs that wait again into the groups of their new figures, and forgets
    /// those that left the system.
    @inline(__always)
    mutating func refresh(_ context: SchedulingContext) {
        guard !pending.isEmpty else { return }
        var kept = 0
        for k in pending.indices {
            let (serial, hint) = pending[k]
            guard let i = Self.position(of: serial, hint: hint, context) else { continue }
            if context.jobs[i].isReady {
                insert(serial, key: Key(context.jobs[i]))
            } else {
                pending[kept] = (serial, i)
                kept += 1
            }
        }
        pending.removeLast(pending.count - kept)
    }

    /// The job `serial` (at `position` in the job list), in the group `key`, was selected: it
    /// leaves the group until it waits again.
    mutating func selected(serial: Int, position: Int, key: Key) {
        // The groups' choice is the first member of a group the last search visited: found there
        // without hashing its key. (A serial is the first of at most one group, so a match in
        // an older search's list is right too.)
        if let visited = visitedSlots.first(where: { $0.group < firsts.count && firsts[$0.group] == serial }) {
            remove(serial, slot: visited.group)
        } else {
            remove(serial, key: key)
        }
        pending.append((serial, position))
    }

    /// Where the job `serial`, last seen at `hint`, is now (or nil if it left).
    @inline(__always)
    private static func position(of serial: Int, hint: Int, _ context: SchedulingContext) -> Int? {
        if hint < context.jobs.count, context.jobs[hint].serial == serial { return hint }
        if hint >= 1, hint - 1 < context.jobs.count, context.jobs[hint - 1].serial == serial { return hint - 1 }
        return context.index(ofSerial: serial)
    }

    /// The job `serial` left the system; `key` is the group it waited in, if it was waiting.
    mutating func ended(serial: Int, key: Key) {
        if let k = pending.firstIndex(where: { $0.serial == serial }) {
            pending.remove(at: k)
        } else {
            remove(serial, key: key)
        }
    }

    /// Calls `body` with each group's key and first (lowest) serial, in slot order.
    func forEachGroup(_ body: (Key, Int) -> Void) {
        for slot in firsts.indices where firsts[slot] >= 0 { body(keys[slot], firsts[slot]) }
    }

    /// Visits the groups whose line at `now` `prune` does not reject, lowest lines first along each
    /// branch (`KineticTournament.search`): `visit(key, first serial)`. `line(key)` must bound
    /// the value of every job with those figures from below at any time from now on; the
    /// tournament keeps the lines of groups that last, so a policy whose lines change (Dysta's
    /// reference number of jobs) passes `rebuild`. The clock must not move backwards. A group of
    /// identical jobs is one line, so the search is as narrow as the bounds separate the figures,
    /// whatever the number of identical jobs: O(log groups) where they separate.
    ///
    /// With `redrawsOver` set, after a search that visited more groups than that, the line of every
    /// group it visited is drawn again, for a policy whose line is a bound drawn at a time and
    /// tighter when drawn later (SDRM3's chord of its convex urgency): a group that reached the
    /// leader but lost is pruned sooner at the next searches. Only the tournament changes, never a
    /// decision. (A redraw costs a tournament update: worth it where loose bounds make searches
    /// wide; 0 redraws after every search, nil never.) The lines are drawn at the start of the
    /// next search, from its time (tighter still), and only for the groups that still have
    /// members: the chosen job's group, which its leaving usually empties, is not drawn again
    /// only to be removed.
    ///
    /// With `auxiliaryWidth` above 0, the tournament also keeps, per node, the highest of that
    /// many static values of its groups' keys (`auxiliary(key, k)`; DREAM's preference per
    /// accelerator), and `prune` gets the subtree's highest value `auxiliaryAsked` (0 without).
    @inline(__always)
    mutating func searchRanked(at now: Double, rebuild: Bool, redrawsOver: Int? = nil,
                               line: (Key) -> KineticTournament.Line,
                               auxiliaryWidth: Int = 0, auxiliaryAsked: Int = -1,
                               auxiliary: (_ key: Key, _ k: Int) -> Double = { _, _ in 0 },
                               prune: (_ bound: Double, _ auxiliaryMaximum: Double) -> Bool,
                               visit: (_ key: Key, _ first: Int) -> Void) {
        if auxiliaryWidth != ranked.auxiliaryWidth {
            ranked.keepAuxiliary(width: auxiliaryWidth)
            rankedBuilt = false
        }
        if rebuild || !rankedBuilt {
            // Built bottom-up in O(groups), the groups in slot order taking tournament slots 0, 1, ...
            // (the tree that inserting them one by one gave, in O(groups log groups): DREAM rebuilds
            // at every move of its tuner's alpha).
            rankedSlot = [Int](repeating: -1, count: keys.count)
            rankChanges.removeAll(keepingCapacity: true)
            var occupied: [Int] = []
            occupied.reserveCapacity(groupCount)
            for slot in firsts.indices where firsts[slot] >= 0 {
                rankedSlot[slot] = occupied.count
                occupied.append(slot)
            }
            ranked.build(at: now, count: occupied.count, line: { line(keys[occupied[$0]]) }, payload: { occupied[$0] })
            if auxiliaryWidth > 0 { ranked.buildAuxiliary(count: occupied.count) { auxiliary(keys[occupied[$0]], $1) } }
            rankedBuilt = true
        } else {
            ranked.advance(to: now)
            if redrawDue {
                for (visitedRankedSlot, slot) in visitedSlots
                where slot < firsts.count && firsts[slot] >= 0 && rankedSlot[slot] == visitedRankedSlot {
                    ranked.replace(visitedRankedSlot, with: line(keys[slot]))
                }
            }
            // A slot emptied and taken by a new group since the last search (the usual case: the
            // chosen job's group empties, and the group of the job that ran last takes its slot)
            // is listed twice and needs one replaced line: the second visit finds the same line.
            for slot in rankChanges {
                if slot >= rankedSlot.count { rankedSlot.append(contentsOf: repeatElement(-1, count: slot + 1 - rankedSlot.count)) }
                switch (rankedSlot[slot] >= 0, firsts[slot] >= 0) {
                case (true, true): ranked.replace(rankedSlot[slot], with: line(keys[slot]))
                case (true, false):
                    ranked.remove(rankedSlot[slot])
                    rankedSlot[slot] = -1
                case (false, true): rankedSlot[slot] = ranked.insert(line(keys[slot]), payload: slot)
                case (false, false): break
                }
                // A slot's group may be a new one (another key): its values are set again.
                if auxiliaryWidth > 0, firsts[slot] >= 0 {
                    ranked.setAuxiliary(rankedSlot[slot]) { auxiliary(keys[slot], $0) }
                }
            }
            rankChanges.removeAll(keepingCapacity: true)
        }
        visitedSlots.removeAll(keepingCapacity: true)
        if auxiliaryWidth > 0 {
            let maxima = ranked.auxiliaryMaxima  // read during the search (no copy: nothing writes it then)
            ranked.search(pruneAt: { value, _, _, node in
                prune(value, KineticTournament.auxiliaryMaximum(maxima, width: auxiliaryWidth, node: node, auxiliaryAsked))
            }) { rankedSlot, slot, _, _ in
                visitedSlots.append((rankedSlot, slot))
                visit(keys[slot], firsts[slot])
            }
        } else {
            ranked.search(prune: { value, _, _ in prune(value, 0) }) { rankedSlot, slot, _, _ in
                visitedSlots.append((rankedSlot, slot))
                visit(keys[slot], firsts[slot])
            }
        }
        redrawDue = redrawsOver.map { visitedSlots.count > $0 } ?? false
    }

    /// The slot of the group with key `key` (hash `hash`), if it has members.
    @inline(__always)
    private func slot(of key: Key, hash: UInt64) -> Int? {
        slotOfKey.find(hash: hash) { keys[$0] == key }
    }

    private mutating func insert(_ serial: Int, key: Key) {
        let hash = key.foldedHash
        guard let slot = slot(of: key, hash: hash) else {
            let slot: Int
            if let free = freeSlots.popLast() {
                slot = free
                keys[slot] = key
                firsts[slot] = serial
            } else {
                slot = keys.count
                keys.append(key)
                members.append([])
                firsts.append(serial)
            }
            slotOfKey.insert(slot: slot, hash: hash)
            noteRankChange(slot)
            return
        }
        if members[slot].isEmpty { members[slot].append(firsts[slot]) }
        if members[slot].last.map({ $0 < serial }) ?? true {
            members[slot].append(serial)
        } else {
            members[slot].insert(serial, at: Self.position(of: serial, in: members[slot]))
        }
        firsts[slot] = members[slot][members[slot].startIndex]
    }

    private mutating func remove(_ serial: Int, key: Key) {
        guard let slot = slot(of: key, hash: key.foldedHash) else { return }
        remove(serial, slot: slot)
    }

    /// Removes `serial` from the group in `slot`.
    private mutating func remove(_ serial: Int, slot: Int) {
        if members[slot].isEmpty {
            guard firsts[slot] == serial else { return }
        } else if members[slot].first == serial {
            members[slot].removeFirst()
        } else {
            let k = Self.position(of: serial, in: members[slot])
            guard k < members[slot].count, members[slot][k] == serial else { return }
            members[slot].remove(at: k)
        }
        if let first = members[slot].first {
            firsts[slot] = first
        } else {
            firsts[slot] = -1
            slotOfKey.remove(slot: slot, hash: keys[slot].foldedHash)
            freeSlots.append(slot)
            noteRankChange(slot)
        }
    }

    /// Records that group slot `slot` was created or emptied, for the next `searchRanked`. While the
    /// index decides, the groups change without a search: past twice as many changes as slots the
    /// tournament is dropped instead (rebuilt at the next search), so the record stays bounded.
    private mutating func noteRankChange(_ slot: Int) {
        guard rankedBuilt else { return }
        if rankChanges.count > 2 * keys.count + 64 {
            rankedBuilt = false
            rankChanges.removeAll(keepingCapacity: true)
            return
        }
        rankChanges.append(slot)
    }

    /// The first position whose serial is not below `serial`.
    private static func position(of serial: Int, in members: Deque<Int>) -> Int {
        var low = 0, high = members.count
        while low < high {
            let mid = (low + high) / 2
            if members[mid] < serial { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
