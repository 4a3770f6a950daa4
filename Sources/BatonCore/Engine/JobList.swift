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
    /// writing its public scratch fields; one uniqueness check for the whole pass.
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
            serials.remove(at: head + position)
            return storage.remove(at: head + position)
        }
        let job = storage[head + position]
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
    /// one pass over the shorter side: the jobs before the last position move towards the back,
    /// or those after the first towards the front. O(min(last, n - first)) instead of one move per
    /// removal (a policy that drops many frames in one decision, DREAM under overload).
    @usableFromInline
    mutating func remove(atAscending positions: [Int]) -> [JobState] {
        guard positions.count > 1 else { return positions.map { remove(at: $0) } }
        let n = count
        let first = positions[0], last = positions[positions.count - 1]
        precondition(first >= 0 && last < n, "job index out of range 0..<\(n)")
        let removed = positions.map { self[$0] }
        let start = head
        if last < n - first {
            // Front side: keep the jobs before `last` in order, packed against it; the removed
            // ones end up in the first slots, which become spent.
            storage.withUnsafeMutableBufferPointer { buffer in
                serials.withUnsafeMutableBufferPointer { serialBuffer in
                    var write = start + last
                    var next = positions.count - 1
                    var read = start + last
                    while read >= start {
                        if next >= 0 && read - start == positions[next] {
                            next -= 1
                        } else {
                            buffer.swapAt(write, read)
                            serialBuffer.swapAt(write, read)
                            write -= 1
                        }
                        read -= 1
                    }
                }
            }
            head += positions.count
            compactIfMostlySpent()
        } else {
            // Back side: the jobs after `first` move towards the front; the removed ones end up last.
            storage.withUnsafeMutableBufferPointer { buffer in
                serials.withUnsafeMutableBufferPointer { serialBuffer in
                    var write = start + first
                    var next = 0
                    for read in (start + first)..<buffer.count {
                        if next < positions.count && read - start == positions[next] {
                            next += 1
                        } else {
                            buffer.swapAt(write, read)
                            serialBuffer.swapAt(write, read)
                            write += 1
                        }
                    }
                }
            }
            storage.removeLast(positions.count)
            serials.removeLast(positions.count)
        }
        return removed
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
