/// The slots of distinct keys, found by a hash the caller computes: open addressing with linear
/// probing and backward-shift deletion (no tombstones), at most half full.
///
/// `TieGroups` finds a group by its figures a few times per decision; a `Dictionary` would hash
/// each key through `Hasher` (SipHash, seeded and finalised per look-up), which cost about a
/// third of a decision. Here a key's hash is one folded word (`JobFigures.foldedHash`), spread by
/// a Fibonacci multiplication; the caller keeps each slot's hash and key and says which slot
/// matches.
struct SlotTable {
    /// Per bucket, a slot plus one (0: empty).
    private var buckets = [Int](repeating: 0, count: 16)
    /// 64 minus log2 of the bucket count: a hash's home bucket is its spread's top bits.
    private var shift: UInt64 = 60
    /// Number of slots in the table.
    private(set) var count = 0

    @inline(__always)
    private func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot with hash `hash` for which `matches` holds, if any.
    @inline(__always)
    func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        let mask = buckets.count - 1
        var bucket = home(hash)
        while true {
            let entry = buckets[bucket]
            if entry == 0 { return nil }
            if matches(entry - 1) { return entry - 1 }
            bucket = (bucket + 1) & mask
        }
    }

    /// Adds `slot` (not in the table) with hash `hash`; `hashOf` gives the hash of any slot in the
    /// table (to place them again when the table grows).
    mutating func insert(slot: Int, hash: UInt64, hashOf: (Int) -> UInt64) {
        if (count + 1) * 2 > buckets.count { grow(hashOf: hashOf) }
        place(slot, hash: hash)
        count += 1
    }

    /// Removes `slot`, whose hash is `hash` (it must be in the table); later entries of its probe
    /// run move back so that every entry stays reachable from its home bucket.
    mutating func remove(slot: Int, hash: UInt64, hashOf: (Int) -> UInt64) {
        let mask = buckets.count - 1
        var hole = home(hash)
        while buckets[hole] != slot + 1 {
            precondition(buckets[hole] != 0, "slot \(slot) is not in the table")
            hole = (hole + 1) & mask
        }
        var next = (hole + 1) & mask
        while buckets[next] != 0 {
            let want = home(hashOf(buckets[next] - 1))
            // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
            let homeAfterHole = (want &- hole &- 1) & mask
            let nextAfterHole = (next &- hole &- 1) & mask
            if homeAfterHole > nextAfterHole {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        buckets[hole] = 0
        count -= 1
    }

    /// Empties the table (keeping its size).
    mutating func removeAll() {
        for b in buckets.indices { buckets[b] = 0 }
        count = 0
    }

    private mutating func place(_ slot: Int, hash: UInt64) {
        let mask = buckets.count - 1
        var bucket = home(hash)
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = slot + 1
    }

    private mutating func grow(hashOf: (Int) -> UInt64) {
        let old = buckets
        buckets = [Int](repeating: 0, count: old.count * 2)
        shift -= 1
        for entry in old where entry != 0 { place(entry - 1, hash: hashOf(entry - 1)) }
    }
}
