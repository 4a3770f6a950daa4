import BatonCore
import BatonPolicies
import BatonExperiments

/// Runs the sparse multi-DNN study's simulations for a `SparseRunPlan` and tabulates the results.
public enum SparseStudy {
    /// Columns of the result table (one row per scheduler x rate x SLO, or per seed too).
    public static func columns(perSeed: Bool) -> [String] {
        ["scheduler", "rate", "utilization", "slo_multiplier", perSeed ? "seed" : "seeds", "requests",
         "violation_rate", "antt", "stp", "latency_p50_s", "latency_p99_s"]
    }

    /// The workload of a plan: the shipped benchmark generated for the pool, or a trace directory.
    public static func loadWorkload(_ plan: SparseRunPlan) throws -> SparseWorkload {
        let options = SparseBenchmarkOptions(compatibility: plan.compatibility)
        let benchmark: SparseBenchmark
        switch plan.workload {
        case .pool(let pool, let inputs, let seed):
            benchmark = try SparseBenchmark.generate(pool: pool, inputsPerFile: inputs, seed: seed, options: options)
        case .traces(let directory):
            benchmark = try SparseBenchmark.load(directory: directory, options: options)
        }
        return benchmark.makeCatalog(compatibility: plan.compatibility)
    }

    /// Resolves the monitor's predictor names on `workload`: `regression` is fitted on it, the
    /// others are `GammaPredictor.named`.
    /// The regression is fitted once per resolver.
    public static func predictorResolver(workload: SparseWorkload) -> PredictorResolver {
        let fitted = LockedCache<Int, GammaPredictor>()
        return { name, mode in
            name == "regression" ? try fitted.value(for: 0) { try GammaRegression.fit(workload: workload) }
                : try GammaPredictor.named(name, compatibility: mode)
        }
    }

    /// Runs every (scheduler, load, SLO, seed) of the plan.
    /// - Parameters:
    ///   - workload: a workload already loaded for this plan (loaded from the plan if nil).
    ///   - traceObserver: receives the schedule of the first run only (for `--trace`).
    ///   - progress: called with (runs done, runs in total) after each run.
    ///   - registry: the policies by name (built-in ones and any a package registered).
    public static func run(_ plan: SparseRunPlan, workload given: SparseWorkload? = nil,
                           traceObserver: (any SimulationObserver)? = nil,
                           progress: ((Int, Int) -> Void)? = nil,
                           registry: PolicyRegistry = .builtIn) throws -> ResultTable {
        let workload = try given ?? loadWorkload(plan)
        let values = try registry.parameterValues(for: plan.schedulers, assignments: plan.parameters)
        let resolver = predictorResolver(workload: workload)
        // Built once to check names, modes and parameters before any run; rebuilt per seed below.
        let policies = try plan.schedulers.indices.map {
            try registry.make(plan.schedulers[$0], parameters: values[$0], compatibility: plan.compatibility, resolvePredictor: resolver)
        }
        let settings = SimulationSettings(compatibility: plan.compatibility, checkInvariants: plan.checkInvariants)
        let meanRequestSeconds = RequestGenerator.meanRequestSeconds(workload)

        // The loads: rates in requests/s with their labels.
        struct LoadPoint { var rate: Double; var requestTable: RequestTable? }
        // Generated loads stream their requests (RequestStream); a replayed table is held as jobs.
        var loads: [LoadPoint] = []
        var sloMultipliers = plan.sloMultipliers
        var requestCount = plan.requests
        switch plan.load {
        case .rates(let rates):
            loads = rates.map { LoadPoint(rate: $0, requestTable: nil) }
        case .utilizations(let targets):
            loads = try targets.map { LoadPoint(rate: try RequestGenerator.requestsPerSecond(.utilisation($0), workload: workload), requestTable: nil) }
        case .requestTable(let path):
            let table = try RequestTable.read(path: path, workload: workload)
            let last = table.rows.last?.arrivalSeconds ?? 0
            loads = [LoadPoint(rate: last > 0 ? Double(table.rows.count) / last : 0, requestTable: table)]
            sloMultipliers = [.nan]  // deadlines come from the table
            requestCount = table.rows.count
        }
        // Every generated load must fit the time limit; checked before any run starts.
        for load in loads where load.requestTable == nil {
            do {
                try RequestGenerator.checkSpan(count: plan.requests, perSecond: load.rate)
            } catch var error as InputError {
                if case .utilizations = plan.load { error.field = "--utilizations" } else { error.field = "--rates" }
                throw error
            }
        }

        // A replayed table is the same for every seed: run it once.
        let seeds = loads.first?.requestTable == nil ? plan.seeds : Array(plan.seeds.prefix(1))
        let total = policies.count * loads.count * sloMultipliers.count * seeds.count
        var done = 0
        var traceObserver = traceObserver
        // results[load][slo][scheduler] = metrics per seed
        var results = [[[[RunMetrics]]]](repeating: [[[RunMetrics]]](
            repeating: [[RunMetrics]](repeating: [], count: policies.count), count: sloMultipliers.count), count: loads.count)
        for seed in seeds {
            for (l, load) in loads.enumerated() {
                for (s, slo) in sloMultipliers.enumerated() {
                    let replayJobs = try load.requestTable.map { try workload.makeJobs($0) }
                    for p in policies.indices {
                        let policy = try registry.make(plan.schedulers[p], parameters: values[p], compatibility: plan.compatibility,
                                                       seed: UInt64(seed), resolvePredictor: resolver)
                        let result: RunResult
                        if let replayJobs {
                            result = try simulate(policy, catalog: workload.catalog, source: ListSource(replayJobs),
                                                  settings: settings, observer: traceObserver)
                        } else {
                            let stream = try RequestStream(workload: workload, count: plan.requests, rate: .perSecond(load.rate),
                                                           sloMultiplier: slo, seed: UInt64(seed))
                            result = try simulate(policy, catalog: workload.catalog, source: stream,
                                                  settings: settings, observer: traceObserver)
                        }
                        traceObserver = nil
                        if result.unfinished > 0 {
                            throw InvariantViolation(description: "\(policy.name) left \(result.unfinished) requests unfinished")
                        }
                        results[l][s][p].append(result.metrics)
                        done += 1
                        progress?(done, total)
                    }
                }
            }
        }

        var table = ResultTable(columns: columns(perSeed: plan.perSeed))
        for (p, policy) in policies.enumerated() {
            for (l, load) in loads.enumerated() {
                for (s, slo) in sloMultipliers.enumerated() {
                    let runs = results[l][s][p]
                    let common: [String: ResultValue] = [
                        "scheduler": .text(policy.name),
                        "rate": .double(load.rate),
                        "utilization": .double(load.rate * meanRequestSeconds),
                        "slo_multiplier": slo.isNaN ? .text("table") : .double(slo),
                        "requests": .int(requestCount),
                    ]
                    if plan.perSeed {
                        for (i, seed) in seeds.enumerated() {
                            var row = common
                            row["seed"] = .int(seed)
                            row.merge(figures([runs[i]]), uniquingKeysWith: { $1 })
                            table.append(row)
                        }
                    } else {
                        var row = common
                        row["seeds"] = .int(seeds.count)
                        row.merge(figures(runs), uniquingKeysWith: { $1 })
                        table.append(row)
                    }
                }
            }
        }
        return table
    }

    /// Arithmetic means over seeds of the headline figures (as the study averages them).
    static func figures(_ runs: [RunMetrics]) -> [String: ResultValue] {
        func mean(_ value: (RunMetrics) -> Double) -> ResultValue {
            .double(runs.map(value).reduce(0, +) / Double(runs.count))
        }
        let tails = runs.map { $0.turnarounds.percentiles([50, 99]) }
        return [
            "violation_rate": mean(\.violationRate),
            "antt": mean(\.antt),
            "stp": mean(\.throughput),
            "latency_p50_s": .double(tails.map { $0[0] }.reduce(0, +) / Double(runs.count)),
            "latency_p99_s": .double(tails.map { $0[1] }.reduce(0, +) / Double(runs.count)),
        ]
    }
}
