import PropertyBased
import Testing
@testable import BatonCore

/// `JobList` behaves as an array of jobs under appends and removals at any position, whichever
/// side it moves and across compactions.
@Suite("Job list")
struct JobListTests {
    static let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1])])

    /// Every job is found by its serial at its position, and a serial not in the list is not.
    static func findsEverySerial(_ list: JobList, _ reference: [Int]) -> Bool {
        reference.indices.allSatisfy { list.position(ofSerial: reference[$0]) == $0 }
            && list.position(ofSerial: -1) == nil && list.position(ofSerial: (reference.last ?? 0) + 1) == nil
            && (reference.count < 2 || reference[0] + 1 == reference[1] || list.position(ofSerial: reference[0] + 1) == nil)
    }

    static func job(_ serial: Int) -> JobState {
        JobState(serial: serial, spec: JobSpec(requestID: serial, model: 0, arrivalSeconds: Double(serial),
                                               deadlineSeconds: 1e9, trueCosts: 0),
                 estimateTable: 0, catalog: catalog)
    }

    /// Five jobs 0...4: removing position 1 moves job 0 back (front side), removing position 3
    /// of the four left moves nothing after it; the order stays 0, 2, 3.
    @Test func removalKeepsAdmissionOrder() {
        var list = JobList()
        for s in 0..<5 { list.append(Self.job(s)) }
        #expect(list.remove(at: 1).serial == 1)
        #expect(list.map(\.serial) == [0, 2, 3, 4])
        #expect(list.remove(at: 3).serial == 4)
        #expect(list.map(\.serial) == [0, 2, 3])
        #expect(list.indices == 0..<3)
        #expect(list[0].serial == 0 && list[2].serial == 3)
    }

    /// Removing the oldest job 1,000 times from a list that keeps 500 jobs compacts along the way
    /// and keeps every job in order.
    @Test func frontRemovalsCompact() {
        var list = JobList()
        var next = 0
        for _ in 0..<500 { list.append(Self.job(next)); next += 1 }
        for k in 0..<1000 {
            #expect(list.remove(at: 0).serial == k)
            list.append(Self.job(next)); next += 1
        }
        #expect(list.map(\.serial) == Array(1000..<1500))
        #expect(list.storage.count <= 1000, "spent slots are reclaimed")
    }

    @Test func matchesAnArray() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed, stream: "job-list")
            var list = JobList()
            var reference: [Int] = []
            var next = 0
            for _ in 0..<400 {
                if reference.isEmpty || random.nextInt(below: 3) > 0 {
                    list.append(Self.job(next)); reference.append(next); next += 1
                } else {
                    let position = random.nextInt(below: 4) == 0 ? 0 : random.nextInt(below: reference.count)
                    #expect(list.remove(at: position).serial == reference.remove(at: position))
                }
                #expect(list.count == reference.count)
                let found = Self.findsEverySerial(list, reference)  // a boolean: the list is long to print
                #expect(found, "a serial is not found at its position")
            }
            #expect(list.map(\.serial) == reference)
            // Every serial between the oldest and the newest that left is not found.
            if let first = reference.first, let last = reference.last {
                let present = Set(reference)
                let absentFound = (first...last).filter { !present.contains($0) && list.position(ofSerial: $0) != nil }
                #expect(absentFound.isEmpty, "serials that left are found: \(absentFound.prefix(5))")
            }
            list[0].schedulerValue = 7
            #expect(list[0].schedulerValue == 7 && list[0].serial == reference[0])
        }
    }

    /// Removing several positions at once (a decision's drops) equals removing them one by one,
    /// whichever side the list moves, and across compactions.
    @Test func batchRemovalMatchesAnArray() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed, stream: "job-list-batch")
            var list = JobList()
            var reference: [Int] = []
            var next = 0
            for _ in 0..<300 {
                if reference.count < 2 || random.nextInt(below: 2) == 0 {
                    for _ in 0..<(1 + random.nextInt(below: 6)) { list.append(Self.job(next)); reference.append(next); next += 1 }
                } else {
                    // 1 to 8 distinct positions, clustered at the front, the back or anywhere.
                    var picked = Set<Int>()
                    let region = random.nextInt(below: 3)
                    let span = region == 2 ? reference.count : max(1, reference.count / 4)
                    let wanted = 1 + random.nextInt(below: min(8, span))  // at most `span` distinct positions
                    while picked.count < wanted {
                        let position = switch region {
                        case 0: random.nextInt(below: span)
                        case 1: reference.count - 1 - random.nextInt(below: span)
                        default: random.nextInt(below: reference.count)
                        }
                        picked.insert(position)
                    }
                    let positions = picked.sorted()
                    let expected = positions.map { reference[$0] }
                    for position in positions.reversed() { reference.remove(at: position) }
                    #expect(list.remove(atAscending: positions).map(\.serial) == expected)
                }
                #expect(list.count == reference.count)
                let found = Self.findsEverySerial(list, reference)  // a boolean: the list is long to print
                #expect(found, "a serial is not found at its position")
            }
            #expect(list.map(\.serial) == reference)
        }
    }

    /// The kept total of the remaining estimates: under appends, single and batch removals and
    /// changes of a job's estimate (reported as the engine reports a completed block), its
    /// range always holds the sum a pass computes, in order; it is narrow; an emptied list sums to 0.
    @Test func keptRemainingTotalBoundsThePassSum() async {
        // Estimates spread over eight decades, so that the roundings matter.
        let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1e-4, 3e-3, 0.7, 13, 1e3, 0.1])])
        await propertyCheck(count: 60, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed, stream: "job-list-total")
            var list = JobList()
            #expect(list.remainingEstimateRange == nil)  // not kept until asked for
            _ = list.trackedRemainingRange()
            var next = 0
            for _ in 0..<400 {
                let action = random.nextInt(below: 10)
                if list.count < 2 || action < 4 {
                    let job = JobState(serial: next, spec: JobSpec(requestID: next, model: 0, arrivalSeconds: 0, deadlineSeconds: 1, trueCosts: 0),
                                       estimateTable: 0, catalog: catalog)
                    next += 1
                    list.append(job)
                } else if action < 6 {
                    _ = list.remove(at: random.nextInt(below: list.count))
                } else if action < 7 {
                    let a = random.nextInt(below: list.count), b = random.nextInt(below: list.count)
                    _ = list.remove(atAscending: a == b ? [a] : [min(a, b), max(a, b)])
                } else {
                    // A layer completes: the estimate falls to the rest of the table (reported as the
                    // engine reports it at the end of a block).
                    let k = random.nextInt(below: list.count)
                    if list[k].nextLayer < list[k].layerCount {
                        let before = list[k].remainingEstimateSeconds
                        list[k].completeLayer(at: 1, accelerator: 0, energy: 0, catalog: catalog, predictor: .none)
                        list.remainingChanged(from: before, to: list[k].remainingEstimateSeconds)
                    }
                }
                var pass = 0.0
                for job in list { pass += job.remainingEstimateSeconds }
                guard let range = list.remainingEstimateRange else {
                    Issue.record("no range for a finite sum")
                    return
                }
                #expect(range.contains(pass), "pass \(pass) outside \(range)")
                #expect(range.upperBound - range.lowerBound <= 1e-6 * max(pass, 1e-300) + 1e-300, "range \(range) too wide")
                if list.isEmpty { #expect(range == 0...0) }
            }
        }
    }
}
