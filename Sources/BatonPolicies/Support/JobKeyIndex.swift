import BatonCore
import HeapModule

/// Waiting jobs ordered by a key that changes only when the job itself runs (FCFS: arrival; SJF:
/// estimated remaining latency, times gamma in `sjf-sparse`), kept in a heap so that a decision
/// costs O(log n) instead of a scan of every job.
///
/// One entry per waiting job, ordered by (key, admission serial), which is exactly the linear
/// scan's "smallest key, ties to the earlier admission". The selected job's entry is removed and
/// pushed back with its new key at the next decision; an entry whose key no longer matches its job
/// (a job that ran while decisions were batched) is refreshed when it reaches the top. For one
/// accelerator only, where every job in the system is waiting at a decision.
///
/// Keys only decrease (a job's remaining estimate shrinks as it runs), so every entry must be
/// current or belong to the job selected last; the only job that runs without a decision is a job
/// alone in the system (batched), and the heap is rebuilt when the next job arrives.
struct JobKeyIndex {
    struct Entry: Comparable {
        var key: Double
        var serial: Int
        static func < (a: Entry, b: Entry) -> Bool { a.key < b.key || (a.key == b.key && a.serial < b.serial) }
    }

    private var heap = Heap<Entry>()
    /// Serial of the job selected last (its entry is pushed back at the next decision).
    private var selected = -1

    /// Adds the job just admitted at `jobIndex`. When the system holds at most one other job, the
    /// heap is rebuilt from the jobs themselves: that job may have run several layers as a lone,
    /// batched job (see `Scheduler.decisionsAreSideEffectFree`) without a decision, so its entry's
    /// key may be stale, and keys only decrease, so a stale entry would hide below the top.
    mutating func admit(_ jobIndex: Int, context: SchedulingContext, key: (JobState) -> Double) {
        if context.jobs.count <= 2 {
            // A job running now (arrivals are admitted at their own time) is treated as the one
            // selected last: its key is read when its layer has finished, at the next decision.
            heap = Heap(context.jobs.filter(\.isReady).map { Entry(key: key($0), serial: $0.serial) })
            selected = context.jobs.first { !$0.isReady }?.serial ?? -1
        } else {
            heap.insert(Entry(key: key(context.jobs[jobIndex]), serial: context.jobs[jobIndex].serial))
        }
    }

    /// The index in `context.jobs` of the waiting job with the smallest (key, serial), or nil.
    mutating func best(_ context: SchedulingContext, key: (JobState) -> Double) -> Int? {
        if selected >= 0 {
            if let i = context.index(ofSerial: selected) { heap.insert(Entry(key: key(context.jobs[i]), serial: selected)) }
            selected = -1
        }
        while let top = heap.min {
            guard let i = context.index(ofSerial: top.serial) else {
                _ = heap.removeMin()  // the job left the system
                continue
            }
            let current = key(context.jobs[i])
            _ = heap.removeMin()
            if current != top.key {
                heap.insert(Entry(key: current, serial: top.serial))  // it ran since: refresh
                continue
            }
            selected = top.serial
            return i
        }
        return nil
    }
}
