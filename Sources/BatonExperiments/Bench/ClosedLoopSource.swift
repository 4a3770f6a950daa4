import BatonCore

/// A source that keeps exactly `population` jobs in the system: it emits that many at time 0 and a
/// new one whenever a job finishes, until `totalJobs` have been emitted, and one whenever a job is
/// dropped, up to `droppedReplacements` of those (so that a policy that drops frames, DREAM, is
/// measured at the population too). Used to measure the engine and schedulers at a fixed number of
/// tasks in the system. Jobs are copies of `templates` (drawn uniformly, seeded) with the arrival
/// moved to the emission time and the same relative deadline; request IDs count every emission.
public struct ClosedLoopSource: JobSource, Sendable {
    private let population: Int
    private let totalJobs: Int
    private let templates: [JobSpec]
    private let droppedReplacements: Int
    /// Jobs emitted at the start and for finished jobs.
    private var emitted = 0
    private var initialEmitted = 0
    private var replacedDrops = 0
    private var random: SeededRandom

    public init(population: Int, totalJobs: Int, templates: [JobSpec], droppedReplacements: Int = 0, seed: UInt64 = 1) {
        precondition(population > 0 && totalJobs >= population && droppedReplacements >= 0 && !templates.isEmpty)
        self.population = population
        self.totalJobs = totalJobs
        self.templates = templates
        self.droppedReplacements = droppedReplacements
        random = SeededRandom(seed: seed, stream: "closed-loop")
    }

    public func nextReadyTime() -> Double? { initialEmitted < population ? 0 : nil }

    public mutating func next() -> JobSpec? {
        guard initialEmitted < population else { return nil }
        initialEmitted += 1
        emitted += 1
        return makeJob(at: 0)
    }

    public mutating func jobFinished(_ job: JobState, at time: Double, released: inout [JobSpec]) {
        guard emitted < totalJobs else { return }
        emitted += 1
        released.append(makeJob(at: time))
    }

    public mutating func jobDropped(_ spec: JobSpec, at time: Double, released: inout [JobSpec]) {
        guard replacedDrops < droppedReplacements else { return }
        replacedDrops += 1
        released.append(makeJob(at: time))
    }

    private mutating func makeJob(at time: Double) -> JobSpec {
        var job = templates[random.nextInt(below: templates.count)]
        job.deadlineSeconds = time + (job.deadlineSeconds - job.arrivalSeconds)
        job.arrivalSeconds = time
        job.readySeconds = time
        job.requestID = emitted + replacedDrops - 1
        return job
    }
}
