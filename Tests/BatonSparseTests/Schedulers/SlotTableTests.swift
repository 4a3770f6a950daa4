import BatonCore
@testable import BatonPolicies
import PropertyBased
import Testing

/// The open-addressing table behind `TieGroups` finds, adds and removes slots as a dictionary does,
/// including when many hashes collide (long probe runs that wrap around the table, removals that
/// move later entries back) and across growth.
@Suite("Slot table")
struct SlotTableTests {
    /// A hand-checked case: three slots with one hash share a probe run; removing the first moves
    /// the other two back, and both stay reachable.
    @Test func removalKeepsTheRunReachable() {
        var table = SlotTable()
        let hashes: [UInt64] = [7, 7, 7, 9]
        for slot in 0..<4 { table.insert(slot: slot, hash: hashes[slot]) }
        #expect(table.count == 4)
        table.remove(slot: 0, hash: 7)
        #expect(table.find(hash: 7) { $0 == 0 } == nil)
        #expect(table.find(hash: 7) { $0 == 1 } == 1)
        #expect(table.find(hash: 7) { $0 == 2 } == 2)
        #expect(table.find(hash: 9) { $0 == 3 } == 3)
        #expect(table.count == 3)
    }

    @Test func matchesADictionary() async {
        await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...64)) { seed, distinctHashes in
            var random = SeededRandom(seed: seed, stream: "slot-table")
            var table = SlotTable()
            // Slot -> hash; few distinct hashes make long collision runs.
            var hashOfSlot: [Int: UInt64] = [:]
            var nextSlot = 0
            for _ in 0..<600 {
                if hashOfSlot.isEmpty || random.nextInt(below: 3) > 0 {
                    let hash = UInt64(random.nextInt(below: distinctHashes)) &* 0x1234_5678_9ABC_DEF1
                    let slot = nextSlot
                    nextSlot += 1
                    hashOfSlot[slot] = hash
                    table.insert(slot: slot, hash: hash)
                } else {
                    let slot = hashOfSlot.keys.sorted()[random.nextInt(below: hashOfSlot.count)]
                    let hash = hashOfSlot[slot]!
                    table.remove(slot: slot, hash: hash)
                    hashOfSlot[slot] = nil
                    #expect(table.find(hash: hash) { $0 == slot } == nil)
                }
                #expect(table.count == hashOfSlot.count)
            }
            for (slot, hash) in hashOfSlot {
                #expect(table.find(hash: hash) { $0 == slot } == slot, "slot \(slot) is reachable")
            }
            for slot in nextSlot..<(nextSlot + 10) {
                #expect(table.find(hash: UInt64(slot)) { $0 == slot } == nil)
            }
        }
    }
}
