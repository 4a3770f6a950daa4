import BatonCore
import HeapModule

/// DREAM's drop test (`DreamScheduler.isHopeless`) without visiting every waiting frame: the
/// frames that could be hopeless now, found in O(log n) each, then tested exactly.
///
/// A frame is hopeless once `now + rem` exceeds its limit: `deadline + tolerance * period`, or
/// also `deadline` when a newer frame of its model is in the system (superseded). For fixed
/// figures that happens from a time on, `limit - rem` (its key), and stays so: the clock only
/// moves forward. A min-heap holds one key per frame, computed a little early (a relative margin
/// of 1e-12 covers the rounding of `now + rem`), and is kept a lower bound of every waiting
/// frame's true key:
/// - a frame's remaining work falls only when it runs, which raises its key: a stale key is early,
///   never late (popped, it is recomputed and pushed back);
/// - a lower tolerance lowers every key: the heap is rebuilt (a higher one only raises them);
/// - a frame becomes superseded only when a newer frame of its model is admitted: the frames keyed
///   as not superseded (listed per model) are keyed again then and pushed with their new key.
/// At a decision the keys at or below the clock are popped; each frame is rekeyed, pushed back if
/// its key is still ahead, else tested exactly with the scan's expression. Frames that pass the
/// key but not the test (within the margin, or running) are kept in a short list tested at every
/// decision until they are dropped, run or leave. Frames that left are forgotten when met.
struct DreamDropIndex {
    struct Entry: Comparable {
        var key: Double
        var serial: Int
        static func < (a: Entry, b: Entry) -> Bool { a.key < b.key || (a.key == b.key && a.serial < b.serial) }
    }

    /// A frame of a model, ordered by arrival (the newest is the per-model heap's max).
    struct Arrival: Comparable {
        var seconds: Double
        var serial: Int
        static func < (a: Arrival, b: Arrival) -> Bool { a.seconds < b.seconds || (a.seconds == b.seconds && a.serial < b.serial) }
    }

    private var keys = Heap<Entry>()
    /// Serials of frames past their key but not dropped (running, or within the margin).
    private var near: [Int] = []
    /// The frames a decision rechecks (kept to reuse its storage).
    private var recheck: [Int] = []
    /// Per model: every frame admitted, newest first (frames that left are removed when met).
    private var arrivals: [Heap<Arrival>] = []
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
        keys = Heap()
        near.removeAll()
        arrivals.removeAll()
        keyedCurrent.removeAll()
    }

    /// Rebuilds from every frame in the system with `tolerance`.
    private mutating func rebuild(_ context: SchedulingContext, tolerance: Double) {
        let models = context.catalog.modelNames.count
        var byModel = [[Arrival]](repeating: [], count: models)
        for i in 0..<context.jobs.count {
            byModel[context.jobs[i].spec.model].append(Arrival(seconds: context.jobs[i].arrivalSeconds, serial: context.jobs[i].serial))
        }
        arrivals = byModel.map { Heap($0) }
        keyedCurrent = [[Int]](repeating: [], count: models)
        near.removeAll(keepingCapacity: true)
        self.tolerance = tolerance
        var entries: [Entry] = []
        entries.reserveCapacity(context.jobs.count)
        for i in 0..<context.jobs.count {
            entries.append(Entry(key: key(i, context).key, serial: context.jobs[i].serial))
        }
        keys = Heap(entries)
        isBuilt = true
    }

    /// Records the frame just admitted at `jobIndex` (after any variant choice), if built.
    mutating func admit(_ jobIndex: Int, context: SchedulingContext) {
        guard isBuilt else { return }
        let job = context.jobs[jobIndex]
        let model = job.spec.model
        let previous = newest(model, context)
        arrivals[model].insert(Arrival(seconds: job.arrivalSeconds, serial: job.serial))
        if job.arrivalSeconds > previous {
            // The model's frames keyed as current are superseded now: their keys have fallen, and
            // are pushed again at once (the older entries stay, early or redundant).
            swap(&superseded, &keyedCurrent[model])
            for serial in superseded {
                guard let i = context.index(ofSerial: serial) else { continue }  // it left
                keys.insert(Entry(key: key(i, context).key, serial: serial))
            }
            superseded.removeAll(keepingCapacity: true)
        }
        keys.insert(Entry(key: key(jobIndex, context).key, serial: job.serial))
        if keys.count > 4 * context.jobs.count + 64 { isBuilt = false }  // mostly frames that left: rebuilt next time
    }

    /// The indices of the waiting frames hopeless at `context.now` with `tolerance`, ascending:
    /// exactly the frames the scan drops.
    mutating func hopeless(_ context: SchedulingContext, tolerance: Double) -> [Int] {
        if !isBuilt || tolerance < self.tolerance || tolerance.isNaN { rebuild(context, tolerance: tolerance) }
        self.tolerance = tolerance
        let now = context.now
        var dropped: [Int] = []
        // The near list and the popped keys are rechecked; `near` is refilled (storage reused).
        swap(&recheck, &near)
        near.removeAll(keepingCapacity: true)
        while let top = keys.min, top.key <= now {
            recheck.append(keys.removeMin().serial)
        }
        guard !recheck.isEmpty else { return dropped }
        recheck.sort()
        var last = -1
        for serial in recheck where serial != last {
            last = serial
            guard let i = context.index(ofSerial: serial) else { continue }  // it left
            let (key, superseded) = key(i, context)
            if key > now {
                keys.insert(Entry(key: key, serial: serial))
            } else if context.jobs[i].isReady && DreamScheduler.isHopeless(context.jobs[i], now: now, tolerance: tolerance, superseded: superseded) {
                dropped.append(i)
            } else {
                near.append(serial)
            }
        }
        recheck.removeAll(keepingCapacity: true)
        dropped.sort()
        return dropped
    }

    /// The arrival of the newest frame of `model` in the system (-infinity if none).
    private mutating func newest(_ model: Int, _ context: SchedulingContext) -> Double {
        while let top = arrivals[model].max {
            if context.index(ofSerial: top.serial) != nil { return top.seconds }
            arrivals[model].removeMax()
        }
        return -.infinity
    }

    /// Job `i`'s key: the clock from which it may be hopeless (a little early; see the type's
    /// summary), and whether a newer frame of its model is in the system. Records it in
    /// `keyedCurrent` when it is keyed as not superseded.
    private mutating func key(_ i: Int, _ context: SchedulingContext) -> (key: Double, superseded: Bool) {
        let job = context.jobs[i]
        let superseded = newest(job.spec.model, context) > job.arrivalSeconds
        if !superseded {
            keyedCurrent[job.spec.model].append(job.serial)
            if keyedCurrent[job.spec.model].count > 2 * context.jobs.count + 64 {  // bounded: keep one entry per frame still in the system
                var seen = Set<Int>()
                keyedCurrent[job.spec.model].removeAll { !seen.insert($0).inserted || context.index(ofSerial: $0) == nil }
            }
        }
        let period = job.deadlineSeconds - job.arrivalSeconds
        let remaining = job.remainingEstimateSeconds
        let tolerated = job.deadlineSeconds + tolerance * period
        var key = Double.infinity
        if !(tolerated - remaining).isNaN { key = tolerated - remaining }
        if superseded, job.deadlineSeconds - remaining < key { key = job.deadlineSeconds - remaining }
        guard key.isFinite else { return (key.isNaN ? .infinity : key, superseded) }
        return (key - 1e-12 * (abs(job.deadlineSeconds) + abs(tolerance * period) + abs(remaining)), superseded)
    }
}
