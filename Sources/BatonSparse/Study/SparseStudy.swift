import BatonCore
import BatonPolicies
import BatonExperiments

/// Runs the sparse multi-DNN study's simulations for a `SparseRunPlan` and tabulates the results.
public enum SparseStudy {
    /// The workload of a plan: the shipped benchmark generated for the pool, or a trace directory.
    public static func loadWorkload(_ plan: SparseRunPlan) throws -> SparseWorkload {
        let options = SparseBenchmarkOptions(compatibility: plan.compatibility, cnnCostModel: plan.cnnCostModel)
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
    /// The regression is fitted once per workload (catalog object) in the process.
    public static func predictorResolver(workload: SparseWorkload) -> PredictorResolver {
        let key = ObjectIdentifier(workload.catalog)
        return { name, mode in
            name == "regression" ? try fittedRegressions.value(for: key) { try GammaRegression.fit(workload: workload) }
                : try GammaPredictor.named(name, compatibility: mode)
        }
    }
    private static let fittedRegressions = LockedCache<ObjectIdentifier, GammaPredictor>()

    /// The points of a plan, one per (scheduler, load, SLO, seed), seed innermost: what `run`
    /// hands to the grid runner. Each point carries every parameter of its run, and the policy
    /// parameters that apply to its scheduler.
    /// - Throws: `InputError` for unknown schedulers or parameters, or a load beyond the time limit.
    public static func points(_ plan: SparseRunPlan, registry: PolicyRegistry = .builtIn) throws -> [SweepPoint] {
        let values = try registry.parameterValues(for: plan.schedulers, assignments: plan.parameters)
        var common: [SweepParameter] = []
        switch plan.workload {
        case .pool(let pool, let inputs, let benchmarkSeed):
            common += [SweepParameter(name: "pool", value: .text(pool.rawValue)), SweepParameter(name: "inputs", value: .int(inputs)),
                       SweepParameter(name: "benchmark_seed", value: .int(Int(benchmarkSeed)))]
        case .traces(let directory):
            common.append(SweepParameter(name: "traces", value: .text(directory)))
        }
        common.append(SweepParameter(name: "compat", value: .text(plan.compatibility.rawValue)))
        if plan.cnnCostModel != .eyerissV2 {
            common.append(SweepParameter(name: "cost_model", value: .text(plan.cnnCostModel.name)))
        }
        var loads: [[SweepParameter]] = []
        var slos: [[SweepParameter]] = plan.sloMultipliers.map { [SweepParameter(name: "slo", value: .double($0))] }
        var seeds = plan.seeds
        switch plan.load {
        case .rates(let rates):
            for rate in rates {
                do {
                    try RequestGenerator.checkSpan(count: plan.requests, perSecond: rate)
                } catch var error as InputError {
                    error.field = "--rates"
                    throw error
                }
            }
            loads = rates.map { [SweepParameter(name: "rate", value: .double($0)), SweepParameter(name: "requests", value: .int(plan.requests))] }
        case .utilizations(let targets):
            loads = targets.map { [SweepParameter(name: "utilization", value: .double($0)), SweepParameter(name: "requests", value: .int(plan.requests))] }
        case .requestTables(let paths):
            loads = paths.map { [SweepParameter(name: "requests_csv", value: .text($0))] }
            slos = [[]]  // the table's deadlines
            seeds = Array(plan.seeds.prefix(1))  // the same for every seed: run once
        }
        var points: [SweepPoint] = []
        for (p, scheduler) in plan.schedulers.enumerated() {
            let policy = values[p].nonDefaultSweepParameters
            for load in loads {
                for slo in slos {
                    for seed in seeds {
                        let parameters = common + load + slo + policy
                            + [SweepParameter(name: "scheduler", value: .text(scheduler)), SweepParameter(name: "seed", value: .int(seed))]
                        points.append(SweepPoint(index: points.count, parameters: parameters, source: "baton run"))
                    }
                }
            }
        }
        return points
    }

    /// Runs every point of the plan on the grid runner (`jobs` at a time): one record per point,
    /// in point order.
    public static func records(_ plan: SparseRunPlan, registry: PolicyRegistry = .builtIn, jobs: Int = 1,
                               progress: ProgressReporter? = nil) throws -> [SparseRunRecord] {
        let runner = self.runner(plan, registry: registry)
        let points = try points(plan, registry: registry)
        if case .utilizations(let targets) = plan.load {
            // Every generated load must fit the time limit; checked before any run starts.
            let workload = try loadWorkload(plan)
            for target in targets {
                do {
                    try RequestGenerator.checkSpan(count: plan.requests,
                                                   perSecond: try RequestGenerator.requestsPerSecond(.utilisation(target), workload: workload))
                } catch var error as InputError {
                    error.field = "--utilizations"
                    throw error
                }
            }
        }
        // Every point (and every replayed table's provenance) is checked before any run starts.
        for point in points { try runner.check(point) }
        return try GridRunner.map(points, jobs: jobs, progress: progress) { try runner.record($0) }
    }

    /// The point runner of a plan's points (the built-in cost models plus the plan's own).
    public static func runner(_ plan: SparseRunPlan, registry: PolicyRegistry = .builtIn) -> SparseSweepRunner {
        var costModels = CNNCostModel.builtIn
        if !costModels.contains(plan.cnnCostModel) { costModels.append(plan.cnnCostModel) }
        var runner = SparseSweepRunner(checkInvariants: plan.checkInvariants, registry: registry, costModels: costModels)
        runner.allowsProvenanceMismatch = plan.allowProvenanceMismatch
        runner.provenanceHint = RequestProvenance.runOverrideHint
        return runner
    }

    /// The plan's result table: one row per record (`perSeed`) or per group of seeds (mean,
    /// standard deviation and 95% interval of each metric).
    public static func table(_ records: [SparseRunRecord], perSeed: Bool, interval: IntervalMethod = .studentT) -> ResultTable {
        perSeed ? RecordTable.perSeed(records) : RecordTable.meanOverSeeds(records, interval: interval)
    }

    /// Runs a plan and tabulates it (see `records` and `table`).
    public static func run(_ plan: SparseRunPlan, registry: PolicyRegistry = .builtIn, jobs: Int = 1,
                           progress: ProgressReporter? = nil) throws -> ResultTable {
        table(try records(plan, registry: registry, jobs: jobs, progress: progress), perSeed: plan.perSeed, interval: plan.interval)
    }

    static func isCNNPool(_ workload: SparseRunPlan.Workload) -> Bool {
        if case .pool(.cnn, _, _) = workload { return true }
        return false
    }

    /// One simulation: a plan with one scheduler, one load, one SLO and one seed.
    /// - Throws: `InputError` for bad parameters or files, `InvariantViolation` if the policy left
    ///   requests unfinished or (with `checkInvariants`) broke an engine invariant.
    public static func simulateOne(_ plan: SparseRunPlan, workload: SparseWorkload, registry: PolicyRegistry = .builtIn,
                                   observer: (any SimulationObserver)? = nil) throws -> SparseRunRecord {
        precondition(plan.schedulers.count == 1 && plan.seeds.count == 1, "one scheduler and one seed")
        let name = plan.schedulers[0]
        let seed = plan.seeds[0]
        let values = try registry.parameterValues(for: [name], assignments: plan.parameters)[0]
        let policy = try registry.make(name, parameters: values, compatibility: plan.compatibility, seed: UInt64(seed),
                                       resolvePredictor: predictorResolver(workload: workload))
        let settings = SimulationSettings(compatibility: plan.compatibility, checkInvariants: plan.checkInvariants)
        let meanRequestSeconds = RequestGenerator.meanRequestSeconds(workload)
        var target: Double?
        var slo: Double? = plan.sloMultipliers.first
        var table: String?
        var requests = plan.requests
        let rate: Double
        let result: RunResult
        switch plan.load {
        case .rates(let rates), .utilizations(let rates):
            if case .utilizations = plan.load {
                target = rates[0]
                rate = try RequestGenerator.requestsPerSecond(.utilisation(rates[0]), workload: workload)
            } else {
                rate = rates[0]
            }
            try RequestGenerator.checkSpan(count: plan.requests, perSecond: rate)
            let stream = try RequestStream(workload: workload, count: plan.requests, rate: .perSecond(rate),
                                           sloMultiplier: slo ?? 10, seed: UInt64(seed))
            result = try simulate(policy, catalog: workload.catalog, source: stream, settings: settings, observer: observer)
        case .requestTables(let paths):
            guard paths.count == 1, let path = paths.first else {
                throw InputError(.flag, field: "--requests-csv", "one simulation replays one request table, not \(paths.count)")
            }
            // Streamed: the table's rows are read ahead of the simulation, a few batches at a time.
            // (Copies of the source share what the engine took, so its counts are the whole table's.)
            let source = try RequestTableSource(path: path, workload: workload)
            do {
                result = try simulate(policy, catalog: workload.catalog, source: source, settings: settings, observer: observer)
            } catch {
                throw source.locating(error)
            }
            try source.finish()
            let last = source.lastArrivalSeconds
            // Undefined (NaN, shown empty; offered_utilization nan) when every request arrives at
            // t = 0: there is no span to divide by, and 0 would read as "no load" (issue 12).
            rate = last > 0 ? Double(source.count) / last : .nan
            slo = nil
            table = path
            requests = source.count
        }
        if result.unfinished > 0 {
            throw InvariantViolation(description: "\(policy.name) left \(result.unfinished) requests unfinished")
        }
        let metrics = result.metrics
        let tails = metrics.turnarounds.percentiles([50, 99])
        let workloadName: String
        switch plan.workload {
        case .pool(let pool, _, _): workloadName = pool.rawValue
        case .traces(let directory): workloadName = directory
        }
        return SparseRunRecord(
            scheduler: name, workload: workloadName, rate: rate, targetUtilization: target, slo: slo, requestTable: table,
            requests: requests, seed: seed, compat: plan.compatibility.rawValue,
            costModel: isCNNPool(plan.workload) ? plan.cnnCostModel.name : "-",
            policyParameters: values.nonDefault.map { "\($0.name)=\($0.value)" }.joined(separator: ";"),
            offeredUtilization: rate * meanRequestSeconds, achievedUtilization: metrics.acceleratorUtilization.first ?? 0,
            violationRate: metrics.violationRate, antt: metrics.antt, stp: metrics.throughput,
            latencyP50Seconds: tails[0], latencyP99Seconds: tails[1])
    }
}
