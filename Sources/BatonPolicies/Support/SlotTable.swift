/// The slots of distinct keys, found by a hash the caller computes: open addressing with linear
/// probing and backward-shift deletion (no tombstones), at most half full.
///
/// `TieGroups` finds a group by its figures a few times per decision; a `Dictionary` would hash
/// each key through `Hasher` (SipHash, seeded and finalised per look-up), which cost about a
/// third of a decision. Here a key's hash is one folded word (`JobFigures.foldedHash`), spread by
/// a Fibonacci multiplication. Each bucket holds its entry's hash next to its slot, so that a
/// probe, and the moves of a removal, compare hashes without reading the caller's arrays (at
/// thousands of groups those reads are cache misses); the caller says which slot of an equal hash
/// matches.
struct SlotTable {
    /// One bucket: a slot plus one (0: empty) and its hash.
    struct Bucket {
        var slotPlusOne: Int
        var hash: UInt64
    }

    private var buckets = [Bucket](repeating: Bucket(slotPlusOne: 0, hash: 0), count: 16)
    /// 64 minus log2 of the bucket count: a hash's home bucket is its spread's top bits.
    private var shift: UInt64 = 60
    /// Number of slots in the table.
    private(set) var count = 0

    @inline(__always)
    private func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot with hash `hash` for which `matches` holds, if any (`matches` is asked only about
    /// slots of an equal hash).
    @inline(__always)
    func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        let mask = buckets.count - 1
        var bucket = home(hash)
        while true {
            let entry = buckets[bucket]
            if entry.slotPlusOne == 0 { return nil }
            if entry.hash == hash, matches(entry.slotPlusOne - 1) { return entry.slotPlusOne - 1 }
            bucket = (bucket + 1) & mask
        }
    }

    /// Adds `slot` (not in the table) with hash `hash`.
    mutating func insert(slot: Int, hash: UInt64) {
        if (count + 1) * 2 > buckets.count { grow() }
        place(Bucket(slotPlusOne: slot + 1, hash: hash))
        count += 1
    }

    /// Removes `slot`, whose hash is `hash` (it must be in the table); later entries of its probe
    /// run move back so that every entry stays reachable from its home bucket.
    mutating func remove(slot: Int, hash: UInt64) {
        let mask = buckets.count - 1
        var hole = home(hash)
        while buckets[hole].slotPlusOne != slot + 1 {
            precondition(buckets[hole].slotPlusOne != 0, "slot \(slot) is not in the table")
            hole = (hole + 1) & mask
        }
        var next = (hole + 1) & mask
        while buckets[next].slotPlusOne != 0 {
            let want = home(buckets[next].hash)
            // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
            let homeAfterHole = (want &- hole &- 1) & mask
            let nextAfterHole = (next &- hole &- 1) & mask
            if homeAfterHole > nextAfterHole {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        buckets[hole].slotPlusOne = 0
        count -= 1
    }

    /// Empties the table (keeping its size).
    mutating func removeAll() {
        for b in buckets.indices { buckets[b].slotPlusOne = 0 }
        count = 0
    }

    private mutating func place(_ entry: Bucket) {
        let mask = buckets.count - 1
        var bucket = home(entry.hash)
        while buckets[bucket].slotPlusOne != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = entry
    }

    private mutating func grow() {
        let old = buckets
        buckets = [Bucket](repeating: Bucket(slotPlusOne: 0, hash: 0), count: old.count * 2)
        shift -= 1
        for entry in old where entry.slotPlusOne != 0 { place(entry) }
    }
}
