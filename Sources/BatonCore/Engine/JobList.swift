/// The jobs in the system, in admission order, indexed from 0 like an array.
///
/// Removing the job at position `i` of `n` moves the shorter side: the `i` jobs before it one
/// slot towards the back, or the `n - i - 1` jobs after it one slot towards the front. It costs
/// O(min(i, n - i)) instead of an array's O(n - i), so a policy that serves the oldest job first
/// (FCFS, or any policy whose ties fall to the lowest serial) removes in O(1) however many jobs
/// wait, which keeps a burst of requests arriving at one instant linear instead of quadratic.
/// Reading a job costs one addition more than an array.
public struct JobList: RandomAccessCollection, Sendable {
    /// `storage[head...]` are the jobs; the slots before `head` are spent (kept until compaction).
    @usableFromInline var storage: [JobState] = []
    /// Each slot's job serial, in step with `storage` (a binary search by serial reads 8 bytes per
    /// step here instead of a job's cache line).
    @usableFromInline var serials: [Int] = []
    @usableFromInline var head = 0
    /// Whether the sum of the remaining estimates is kept (from the first `trackedRemainingRange`,
    /// so that runs whose policy never reads it pay one branch per change).
    @usableFromInline var tracksRemaining = false
    /// The sum of the jobs' `remainingEstimateSeconds`, kept at every change while tracked, and a
    /// bound on its distance from the exact sum (`remainingEstimateRange`).
    @usableFromInline var remainingTotal = 0.0
    @usableFromInline var remainingError = 0.0
    /// Changes since the total was last recounted (a recount costs O(n): at most once per n changes).
    @usableFromInline var changesSinceRecount = 0

    @inlinable init() {}

    public typealias Indices = Range<Int>

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var indices: Range<Int> { 0..<count }
    @inlinable public var endIndex: Int { storage.count &- head }
    @inlinable public var count: Int { storage.count &- head }
    @inlinable public var isEmpty: Bool { storage.count == head }

    /// The job at position `position` (0 is the oldest in the system).
    @inlinable public subscript(position: Int) -> JobState {
        // One unsigned comparison checks both ends (as an array's subscript does); the storage is
        // then read without a second check.
        get {
            precondition(UInt(bitPattern: position) < UInt(bitPattern: storage.count &- head), "job index out of range")
            return storage.withUnsafeBufferPointer { $0[head &+ position] }
        }
        _modify {
            precondition(UInt(bitPattern: position) < UInt(bitPattern: storage.count &- head), "job index out of range")
            yield &storage[head &+ position]
        }
    }

    @inlinable public func index(after i: Int) -> Int { i &+ 1 }
    @inlinable public func index(before i: Int) -> Int { i &- 1 }

    /// Calls `body` with the position of each waiting job (in admission order) and the job, for
    /// writing its public scratch fields (not its remaining estimate: the kept total would not see
    /// it); one uniqueness check for the whole pass.
    @inlinable
    mutating func forEachWaiting(_ body: (_ position: Int, _ job: inout JobState) throws -> Void) rethrows {
        let head = self.head
        try storage.withUnsafeMutableBufferPointer { buffer in
            var k = head
            while k < buffer.count {
                if buffer[k].isReady { try body(k &- head, &buffer[k]) }
                k &+= 1
            }
        }
    }

    @usableFromInline mutating func reserveCapacity(_ capacity: Int) {
        storage.reserveCapacity(capacity)
        serials.reserveCapacity(capacity)
    }

    @usableFromInline mutating func append(_ job: JobState) {
        storage.append(job)
        serials.append(job.serial)
        if tracksRemaining {
            noteRemaining(added: job.remainingEstimateSeconds, removed: 0)
            settleRemaining()
        }
    }

    /// The position of the job with serial `serial`, or nil (the serials ascend: jobs are kept in
    /// admission order). A binary search over the serials (with branches: the searches a policy
    /// makes tend to go the same way, e.g. towards the oldest jobs, which the branch predictor
    /// learns; a branch-free search measured slower).
    @usableFromInline
    func position(ofSerial serial: Int) -> Int? {
        serials.withUnsafeBufferPointer { buffer in
            var low = head, high = buffer.count - 1
            while low <= high {
                let mid = (low + high) / 2
                let value = buffer[mid]
                if value == serial { return mid - head }
                if value < serial { low = mid + 1 } else { high = mid - 1 }
            }
            return nil
        }
    }

    /// Removes and returns the job at `position`, moving the shorter side (see the type's summary).
    @usableFromInline
    mutating func remove(at position: Int) -> JobState {
        let n = count
        precondition(position >= 0 && position < n, "job index \(position) out of range 0..<\(n)")
        if position >= n / 2 {
            if tracksRemaining { noteRemaining(added: 0, removed: storage[head + position].remainingEstimateSeconds) }
            serials.remove(at: head + position)
            let job = storage.remove(at: head + position)
            if tracksRemaining { settleRemaining() }
            return job
        }
        let job = storage[head + position]
        if tracksRemaining { noteRemaining(added: 0, removed: job.remainingEstimateSeconds) }
        defer { if tracksRemaining { settleRemaining() } }
        if position > 0 {
            let start = head
            storage.withUnsafeMutableBufferPointer { buffer in
                let first = buffer.baseAddress! + start
                (first + 1).update(from: first, count: position)  // overlapping: copies backwards
            }
            serials.withUnsafeMutableBufferPointer { buffer in
                let first = buffer.baseAddress! + start
                (first + 1).update(from: first, count: position)
            }
        }
        head += 1
        compactIfMostlySpent()
        return job
    }

    /// Removes the jobs at `positions` (ascending, distinct) and returns them in that order, in
    /// one pass over the shorter side: the runs of jobs between the removed ones before the last
    /// position move towards the back, or those after the first towards the front, each run in one
    /// move. O(min(last, n - first)) instead of one move per removal (a policy that drops many
    /// frames in one decision, DREAM under overload).
    @usableFromInline
    mutating func remove(atAscending positions: [Int]) -> [JobState] {
        guard positions.count > 1 else { return positions.map { remove(at: $0) } }
        let n = count
        let first = positions[0], last = positions[positions.count - 1]
        precondition(first >= 0 && last < n, "job index out of range 0..<\(n)")
        let removed = positions.map { self[$0] }
        if tracksRemaining { for job in removed { noteRemaining(added: 0, removed: job.remainingEstimateSeconds) } }
        defer { if tracksRemaining { settleRemaining() } }
        let front = last < n - first
        let start = head
        Self.closeGaps(&storage, start: start, end: storage.count, positions: positions, towardsBack: front, filler: removed)
        Self.closeGaps(&serials, start: start, end: serials.count, positions: positions, towardsBack: front,
                       filler: removed.map(\.serial))
        if front {
            head += positions.count
            compactIfMostlySpent()
        } else {
            storage.removeLast(positions.count)
            serials.removeLast(positions.count)
        }
        return removed
    }

    /// Closes the gaps `positions` (ascending, relative to `start`) leave in `array[start..<end]`:
    /// towards the back, the elements before the last gap move back and the first
    /// `positions.count` slots from `start` are left spent; else the elements after the first gap
    /// move to the front and the last `positions.count` slots are left spent. Each run between two
    /// gaps moves in one (overlapping) move; the spent slots hold `filler` (the removed values, in
    /// order) so that every slot stays initialised.
    @inline(__always)
    private static func closeGaps<Element>(_ array: inout [Element], start: Int, end: Int, positions: [Int],
                                           towardsBack: Bool, filler: [Element]) {
        let k = positions.count
        array.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress! + start
            for p in positions { base.advanced(by: p).deinitialize(count: 1) }
            if towardsBack {
                var shift = 0
                for j in stride(from: k - 1, through: 0, by: -1) {
                    shift += 1
                    let low = j == 0 ? 0 : positions[j - 1] + 1
                    let length = positions[j] - low
                    if length > 0 { (base + low + shift).moveInitialize(from: base + low, count: length) }
                }
                for i in 0..<k { (base + i).initialize(to: filler[i]) }
            } else {
                let total = end - start
                var shift = 0
                for j in 0..<k {
                    shift += 1
                    let low = positions[j] + 1
                    let length = (j + 1 < k ? positions[j + 1] : total) - low
                    if length > 0 { (base + low - shift).moveInitialize(from: base + low, count: length) }
                }
                for i in 0..<k { (base + total - k + i).initialize(to: filler[i]) }
            }
        }
    }

    /// Drops the spent slots once they are the majority: amortised O(1) per removal.
    private mutating func compactIfMostlySpent() {
        if head >= 32, head * 2 >= storage.count {
            storage.removeSubrange(0..<head)
            serials.removeSubrange(0..<head)
            head = 0
        }
    }
}
