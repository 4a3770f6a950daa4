@testable import BatonCore
import BatonExperiments
import Testing

/// The benchmark's closed loop: `population` jobs at time 0, one per finished job up to
/// `totalJobs`, one per dropped job up to `droppedReplacements`, with consecutive request IDs and
/// each copy's relative deadline kept.
@Suite("Closed-loop source")
struct ClosedLoopSourceTests {
    static let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1])])
    /// Two templates: relative deadlines 5 and 7 (arrival 1 and 2, deadlines 6 and 9).
    static let templates = [
        JobSpec(requestID: 100, model: 0, arrivalSeconds: 1, deadlineSeconds: 6, trueCosts: 0),
        JobSpec(requestID: 101, model: 0, arrivalSeconds: 2, deadlineSeconds: 9, trueCosts: 0),
    ]

    static func state(_ spec: JobSpec) -> JobState {
        JobState(serial: spec.requestID, spec: spec, estimateTable: 0, catalog: catalog)
    }

    @Test func holdsThePopulationThroughFinishesAndDrops() {
        var source = ClosedLoopSource(population: 3, totalJobs: 5, templates: Self.templates, droppedReplacements: 2)
        var initial: [JobSpec] = []
        while source.nextReadyTime() == 0, let job = source.next() { initial.append(job) }
        #expect(initial.count == 3)
        #expect(source.nextReadyTime() == nil)
        #expect(initial.allSatisfy { $0.arrivalSeconds == 0 && $0.readySeconds == 0 })
        var released: [JobSpec] = []
        // Two finishes are replaced (3 + 2 = totalJobs), the third is not.
        for (k, time) in [4.0, 5.0, 6.0].enumerated() {
            source.jobFinished(Self.state(initial[k % 3]), at: time, released: &released)
        }
        #expect(released.count == 2)
        // Drops are replaced up to their own limit, whatever the finishes used.
        for time in [7.0, 8.0, 9.0] { source.jobDropped(initial[0], at: time, released: &released) }
        #expect(released.count == 4)
        #expect(released.map(\.arrivalSeconds) == [4, 5, 7, 8])
        #expect(released.map(\.readySeconds) == [4, 5, 7, 8])
        let all = initial + released
        #expect(all.map(\.requestID) == [0, 1, 2, 3, 4, 5, 6])
        // Every copy keeps its template's relative deadline (5 or 7).
        #expect(all.allSatisfy { [5.0, 7.0].contains($0.deadlineSeconds - $0.arrivalSeconds) })
    }

    @Test func withoutDropReplacementsADropIsNotReplaced() {
        var source = ClosedLoopSource(population: 1, totalJobs: 10, templates: Self.templates)
        let first = source.next()!
        var released: [JobSpec] = []
        source.jobDropped(first, at: 1, released: &released)
        #expect(released.isEmpty)
    }
}
