import BatonCore
@testable import BatonPolicies
@testable import BatonSparse
import Testing

/// DREAM's groups' tournament with the highest preference per accelerator kept at every node
/// (`DreamScheduler.preferenceBounds`), forced on for every search of the groups: the same layers,
/// finishes and drops as the linear scan, on two and four accelerators whose energies differ (so
/// that a layer's preference differs between them), with queues long enough for the groups to
/// decide and the tuner to move its weights.
@Suite("DREAM's preference bound per accelerator")
struct DreamPreferenceBoundTests {
    @Test func keptMaximaGiveTheScansSchedule() throws {
        var searchesByVariant: [String: Int] = [:]
        for seed: UInt64 in [1, 2, 5] {
            for accelerators in [2, 4] {
                let workload = RandomWorkload(seed: seed, accelerators: accelerators, jobs: 500,
                                              arrivalRate: 0.9 * Double(accelerators), ties: seed == 2, energies: true,
                                              deadlineScale: 200)
                for variant in [DreamParameters.Variant.full, .fixed, .noVariants, .noDrop] {
                    let parameters = DreamParameters(tuningWindowSeconds: 0.1)
                    var indexed = DreamScheduler(parameters: parameters, variant: variant, indexed: true)
                    indexed.preferenceBounds = .always
                    let linear = DreamScheduler(parameters: parameters, variant: variant, indexed: false)
                    let indexedLog = ScheduleLog(jobs: 500), linearLog = ScheduleLog(jobs: 500)
                    var first = Simulator(catalog: workload.catalog, platform: workload.platform, scheduler: indexed,
                                          source: ListSource(workload.specs),
                                          settings: SimulationSettings(compatibility: .none, checkInvariants: true))
                    first.observer = indexedLog
                    _ = try first.run()
                    var second = Simulator(catalog: workload.catalog, platform: workload.platform, scheduler: linear,
                                           source: ListSource(workload.specs),
                                           settings: SimulationSettings(compatibility: .none, checkInvariants: true))
                    second.observer = linearLog
                    _ = try second.run()
                    let context = "\(variant.rawValue), \(accelerators) accelerators, seed \(seed)"
                    searchesByVariant[variant.rawValue, default: 0] += first.scheduler.preferenceBoundSearches
                    #expect(indexedLog.layers == linearLog.layers, "layers differ: \(context)")
                    #expect(indexedLog.finishes == linearLog.finishes, "finishes differ: \(context)")
                    #expect(indexedLog.drops == linearLog.drops, "drops differ: \(context)")
                }
            }
        }
        // The path under test ran for every variant: the groups decided, with the maxima kept,
        // hundreds of times (where the groups never took over from the index, it could not).
        for variant in ["dream", "dream-fixed", "dream-no-variant", "dream-no-drop"] {
            #expect(searchesByVariant[variant, default: 0] > 500, "\(variant): \(searchesByVariant[variant, default: 0]) searches")
        }
    }
}
