import BatonCore

/// How fast requests arrive.
public enum RequestRate: Sendable, Equatable {
    /// A Poisson stream at this many requests per second.
    case perSecond(Double)
    /// The rate that would keep one accelerator busy this fraction of the time on average:
    /// `u / mean isolated latency of a request` (averaged over the models as drawn, uniformly).
    case utilisation(Double)
}

/// Generates the study's request streams (spec section 2).
///
/// Arrivals are a Poisson stream (exponential gaps from time 0); each request draws a model
/// uniformly from the workload, a priority uniformly from {1, 3, 9} and an input uniformly from the
/// model's drawable inputs (all of them, or the first 7 in compatibility mode); its deadline is
/// `arrival + sloMultiplier x SLO base` of the model's architecture. Each concern (arrivals,
/// models, priorities, inputs) has its own generator derived from the seed and the rate in
/// requests per second, so every (seed, rate) point is independent of the order points run in,
/// and changing the SLO multiplier changes only the deadlines.
public enum RequestGenerator {
    /// The priorities drawn from (PREMA's scheme, as in the study).
    public static let priorities: [Double] = [1, 3, 9]

    /// The arrival rate in requests per second for `rate`.
    /// - Throws: `InputError` if the rate is not a positive finite number.
    public static func requestsPerSecond(_ rate: RequestRate, workload: SparseWorkload) throws -> Double {
        switch rate {
        case .perSecond(let value):
            guard value.isFinite, value > 0 else {
                throw InputError(.flag, field: "rate", "the arrival rate must be a positive number of requests/s (got \(value))")
            }
            return value
        case .utilisation(let u):
            guard u.isFinite, u > 0 else {
                throw InputError(.flag, field: "utilisation", "the target utilisation must be positive (got \(u))")
            }
            return u / meanRequestSeconds(workload)
        }
    }

    /// Mean isolated latency of a request: the mean over models (drawn uniformly) of the mean over
    /// their drawable inputs.
    public static func meanRequestSeconds(_ workload: SparseWorkload) -> Double {
        var total = 0.0
        for model in workload.models { total += model.drawnMeanIsolatedSeconds }
        return total / Double(workload.models.count)
    }

    /// `count` requests at `perSecond` must arrive, on average, within `SimulationLimits.maxTimeSeconds`.
    /// - Throws: `InputError` of kind `.limit` otherwise.
    public static func checkSpan(count: Int, perSecond: Double) throws {
        let span = Double(count) / perSecond
        guard span <= SimulationLimits.maxTimeSeconds else {
            throw InputError(.limit, field: "rate",
                             "\(count) requests at \(ResultValue.format(perSecond)) requests/s span about \(ResultValue.format(span.rounded())) s, beyond the limit of \(ResultValue.format(SimulationLimits.maxTimeSeconds)) s",
                             hint: "raise the rate or lower the number of requests (see docs/limits.md)")
        }
    }

    static func checkMultiplier(_ sloMultiplier: Double) throws {
        guard sloMultiplier.isFinite, sloMultiplier > 0 else {
            throw InputError(.flag, field: "slo-multiplier", "must be a positive number (got \(sloMultiplier))")
        }
    }

    /// Generates `count` requests.
    /// - Throws: `InputError` for a count outside 1...`SimulationLimits.maxRequests`, a bad rate,
    ///   requests spanning more than `SimulationLimits.maxTimeSeconds`, or a non-positive SLO multiplier.
    public static func generate(workload: SparseWorkload, count: Int, rate: RequestRate, sloMultiplier: Double,
                                seed: UInt64) throws -> RequestTable {
        var rows: [RequestRow] = []
        rows.reserveCapacity(count)
        try forEachRequest(workload: workload, count: count, rate: rate, sloMultiplier: sloMultiplier, seed: seed) {
            rows.append($0)
        }
        return RequestTable(rows: rows)
    }

    /// Generates the same requests as `generate` and writes them as a request table to `path`
    /// as they are drawn (memory does not grow with `count`). The file is written in place, not
    /// atomically: meant for large scratch tables (benchmarks, replays at scale).
    public static func write(workload: SparseWorkload, count: Int, rate: RequestRate, sloMultiplier: Double,
                             seed: UInt64, to path: String) throws {
        let writer = try ByteFileWriter(path: path)
        var text = ByteText(capacity: 1 << 17)
        text.append(RequestTable.header.joined(separator: ",") + "\n")
        try forEachRequest(workload: workload, count: count, rate: rate, sloMultiplier: sloMultiplier, seed: seed) { row in
            RequestTable.appendLine(arrivalSeconds: row.arrivalSeconds, model: row.model, priority: row.priority,
                                    input: row.input, deadlineSeconds: row.deadlineSeconds, to: &text)
            if text.count >= 1 << 16 {
                try writer.write(text.bytes)
                text.removeAll()
            }
        }
        try writer.write(text.bytes)
        try writer.close()
    }

    /// Draws `count` requests in arrival order and hands each to `body`.
    static func forEachRequest(workload: SparseWorkload, count: Int, rate: RequestRate, sloMultiplier: Double,
                               seed: UInt64, _ body: (RequestRow) throws -> Void) throws {
        guard count >= 1 else {
            throw InputError(.flag, field: "requests", "the number of requests must be at least 1 (got \(count))")
        }
        guard count <= SimulationLimits.maxRequests else {
            throw InputError(.limit, field: "requests", "\(count) requests exceed the limit of \(SimulationLimits.maxRequests)")
        }
        try checkMultiplier(sloMultiplier)
        let perSecond = try requestsPerSecond(rate, workload: workload)
        try checkSpan(count: count, perSecond: perSecond)
        var draws = RequestDraws(workload: workload, requestsPerSecond: perSecond, seed: seed)
        for _ in 0..<count {
            let draw = draws.next()
            let model = workload.models[draw.model]
            try body(RequestRow(arrivalSeconds: draw.arrivalSeconds, model: model.name, priority: draw.priority,
                                input: draw.input,
                                deadlineSeconds: draw.arrivalSeconds + model.sloBaseSeconds * sloMultiplier))
        }
    }
}
