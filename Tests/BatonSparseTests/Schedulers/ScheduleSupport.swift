import BatonCore
import BatonPolicies
@testable import BatonSparse
import Testing

/// One job of a hand-worked schedule on one accelerator. Estimates default to the true costs.
struct TestJob {
    var arrival: Double
    var layers: [Double]
    var deadline: Double = 1000
    var priority: Double = 1
    /// Pattern-aware estimate per layer (default: `layers`).
    var pattern: [Double]? = nil
    /// Per-architecture estimate per layer (default: `pattern ?? layers`).
    var architecture: [Double]? = nil
    /// Observed cost ratios per layer for the run-time monitor (nil: no monitor data).
    var ratios: [Double]? = nil
}

/// Records the schedule: every layer run (job letter by request id, layer, times, and the job's
/// scheduler scratch value, e.g. PREMA's token, as it was when the layer was chosen) and finishes.
final class ScheduleLog: SimulationObserver {
    struct Layer: Equatable {
        var job: Int
        var layer: Int
        var accelerator: Int
        var start: Double
        var end: Double
        var scratch: Double
    }

    var layers: [Layer] = []
    var finishes: [Double]
    /// Drop time per request id (-1: not dropped).
    var drops: [Double]

    init(jobs: Int) {
        finishes = [Double](repeating: -1, count: jobs)
        drops = [Double](repeating: -1, count: jobs)
    }

    func jobDropped(_ spec: JobSpec, serial: Int, at time: Double) { drops[spec.requestID] = time }

    func layerRan(_ job: JobState, layer: Int, accelerator: Int, start: Double, end: Double) {
        layers.append(Layer(job: job.spec.requestID, layer: layer, accelerator: accelerator,
                            start: start, end: end, scratch: job.schedulerValue))
    }

    func jobFinished(_ job: JobState, at time: Double) { finishes[job.spec.requestID] = time }

    /// The order of layers, e.g. "A0 B0 A1".
    var order: String { layers.map { "\(letter($0.job))\($0.layer)" }.joined(separator: " ") }
    /// Start times of the layers, in order.
    var starts: [Double] { layers.map(\.start) }
    /// Scratch values (PREMA tokens) of the chosen jobs, in order.
    var scratch: [Double] { layers.map(\.scratch) }
}

/// "A" for job 0, "B" for job 1, ...
func letter(_ index: Int) -> String { String(UnicodeScalar(UInt8(65 + index % 26))) }

/// A catalog with three tables per job (true, pattern-aware, per-architecture) and the jobs.
func makeWorkload(_ jobs: [TestJob]) -> (WorkloadCatalog, [JobSpec]) {
    var tables: [CostTable] = []
    var ratioTables: [[Double]] = []
    var specs: [JobSpec] = []
    for (i, job) in jobs.enumerated() {
        let pattern = job.pattern ?? job.layers
        let architecture = job.architecture ?? pattern
        tables.append(CostTable(latencySeconds: job.layers))
        tables.append(CostTable(latencySeconds: pattern))
        tables.append(CostTable(latencySeconds: architecture))
        var ratioIndex = -1
        if let ratios = job.ratios {
            ratioIndex = ratioTables.count
            ratioTables.append(ratios)
        }
        specs.append(JobSpec(requestID: i, model: i, arrivalSeconds: job.arrival, deadlineSeconds: job.deadline,
                             priority: job.priority, trueCosts: 3 * i, patternEstimate: 3 * i + 1,
                             architectureEstimate: 3 * i + 2, observedRatios: ratioIndex))
    }
    let names = (0..<jobs.count).map(letter)
    return (WorkloadCatalog(modelNames: names, costTables: tables, ratioTables: ratioTables), specs)
}

/// Runs policy `name` on `jobs` (one accelerator, invariants checked) in the options' mode.
func runSchedule(_ name: String, _ jobs: [TestJob],
                 options: TestPolicyOptions = TestPolicyOptions()) throws -> (RunResult, ScheduleLog) {
    let (catalog, specs) = makeWorkload(jobs)
    let scheduler = try TestPolicies.make(name, options: options)
    let log = ScheduleLog(jobs: jobs.count)
    let settings = SimulationSettings(compatibility: options.compatibility, checkInvariants: true)
    let result = try simulate(scheduler, catalog: catalog, source: ListSource(specs), settings: settings, observer: log)
    return (result, log)
}

/// Options in the Dysta artifact's compatibility mode.
func artifact(_ options: TestPolicyOptions = TestPolicyOptions()) -> TestPolicyOptions {
    var copy = options
    copy.compatibility = .dystaArtifact
    return copy
}

/// |a - b| <= 1e-12 relative.
func approx(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a), abs(b)) }

/// Element-wise `close`.
func approxAll(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { approx($0, $1) } }

/// Runs `body` and records a thrown error as a test issue. Needed inside `propertyCheck`
/// bodies: PropertyBased 2.x discards errors thrown there (`try?`), which would pass silently.
func recordingErrors(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
    }
}

/// Runs an already built policy on `jobs` (one accelerator, invariants checked, Baton's mode).
func runSchedule(policy: any Scheduler, _ jobs: [TestJob]) throws -> (RunResult, ScheduleLog) {
    let (catalog, specs) = makeWorkload(jobs)
    let log = ScheduleLog(jobs: jobs.count)
    let settings = SimulationSettings(checkInvariants: true)
    let result = try simulate(policy, catalog: catalog, source: ListSource(specs), settings: settings, observer: log)
    return (result, log)
}
