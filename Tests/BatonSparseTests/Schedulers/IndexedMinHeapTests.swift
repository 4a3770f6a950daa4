import BatonCore
@testable import BatonPolicies
import PropertyBased
import Testing

/// The indexed min-heap under DREAM's drop index: the least key and its member, ties to the lower
/// member, rekeying both ways, removal from the middle, and a random sequence against a sorted list.
@Suite("Indexed min-heap")
struct IndexedMinHeapTests {
    @Test func leastKeyTiesAndRekeying() throws {
        var heap = IndexedMinHeap()
        heap.insert(7, key: 3)
        heap.insert(2, key: 5)
        heap.insert(4, key: 3)             // ties with member 7: the lower member comes first
        #expect(heap.count == 3)
        #expect(heap.min?.member == 4 && heap.min?.key == 3)
        heap.update(4, key: 9)              // down: 7 (3) is least now
        #expect(heap.min?.member == 7)
        heap.update(2, key: 1)              // up past 7
        #expect(heap.min?.member == 2 && heap.min?.key == 1)
        #expect(heap.key(of: 4) == 9)
        let removed = heap.remove(7)        // from the middle
        let removedTwice = heap.remove(7)   // twice: nothing
        #expect(removed && !removedTwice)
        #expect(!heap.contains(7) && heap.contains(4))
        #expect(heap.count == 2)
        #expect(heap.min?.member == 2)
        heap.remove(2)
        #expect(heap.min?.member == 4 && heap.min?.key == 9)
        heap.removeAll()
        #expect(heap.min == nil && !heap.contains(4))
        heap.insert(4, key: 0)              // a member can come back after leaving
        #expect(heap.min?.member == 4)
    }

    /// `removeMin` by hand: the hole goes down to a leaf and the last entry moves up into place.
    @Test func removeMinKeepsTheOrder() {
        var heap = IndexedMinHeap()
        for (member, key) in [(0, 5.0), (1, 1), (2, 4), (3, 2), (4, 2), (5, 9), (6, 3)] { heap.insert(member, key: key) }
        var order: [Int] = []
        while let top = heap.min {
            order.append(top.member)
            heap.removeMin()
            #expect(!heap.contains(top.member))
        }
        #expect(order == [1, 3, 4, 6, 2, 0, 5])   // keys 1, 2, 2 (lower member first), 3, 4, 5, 9
        heap.insert(3, key: 7)
        heap.removeMin()                           // the only member
        #expect(heap.count == 0 && heap.min == nil)
    }

    @Test func rebuildOrdersEverything() {
        var heap = IndexedMinHeap()
        heap.insert(0, key: 100)
        heap.rebuild([(member: 3, key: 2.5), (member: 1, key: 0.5), (member: 0, key: 1), (member: 2, key: 0.5)])
        var order: [Int] = []
        while let top = heap.min {
            order.append(top.member)
            heap.remove(top.member)
        }
        #expect(order == [1, 2, 0, 3])
    }

    /// A rebuild from hundreds of members (several levels) pops them in
    /// (key, member) order.
    @Test func rebuildThenPopMatchesSorting() async {
        await propertyCheck(count: 50, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed, stream: "indexed-heap-rebuild")
            let count = random.nextInt(below: 400)
            let members = (0..<count).map { (member: $0, key: Double(random.nextInt(below: 50))) }
            var heap = IndexedMinHeap()
            heap.rebuild(members.shuffled(using: &random))
            var popped: [Int] = []
            while let top = heap.min {
                popped.append(top.member)
                heap.remove(top.member)
            }
            #expect(popped == members.sorted { ($0.key, $0.member) < ($1.key, $1.member) }.map(\.member))
        }
    }

    /// Inserting, rekeying and removing members at random leaves the heap's least (key, member)
    /// equal to a plain list's.
    @Test func matchesASortedList() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed, stream: "indexed-heap")
            var heap = IndexedMinHeap()
            var reference: [Int: Double] = [:]
            for _ in 0..<300 {
                let member = random.nextInt(below: 40)
                let key = Double(random.nextInt(below: 20))  // few distinct keys: many ties
                switch (reference[member] != nil, random.nextInt(below: 3)) {
                case (false, _):
                    heap.insert(member, key: key)
                    reference[member] = key
                case (true, 0):
                    let removed = heap.remove(member)
                    #expect(removed)
                    reference[member] = nil
                case (true, 1) where random.nextInt(below: 2) == 0:
                    // The least member leaves through `removeMin` (another order of moves).
                    let least = reference.min { ($0.value, $0.key) < ($1.value, $1.key) }!
                    heap.removeMin()
                    #expect(!heap.contains(least.key))
                    reference[least.key] = nil
                default:
                    heap.update(member, key: key)
                    reference[member] = key
                }
                let least = reference.min { ($0.value, $0.key) < ($1.value, $1.key) }
                #expect(heap.count == reference.count)
                #expect(heap.min?.member == least?.key && heap.min?.key == least?.value)
            }
        }
    }
}
