@testable import BatonPolicies
import Testing

/// The kinetic tournament under the decision indexes: the lowest line as the clock moves,
/// insertion, removal, growth past the first 64 slots, a clock moving backwards, pruned search.
@Suite("Kinetic tournament")
struct KineticTournamentTests {
    typealias Line = KineticTournament.Line

    /// A = 5 (flat), B = 10 - t, C = t: the lowest is C until t = 5 (all three equal 5), then B.
    static func threeLines() -> (KineticTournament, [Int]) {
        var tournament = KineticTournament()
        tournament.reset(at: 0)
        let a = tournament.insert(Line(base: 5, slope: 0, anchor: 0), payload: 100)
        let b = tournament.insert(Line(base: 10, slope: -1, anchor: 0), payload: 101)
        let c = tournament.insert(Line(base: 0, slope: 1, anchor: 0), payload: 102)
        return (tournament, [a, b, c])
    }

    @Test func lowestLineFollowsTheClock() {
        var (tournament, _) = Self.threeLines()
        #expect(tournament.minimum == 0)       // C at t = 0
        tournament.advance(to: 3)
        #expect(tournament.minimum == 3)       // C = 3 < A = 5 < B = 7
        tournament.advance(to: 5)
        #expect(tournament.minimum == 5)       // all equal
        tournament.advance(to: 6)
        #expect(tournament.minimum == 4)       // B = 4 < A = 5 < C = 6
        tournament.advance(to: 8)
        #expect(tournament.minimum == 2)       // B = 2
        tournament.advance(to: 1)              // backwards: every node recomputed
        #expect(tournament.minimum == 1)       // C = 1
    }

    @Test func removeReplaceAndAnchors() {
        var (tournament, slots) = Self.threeLines()
        tournament.advance(to: 8)
        tournament.remove(slots[1])            // without B: A = 5 < C = 8
        #expect(tournament.minimum == 5)
        #expect(tournament.count == 2)
        // C re-anchored at its last run t = 8: value 0.5 + 2 (t - 8); at t = 8 it is 0.5.
        tournament.replace(slots[2], with: Line(base: 0.5, slope: 2, anchor: 8))
        #expect(tournament.minimum == 0.5)
        tournament.advance(to: 10)             // C = 4.5 < A = 5
        #expect(tournament.minimum == 4.5)
        tournament.advance(to: 11)             // C = 6.5 > A = 5
        #expect(tournament.minimum == 5)
    }

    @Test func searchVisitsOnlyWhatThePruneAllows() {
        var (tournament, _) = Self.threeLines()
        tournament.advance(to: 6)              // A = 5, B = 4, C = 6
        var visited: [(slot: Int, payload: Int)] = []
        tournament.search(prune: { value, _, _ in value > 5 }) { slot, payload, _, _ in visited.append((slot, payload)) }
        #expect(visited.map(\.payload).sorted() == [100, 101])
        for (slot, payload) in visited { #expect(tournament.payload(ofSlot: slot) == payload) }
        var all: [Double] = []
        tournament.search(prune: { _, _, _ in false }) { _, _, value, _ in all.append(value) }
        #expect(all.sorted() == [4, 5, 6])
    }

    /// Auxiliary maxima, by hand: the root's maximum of each value over the occupied slots,
    /// rounded up to a multiple of 1/255 (0.5 is kept as 128/255, 1 as 1), and lowered when the
    /// slot holding it leaves; kept through a growth past the first 64 slots and a rebuild.
    @Test func auxiliaryMaximaFollowTheSlots() {
        var tournament = KineticTournament()
        tournament.keepAuxiliary(width: 2)
        tournament.reset(at: 0)
        let values: [[Double]] = [[0.5, 0.2], [1, 0.1], [0.25, 0.75]]
        var slots: [Int] = []
        for (k, pair) in values.enumerated() {
            let slot = tournament.insert(Line(base: Double(k), slope: 0, anchor: 0), payload: k)
            tournament.setAuxiliary(slot) { pair[$0] }
            slots.append(slot)
        }
        func rootMaximum(_ k: Int) -> Double {
            let maxima = tournament.auxiliaryMaxima
            var seen = -1.0
            // The first node the search asks about is the root.
            tournament.search(pruneAt: { _, _, _, node in
                if seen < 0 { seen = KineticTournament.auxiliaryMaximum(maxima, width: 2, node: node, k) }
                return true
            }) { _, _, _, _ in }
            return seen
        }
        #expect(rootMaximum(0) == 1 && rootMaximum(1) == 192.0 / 255)   // 0.75 * 255 = 191.25, kept as 192
        tournament.remove(slots[1])                                      // the slot holding 1 leaves
        #expect(rootMaximum(0) == 128.0 / 255)                           // 0.5 * 255 = 127.5, kept as 128
        for k in 3..<100 {                                               // past 64 slots: the tree grows
            let slot = tournament.insert(Line(base: Double(k), slope: 0, anchor: 0), payload: k)
            tournament.setAuxiliary(slot) { _ in 0.01 }
        }
        #expect(rootMaximum(0) == 128.0 / 255 && rootMaximum(1) == 192.0 / 255)
        tournament.build(at: 0, count: 2, line: { Line(base: Double($0), slope: 0, anchor: 0) }, payload: { $0 })
        tournament.buildAuxiliary(count: 2) { slot, k in slot == 0 ? 0.0 : (k == 0 ? 0.3 : 1) }
        #expect(rootMaximum(0) == 77.0 / 255 && rootMaximum(1) == 1)    // 0.3 * 255 = 76.5, kept as 77
    }

    @Test func growsPastItsFirstSlots() {
        var tournament = KineticTournament()
        tournament.reset(at: 0)
        // Keys 200, 199, ..., 1 (static): the lowest is 1; after removing it and 2, it is 3.
        var slotOfKey: [Int: Int] = [:]
        for key in stride(from: 200, through: 1, by: -1) {
            slotOfKey[key] = tournament.insert(Line(base: Double(key), slope: 0, anchor: 0), payload: key)
        }
        #expect(tournament.capacity >= 200)
        #expect(tournament.minimum == 1)
        tournament.remove(slotOfKey[1]!)
        tournament.remove(slotOfKey[2]!)
        #expect(tournament.minimum == 3)
        #expect(tournament.count == 198)
    }
}
