import Testing
@testable import BatonCore

/// `SchedulingContext.drop`: each job once, in ascending order, whatever the order the policy drops
/// them in.
@Suite("Drop list")
struct DropListTests {
    static let catalog = WorkloadCatalog(modelNames: ["m"], costTables: [CostTable(latencySeconds: [1])])

    static func context(jobs: Int) -> SchedulingContext {
        var context = SchedulingContext(platform: .single(), catalog: catalog)
        for serial in 0..<jobs {
            context.jobStorage.append(JobState(serial: serial, spec: JobSpec(requestID: serial, model: 0, arrivalSeconds: 0,
                                                                               deadlineSeconds: 1, trueCosts: 0),
                                               estimateTable: 0, catalog: catalog))
        }
        return context
    }

    @Test func ascendingDescendingAndRepeatedDropsAreRecordedOnce() {
        var context = Self.context(jobs: 6)
        for i in [1, 3, 3, 5, 0, 5, 1, 4, 0] { context.drop(i) }
        #expect(context.drops == [0, 1, 3, 4, 5])
        #expect(context.isDropped(4) && context.isDropped(0) && !context.isDropped(2) && !context.isDropped(6))
    }
}
