import BatonCore
import HeapModule

/// DREAM's drop test (`DreamScheduler.isHopeless`) without visiting every waiting frame: the
/// frames that could be hopeless now, found in O(log n) each, then tested exactly.
///
/// A frame is hopeless once `now + rem` exceeds its limit: `deadline + tolerance * period`, or
/// also `deadline` when a newer frame of its model is in the system (superseded). For fixed
/// figures that happens from a time on, `limit - rem` (its key), and stays so: the clock only
/// moves forward. An indexed min-heap holds one key per frame (each frame has a slot), computed a
/// little early (a relative margin of 1e-12 covers the rounding of `now + rem`), and kept a lower
/// bound of the frame's true key:
/// - a frame's remaining work falls only when it runs, which raises its key: a stale key is early,
///   never late (when the clock reaches it, the frame is rekeyed and moved down in place);
/// - a lower tolerance lowers every key: the heap is rebuilt (a higher one only raises them);
/// - a frame becomes superseded only when a newer frame of its model is admitted: the frames keyed
///   as not superseded (listed per model) are keyed again then and moved up in place.
/// At a decision the frames keyed at or below the clock are rekeyed; one whose key is still ahead
/// stays, the others leave the heap and are tested exactly with the scan's expression. Frames that
/// pass the key but not the test (within the margin, or running) are kept in a short list tested at
/// every decision until they are dropped, run or leave. A frame that ends (`ended`) leaves the heap
/// at once, so the heap holds exactly the frames in the system that are not in that list.
struct DreamDropIndex {
    /// A frame of a model, ordered by arrival (the newest is the per-model heap's max).
    struct Arrival: Comparable {
        var seconds: Double
        var serial: Int
        static func < (a: Arrival, b: Arrival) -> Bool { a.seconds < b.seconds || (a.seconds == b.seconds && a.serial < b.serial) }
        /// No frame (the newest of a model with none in the system).
        static let none = Arrival(seconds: -.infinity, serial: -1)
    }

    /// The keys, by slot.
    private var keys = IndexedMinHeap()
    /// Each indexed frame's slot, by serial (frames that ended are removed).
    private var slotOfSerial: [Int: Int] = [:]
    /// Each slot's frame serial (valid while the slot is taken).
    private var serialOfSlot: [Int] = []
    /// Slots free for reuse.
    private var freeSlots: [Int] = []
    /// Serials of frames past their key but not dropped (running, or within the margin); not in
    /// the heap.
    private var near: [Int] = []
    /// The frames a decision rechecks (kept to reuse its storage).
    private var recheck: [Int] = []
    /// Per model: the frames admitted, newest first (frames that left are removed when met, and
    /// all at once when the heaps hold more than twice the frames in the system: `compactArrivals`).
    private var arrivals: [Heap<Arrival>] = []
    /// Entries in `arrivals`, over every model.
    private var arrivalEntries = 0
    /// Per model: the newest frame in the system, when known (`newestIsKnown`); forgotten when
    /// that frame ends.
    private var newestArrival: [Arrival] = []
    private var newestIsKnown: [Bool] = []
    /// Per model: serials keyed as not superseded since the model's newest frame last changed.
    private var keyedCurrent: [[Int]] = []
    /// The frames a newly admitted frame supersedes (kept to reuse its storage).
    private var superseded: [Int] = []
    /// The tolerance the keys were computed with.
    private var tolerance = Double.nan
    private(set) var isBuilt = false

    /// Forgets every frame (the policy scans); the next `hopeless` rebuilds.
    mutating func discard() {
        guard isBuilt else { return }
        isBuilt = false
        keys.removeAll()
        slotOfSerial.removeAll()
        serialOfSlot.removeAll()
        freeSlots.removeAll()
        near.removeAll()
        arrivals.removeAll()
        keyedCurrent.removeAll()
    }

    /// Rebuilds from every frame in the system with `tolerance`: frame `i` takes slot `i`.
    private mutating func rebuild(_ context: SchedulingContext, tolerance: Double) {
        let models = context.catalog.modelNames.count
        var byModel = [[Arrival]](repeating: [], count: models)
        slotOfSerial.removeAll(keepingCapacity: true)
        serialOfSlot.removeAll(keepingCapacity: true)
        freeSlots.removeAll(keepingCapacity: true)
        for i in 0..<context.jobs.count {
            let serial = context.jobs[i].serial
            byModel[context.jobs[i].spec.model].append(Arrival(seconds: context.jobs[i].arrivalSeconds, serial: serial))
            slotOfSerial[serial] = i
            serialOfSlot.append(serial)
        }
        arrivals = byModel.map { Heap($0) }
        arrivalEntries = context.jobs.count
        newestArrival = [Arrival](repeating: .none, count: models)
        newestIsKnown = [Bool](repeating: false, count: models)
        keyedCurrent = [[Int]](repeating: [], count: models)
        near.removeAll(keepingCapacity: true)
        self.tolerance = tolerance
        var frameKeys: [(member: Int, key: Double)] = []
        frameKeys.reserveCapacity(context.jobs.count)
        for i in 0..<context.jobs.count { frameKeys.append((i, key(i, context).key)) }
        keys.rebuild(frameKeys)
        isBuilt = true
    }

    /// Records the frame just admitted at `jobIndex` (after any variant choice), if built.
    mutating func admit(_ jobIndex: Int, context: SchedulingContext) {
        guard isBuilt else { return }
        let job = context.jobs[jobIndex]
        let model = job.spec.model
        let previous = newest(model, context)
        let arrival = Arrival(seconds: job.arrivalSeconds, serial: job.serial)
        arrivals[model].insert(arrival)
        arrivalEntries += 1
        if arrivalEntries > 2 * context.jobs.count + 64 { compactArrivals(context) }
        if newestArrival[model] < arrival { newestArrival[model] = arrival }  // known: `newest` just found it
        if job.arrivalSeconds > previous {
            // The model's frames keyed as current are superseded now: their keys have fallen and
            // move up at once (those in the near list are tested at every decision anyway).
            swap(&superseded, &keyedCurrent[model])
            for serial in superseded {
                guard let slot = slotOfSerial[serial], keys.contains(slot), let i = context.index(ofSerial: serial) else { continue }
                keys.update(slot, key: key(i, context).key)
            }
            superseded.removeAll(keepingCapacity: true)
        }
        let slot = freeSlots.popLast() ?? serialOfSlot.count
        if slot == serialOfSlot.count { serialOfSlot.append(job.serial) } else { serialOfSlot[slot] = job.serial }
        slotOfSerial[job.serial] = slot
        keys.insert(slot, key: key(jobIndex, context).key)
    }

    /// Forgets a frame that finished or was dropped (its serial and model; a negative model when
    /// unknown forgets every model's newest frame), if built.
    mutating func ended(serial: Int, model: Int) {
        guard isBuilt, let slot = slotOfSerial.removeValue(forKey: serial) else { return }
        keys.remove(slot)
        freeSlots.append(slot)
        if model < 0 {
            for m in newestIsKnown.indices { newestIsKnown[m] = false }
        } else if newestArrival[model].serial == serial {
            newestIsKnown[model] = false
        }
    }

    /// The indices of the waiting frames hopeless at `context.now` with `tolerance`, ascending:
    /// exactly the frames the scan drops.
    mutating func hopeless(_ context: SchedulingContext, tolerance: Double) -> [Int] {
        if !isBuilt || tolerance < self.tolerance || tolerance.isNaN { rebuild(context, tolerance: tolerance) }
        self.tolerance = tolerance
        let now = context.now
        var dropped: [Int] = []
        // The near list is rechecked after the heap's due frames; it is refilled (storage reused).
        swap(&recheck, &near)
        near.removeAll(keepingCapacity: true)
        while let top = keys.min, top.key <= now {
            let slot = top.member
            let serial = serialOfSlot[slot]
            guard let i = context.index(ofSerial: serial) else {  // it left unannounced: forget it
                ended(serial: serial, model: -1)
                continue
            }
            let (key, superseded) = key(i, context)
            if key > now {
                keys.update(slot, key: key)
                continue
            }
            keys.removeMin()  // `slot`, the top
            test(i, serial: serial, superseded: superseded, now: now, context: context, dropped: &dropped)
        }
        for serial in recheck {
            guard let slot = slotOfSerial[serial] else { continue }  // it ended
            guard let i = context.index(ofSerial: serial) else {
                ended(serial: serial, model: -1)
                continue
            }
            let (key, superseded) = key(i, context)
            if key > now {
                keys.insert(slot, key: key)
            } else {
                test(i, serial: serial, superseded: superseded, now: now, context: context, dropped: &dropped)
            }
        }
        recheck.removeAll(keepingCapacity: true)
        dropped.sort()
        return dropped
    }

    /// The exact test of frame `i`, out of the heap with its key due: dropped (the engine ends it,
    /// and `ended` frees its slot), or kept in the near list.
    private mutating func test(_ i: Int, serial: Int, superseded: Bool, now: Double, context: SchedulingContext, dropped: inout [Int]) {
        if context.jobs[i].isReady && DreamScheduler.isHopeless(context.jobs[i], now: now, tolerance: tolerance, superseded: superseded) {
            dropped.append(i)
        } else {
            near.append(serial)
        }
    }

    /// Removes the frames that left from every model's heap, so that the heaps stay within twice
    /// the frames in the system (amortised O(log n) per admission). Without it they grew with every
    /// frame ever admitted (hundreds of thousands in a long overloaded run), which made admissions
    /// slower and, through the caches, the decisions too. The newest frames found are unchanged.
    private mutating func compactArrivals(_ context: SchedulingContext) {
        arrivalEntries = 0
        for m in arrivals.indices {
            let kept = arrivals[m].unordered.filter { context.index(ofSerial: $0.serial) != nil }
            arrivalEntries += kept.count
            arrivals[m] = Heap(kept)
        }
    }

    /// The arrival of the newest frame of `model` in the system (-infinity if none).
    private mutating func newest(_ model: Int, _ context: SchedulingContext) -> Double {
        if newestIsKnown[model] { return newestArrival[model].seconds }
        var found = Arrival.none
        while let top = arrivals[model].max {
            if context.index(ofSerial: top.serial) != nil {
                found = top
                break
            }
            arrivals[model].removeMax()
            arrivalEntries -= 1
        }
        newestArrival[model] = found
        newestIsKnown[model] = true
        return found.seconds
    }

    /// Job `i`'s key: the clock from which it may be hopeless (a little early; see the type's
    /// summary), and whether a newer frame of its model is in the system. Records it in
    /// `keyedCurrent` when it is keyed as not superseded.
    private mutating func key(_ i: Int, _ context: SchedulingContext) -> (key: Double, superseded: Bool) {
        // The five figures read in place: a copy of the whole job (its references retained and
        // released) cost more than the rest of the key.
        let model = context.jobs[i].spec.model, arrival = context.jobs[i].arrivalSeconds
        let deadline = context.jobs[i].deadlineSeconds, remaining = context.jobs[i].remainingEstimateSeconds
        let superseded = newest(model, context) > arrival
        if !superseded {
            keyedCurrent[model].append(context.jobs[i].serial)
            if keyedCurrent[model].count > 2 * context.jobs.count + 64 {  // bounded: keep one entry per frame still in the system
                var seen = Set<Int>()
                keyedCurrent[model].removeAll { !seen.insert($0).inserted || context.index(ofSerial: $0) == nil }
            }
        }
        let period = deadline - arrival
        let tolerated = deadline + tolerance * period
        var key = Double.infinity
        if !(tolerated - remaining).isNaN { key = tolerated - remaining }
        if superseded, deadline - remaining < key { key = deadline - remaining }
        guard key.isFinite else { return (key.isNaN ? .infinity : key, superseded) }
        return (key - 1e-12 * (abs(deadline) + abs(tolerance * period) + abs(remaining)), superseded)
    }
}
