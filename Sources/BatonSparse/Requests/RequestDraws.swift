import BatonCore

/// The random draws of the study's request stream (spec section 2), one request at a time: the
/// single source of truth for `RequestGenerator` (tables) and `RequestStream` (on the fly), so both
/// give the same requests for the same workload, rate and seed.
///
/// Each concern has its own generator derived from the seed and the rate in requests per second:
/// arrivals (exponential gaps from time 0), models (uniform), priorities (uniform over {1, 3, 9})
/// and inputs (uniform over the model's drawable inputs).
public struct RequestDraws: Sendable {
    /// One drawn request.
    public struct Draw: Sendable, Equatable {
        public var arrivalSeconds: Double
        /// Index into `SparseWorkload.models`.
        public var model: Int
        public var priority: Double
        /// Input index of that model.
        public var input: Int
    }

    private let drawableInputs: [Int]
    private let perSecond: Double
    private var arrivals: SeededRandom
    private var models: SeededRandom
    private var priorities: SeededRandom
    private var inputs: SeededRandom
    private var time = 0.0

    public init(workload: SparseWorkload, requestsPerSecond: Double, seed: UInt64) {
        drawableInputs = workload.models.map(\.drawableInputs)
        perSecond = requestsPerSecond
        let point = [requestsPerSecond.bitPattern]
        arrivals = SeededRandom(seed: seed, stream: "sparse-requests/arrivals", coordinates: point)
        models = SeededRandom(seed: seed, stream: "sparse-requests/models", coordinates: point)
        priorities = SeededRandom(seed: seed, stream: "sparse-requests/priorities", coordinates: point)
        inputs = SeededRandom(seed: seed, stream: "sparse-requests/inputs", coordinates: point)
    }

    /// The next request.
    public mutating func next() -> Draw {
        time += arrivals.nextExponential(rate: perSecond)
        let model = models.nextInt(below: drawableInputs.count)
        let priority = RequestGenerator.priorities[priorities.nextInt(below: RequestGenerator.priorities.count)]
        let input = inputs.nextInt(below: drawableInputs[model])
        return Draw(arrivalSeconds: time, model: model, priority: priority, input: input)
    }
}

/// A Poisson request stream generated on the fly, as a `JobSource`: the same jobs as
/// `workload.makeJobs(RequestGenerator.generate(...))` without holding the table in memory, so a run
/// of millions of requests uses memory for the jobs in the system only.
public struct RequestStream: JobSource, Sendable {
    private let workload: SparseWorkload
    private let count: Int
    private let sloMultiplier: Double
    private var draws: RequestDraws
    private var upcoming: RequestDraws.Draw?
    private var emitted = 0

    /// - Throws: `InputError` for a bad count, rate, time span or SLO multiplier (as `RequestGenerator.generate`).
    public init(workload: SparseWorkload, count: Int, rate: RequestRate, sloMultiplier: Double, seed: UInt64) throws {
        guard (1...SimulationLimits.maxRequests).contains(count) else {
            throw InputError(count < 1 ? .flag : .limit, field: "requests",
                             "the number of requests must be 1...\(SimulationLimits.maxRequests) (got \(count))")
        }
        try RequestGenerator.checkMultiplier(sloMultiplier)
        self.workload = workload
        self.count = count
        self.sloMultiplier = sloMultiplier
        let perSecond = try RequestGenerator.requestsPerSecond(rate, workload: workload)
        try RequestGenerator.checkSpan(count: count, perSecond: perSecond)
        draws = RequestDraws(workload: workload, requestsPerSecond: perSecond, seed: seed)
        upcoming = draws.next()
    }

    public func nextReadyTime() -> Double? { emitted < count ? upcoming?.arrivalSeconds : nil }

    public mutating func next() -> JobSpec? {
        guard emitted < count, let draw = upcoming else { return nil }
        let m = draw.model
        let job = workload.job(requestID: emitted, model: m, input: draw.input, arrivalSeconds: draw.arrivalSeconds,
                               deadlineSeconds: draw.arrivalSeconds + workload.models[m].sloBaseSeconds * sloMultiplier,
                               priority: draw.priority)
        emitted += 1
        upcoming = emitted < count ? draws.next() : nil
        return job
    }
}
