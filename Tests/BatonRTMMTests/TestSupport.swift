import BatonCore
@testable import BatonRTMM

/// Records every layer the engine runs: (request, layer, accelerator, start, end).
final class ScheduleRecorder: SimulationObserver {
    struct Entry: Equatable, CustomStringConvertible {
        var request: Int, layer: Int, accelerator: Int, start: Double, end: Double
        var description: String { "J\(request).L\(layer)@acc\(accelerator)[\(start),\(end))" }
    }
    private var recorded: [Entry] = []
    /// The layers run, by start time, then accelerator.
    var entries: [Entry] { recorded.sorted { ($0.start, $0.accelerator) < ($1.start, $1.accelerator) } }
    var finishes: [Int: Double] = [:]
    var drops: [Int] = []

    func layerRan(_ job: JobState, layer: Int, accelerator: Int, start: Double, end: Double) {
        recorded.append(Entry(request: job.spec.requestID, layer: layer, accelerator: accelerator, start: start, end: end))
    }
    func jobFinished(_ job: JobState, at time: Double) { finishes[job.spec.requestID] = time }
    func jobDropped(_ spec: JobSpec, serial: Int, at time: Double) { drops.append(spec.requestID) }
}

/// The two-accelerator hand workload used by the baseline tests (times in seconds):
/// model A: 2 layers, latency acc0 [1, 1], acc1 [2, 2]; energy acc0 [4, 4], acc1 [1, 1].
/// model B: 1 layer, latency acc0 3, acc1 1; energy acc0 1, acc1 1.
/// J0 = A at 0 (deadline 10), J1 = B at 0 (deadline 4), J2 = A at 1 (deadline 3, priority `p2`).
enum HandWorkload {
    static let catalog = WorkloadCatalog(modelNames: ["A", "B"], costTables: [
        CostTable(layerCount: 2, acceleratorCount: 2, latencySeconds: [1, 2, 1, 2], energyMillijoules: [4, 1, 4, 1]),
        CostTable(layerCount: 1, acceleratorCount: 2, latencySeconds: [3, 1], energyMillijoules: [1, 1]),
    ])
    static let platform = Platform(name: "hand", accelerators: [
        Accelerator(name: "acc0", dataflow: "WS"), Accelerator(name: "acc1", dataflow: "OS"),
    ])

    static func jobs(p2: Double = 1) -> [JobSpec] {
        [
            JobSpec(requestID: 0, model: 0, arrivalSeconds: 0, deadlineSeconds: 10, trueCosts: 0),
            JobSpec(requestID: 1, model: 1, arrivalSeconds: 0, deadlineSeconds: 4, trueCosts: 1),
            JobSpec(requestID: 2, model: 0, arrivalSeconds: 1, deadlineSeconds: 3, priority: p2, trueCosts: 0),
        ]
    }

    /// Runs `policy` on the hand workload with invariant checks and returns the schedule.
    static func run<P: Scheduler>(_ policy: P, p2: Double = 1) throws -> ScheduleRecorder {
        let recorder = ScheduleRecorder()
        var simulator = Simulator(catalog: catalog, platform: platform, scheduler: policy, source: ListSource(jobs(p2: p2)),
                                  settings: SimulationSettings(checkInvariants: true))
        simulator.observer = recorder
        let result = try simulator.run()
        precondition(result.unfinished == 0)
        return recorder
    }

    typealias E = ScheduleRecorder.Entry
    static func e(_ request: Int, _ layer: Int, _ acc: Int, _ start: Double, _ end: Double) -> E {
        E(request: request, layer: layer, accelerator: acc, start: start, end: end)
    }
}

/// The built-in library, loaded once per process.
let builtInLibrary: ModelLibrary = {
    do { return try ModelLibrary.builtIn() } catch { fatalError("cannot load the XRBench data: \(error)") }
}()
