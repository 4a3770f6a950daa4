import BatonCore

/// A source that keeps exactly `population` jobs in the system: it emits that many at time 0 and a
/// new one whenever a job finishes, until `totalJobs` have been emitted. Used to measure the engine
/// and schedulers at a fixed number of tasks in the system.
public struct ClosedLoopSource: JobSource, Sendable {
    private let population: Int
    private let totalJobs: Int
    private let tables: [Int]
    private var emitted = 0
    private var initialEmitted = 0
    private var random: SeededRandom

    /// - Parameters:
    ///   - tables: cost tables to draw jobs from (uniformly).
    public init(population: Int, totalJobs: Int, tables: [Int], seed: UInt64 = 1) {
        precondition(population > 0 && totalJobs >= population && !tables.isEmpty)
        self.population = population
        self.totalJobs = totalJobs
        self.tables = tables
        random = SeededRandom(seed: seed, stream: "closed-loop")
    }

    public func nextReadyTime() -> Double? { initialEmitted < population ? 0 : nil }

    public mutating func next() -> JobSpec? {
        guard initialEmitted < population else { return nil }
        initialEmitted += 1
        return makeJob(at: 0)
    }

    public mutating func jobFinished(_ job: JobState, at time: Double, released: inout [JobSpec]) {
        if emitted < totalJobs { released.append(makeJob(at: time)) }
    }

    private mutating func makeJob(at time: Double) -> JobSpec {
        let table = tables[random.nextInt(below: tables.count)]
        let priority: Double = [1, 3, 9][random.nextInt(below: 3)]
        defer { emitted += 1 }
        return JobSpec(requestID: emitted, model: 0, arrivalSeconds: time,
                       deadlineSeconds: time + 0.5 + random.nextUnit(), priority: priority,
                       trueCosts: table, patternEstimate: table, architectureEstimate: table,
                       observedRatios: -1)
    }
}
