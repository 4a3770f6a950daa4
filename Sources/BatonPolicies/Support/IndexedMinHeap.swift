/// A binary min-heap of `Double` keys, one per member, where each member is a small integer
/// (a slot, `0..<capacity`) that can be found, rekeyed and removed in O(log n).
///
/// Swift Collections' `Heap` holds values and cannot find one, so a structure whose keys change
/// (a frame's drop time falls when a newer frame arrives) pushes duplicates and skips stale ones
/// when they surface. Here each member has one entry and its position is kept, so the heap holds
/// exactly the members (no stale entries) and a changed key moves its entry in place.
///
/// Ties of equal keys fall to the lower member, so the order is a total one and every run is
/// deterministic. Keys must not be NaN.
struct IndexedMinHeap {
    /// One entry: the key and its member, side by side (16 bytes).
    private struct Entry {
        var key: Double
        var member: Int

        @inline(__always)
        func precedes(_ other: Entry) -> Bool { key < other.key || (key == other.key && member < other.member) }
    }

    private var entries: [Entry] = []
    /// Each member's position in `entries`, -1 when it is not in the heap.
    private var positions: [Int] = []

    /// The number of members in the heap.
    var count: Int { entries.count }

    /// The least key and its member, or nil when empty.
    var min: (member: Int, key: Double)? { entries.first.map { ($0.member, $0.key) } }

    /// Whether `member` is in the heap.
    func contains(_ member: Int) -> Bool { member < positions.count && positions[member] >= 0 }

    /// The key of `member`, which must be in the heap.
    func key(of member: Int) -> Double { entries[positions[member]].key }

    /// Empties the heap, keeping its storage.
    mutating func removeAll() {
        for entry in entries { positions[entry.member] = -1 }
        entries.removeAll(keepingCapacity: true)
    }

    /// Replaces the contents with `members` and their keys, in O(n).
    mutating func rebuild<S: Sequence>(_ members: S) where S.Element == (member: Int, key: Double) {
        removeAll()
        for (member, key) in members {
            growPositions(to: member)
            precondition(positions[member] < 0, "IndexedMinHeap: member \(member) given twice")
            positions[member] = entries.count
            entries.append(Entry(key: key, member: member))
        }
        var i = entries.count / 2
        while i > 0 {
            i -= 1
            siftDown(i)
        }
    }

    /// Adds `member` (not in the heap) with `key`.
    mutating func insert(_ member: Int, key: Double) {
        growPositions(to: member)
        precondition(positions[member] < 0, "IndexedMinHeap: member \(member) is already in the heap")
        entries.append(Entry(key: key, member: member))
        positions[member] = entries.count - 1
        siftUp(entries.count - 1)
    }

    /// Gives `member` (in the heap) the key `key`, moving it up or down.
    mutating func update(_ member: Int, key: Double) {
        let i = positions[member]
        let old = entries[i]
        entries[i].key = key
        if entries[i].precedes(old) { siftUp(i) } else { siftDown(i) }
    }

    /// Removes `member` if it is in the heap; returns whether it was.
    @discardableResult
    mutating func remove(_ member: Int) -> Bool {
        guard contains(member) else { return false }
        let i = positions[member]
        positions[member] = -1
        let last = entries.removeLast()
        guard i < entries.count else { return true }
        entries[i] = last
        positions[last.member] = i
        if i > 0 && last.precedes(entries[(i - 1) / 2]) { siftUp(i) } else { siftDown(i) }
        return true
    }

    /// Removes the member with the least key (the heap must not be empty). The hole at the root
    /// moves down along the lesser children to the bottom, and the last entry fills it and moves
    /// up (Floyd's order): one comparison per level on the way down instead of two, and the last
    /// entry, a large key, rarely moves up far. The members leave in the same order as by
    /// `remove`: the order of keys (then members) is total.
    mutating func removeMin() {
        precondition(!entries.isEmpty, "IndexedMinHeap: removeMin on an empty heap")
        positions[entries[0].member] = -1
        let last = entries.removeLast()
        guard !entries.isEmpty else { return }
        let hole = entries.withUnsafeMutableBufferPointer { entries in
            positions.withUnsafeMutableBufferPointer { positions in
                let n = entries.count
                var i = 0
                while true {
                    var child = 2 &* i &+ 1
                    guard child < n else { break }
                    if child &+ 1 < n && entries[child &+ 1].precedes(entries[child]) { child &+= 1 }
                    entries[i] = entries[child]
                    positions[entries[i].member] = i
                    i = child
                }
                return i
            }
        }
        entries[hole] = last
        positions[last.member] = hole
        siftUp(hole)
    }

    private mutating func growPositions(to member: Int) {
        precondition(member >= 0, "IndexedMinHeap: negative member")
        if member >= positions.count {
            positions.append(contentsOf: repeatElement(-1, count: Swift.max(member + 1 - positions.count, positions.count)))
        }
    }

    /// Moves the entry at `i` up until its parent precedes it (a hole moves, one write per level).
    private mutating func siftUp(_ start: Int) {
        entries.withUnsafeMutableBufferPointer { entries in
            positions.withUnsafeMutableBufferPointer { positions in
                let moving = entries[start]
                var i = start
                while i > 0 {
                    let parent = (i - 1) / 2
                    guard moving.precedes(entries[parent]) else { break }
                    entries[i] = entries[parent]
                    positions[entries[i].member] = i
                    i = parent
                }
                entries[i] = moving
                positions[moving.member] = i
            }
        }
    }

    /// Moves the entry at `i` down until it precedes both children (a hole moves, one write per
    /// level). Through the buffers: no bounds or uniqueness check per level (the indices stay
    /// below the count by construction), which halves the cost of a drop's removal.
    private mutating func siftDown(_ start: Int) {
        entries.withUnsafeMutableBufferPointer { entries in
            positions.withUnsafeMutableBufferPointer { positions in
                let moving = entries[start]
                let n = entries.count
                var i = start
                while true {
                    var child = 2 &* i &+ 1
                    guard child < n else { break }
                    if child &+ 1 < n && entries[child &+ 1].precedes(entries[child]) { child &+= 1 }
                    guard entries[child].precedes(moving) else { break }
                    entries[i] = entries[child]
                    positions[entries[i].member] = i
                    i = child
                }
                entries[i] = moving
                positions[moving.member] = i
            }
        }
    }
}
