import ArgumentParser
import BatonCore
import BatonSparse
import BatonExperiments
import BatonStudies

/// `baton run`: the sparse multi-DNN study's simulation over a grid of schedulers, loads, SLOs, seeds.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate sparse multi-DNN workloads on one sparse accelerator (the Dysta study).",
        discussion: """
        Runs every combination of --schedulers x (--rates or --utilizations) x --slo over seeds 1..K \
        and prints one row per (scheduler, rate, slo): each metric's mean over seeds with its standard \
        deviation and 95% interval (Student's t, or --interval bootstrap), or one row per seed with --per-seed.

        Workload: --pool attention (BERT/GPT-2/BART on Sanger) or --pool cnn (ResNet-50/VGG-16/\
        MobileNet/SSD300 on Eyeriss-V2) from Baton's shipped benchmark, or --traces DIR with the Dysta \
        artifact's trace CSVs. Requests: a Poisson stream per seed (model, priority 1/3/9 and input \
        drawn uniformly), or --requests-csv FILE[,FILE...]|DIR to replay tables exactly (one load per \
        table; a table's recorded provenance must match the run's workload and mode unless \
        --allow-provenance-mismatch).

        Schedulers: any registered policy (`baton list policies`; the study's own are fcfs, sjf, prema, \
        planaria, sdrm3 and dysta; see docs/schedulers-sparse.md). Policy parameters: --param NAME=VALUE \
        (e.g. --param beta=0.02, or --param dysta.beta=0.02 for one policy; `baton list parameters`).

        Every (scheduler, load, SLO, seed) is one point run by the grid runner that sweeps use \
        (--jobs at a time; the output does not depend on --jobs).

        Output columns (--format json: one object per line): scheduler, workload, rate, utilization \
        (the target, when given), slo, requests_csv, requests, seeds (or seed with --per-seed), compat, \
        policy_parameters, violation_rate, antt, stp, latency_p50_s, latency_p99_s, offered_utilization, \
        achieved_utilization, each metric m followed by m_sd, m_ci_low, m_ci_high (table and Markdown show \
        "mean [low, high]"). The same names as in sweeps (docs/output-formats.md).
        """
    )



    @OptionGroup(title: "Workload")
    var workloadOptions: SparseWorkloadOptions

    @Option(help: "Comma-separated schedulers.")
    var schedulers: String = SparseRunPlan.studySchedulers.joined(separator: ",")

    @Option(help: "Comma-separated arrival rates in requests/s (default: 30 for attention, 3 for cnn).")
    var rates: String?

    @Option(help: "Comma-separated target utilisations (rate x mean isolated latency), instead of --rates.")
    var utilizations: String?

    @Option(help: "Comma-separated SLO multipliers (deadline = arrival + m x mean isolated latency; default 10).")
    var slo: String?

    @Option(help: "Requests per run (default 1000).")
    var requests: Int?

    @Option(help: "Number of seeds: runs use seeds 1...K and report the mean.")
    var seeds: Int = 5

    @Option(name: .customLong("requests-csv"), help: "Replay request tables (arrival_s,model,priority,input,deadline_s): a file, comma-separated files, or a folder (its .csv files, sorted); each table is one load.")
    var requestsCSV: String?

    @Flag(name: .customLong("allow-provenance-mismatch"), help: "Replay request tables recorded for another workload or mode (normally an error).")
    var allowProvenanceMismatch = false

    @Option(name: .customLong("param"), help: ArgumentHelp("A policy parameter, NAME=VALUE or POLICY.NAME=VALUE (repeatable; `baton list parameters`).", valueName: "name=value"))
    var params: [String] = []

    @Flag(name: .customLong("per-seed"), help: "One row per seed instead of the mean over seeds.")
    var perSeed = false

    @Option(help: "95% intervals over seeds: t (Student's t) or bootstrap (seeded percentile bootstrap, 2000 resamples).")
    var interval: String = "t"

    @Flag(help: "Check the engine's invariants during every run (slower).")
    var check = false

    @Option(help: "Output format: table, csv, json, markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write the first run's schedule (first scheduler, rate, SLO, seed) as a Chrome trace JSON file, or, given an existing folder, one trace per run.")
    var trace: String?

    @Option(help: "Compare every other scheduler with this one, seed by seed (paired differences with 95% intervals and wins).")
    var baseline: String?

    @Option(help: "Runs at once (threads; default: every core). Results do not depend on it.")
    var jobs: Int = SweepExecutor.defaultJobs

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let plan = try makePlan()
        let registry = CommandEnvironment.policies
        let progress = ProgressReporter.standardError(label: "runs", quiet: quiet)
        let records = try SparseStudy.records(plan, registry: registry, jobs: jobs, progress: progress)
        if let trace {
            // The traced points again, with a recorder (runs are deterministic: the same schedules).
            let runner = SparseStudy.runner(plan, registry: registry)
            let workload = try SparseStudy.loadWorkload(plan)
            try TraceTarget.of(trace).write(points: try SparseStudy.points(plan, registry: registry), modelNames: workload.catalog.modelNames,
                                            platform: .single(name: "sparse-accelerator")) { point, recorder in
                _ = try runner.record(point, observer: recorder)
            }
        }
        let table = SparseStudy.table(records, perSeed: plan.perSeed, interval: plan.interval)
        if let baseline {
            let rows = try PairedComparison.rows(records.map(PairedSample.init), baseline: baseline, interval: plan.interval)
            try BaselineOutput.print(results: table, rows: rows, baseline: baseline, headline: SparseRunPlan.headlineMetrics, format: format)
        } else {
            try Terminal.output(format.render(table))
        }
    }

    /// Validates the flags into a plan (every problem is an `InputError` naming the flag).
    func makePlan() throws -> SparseRunPlan {
        var plan = SparseRunPlan()
        plan.workload = try workloadOptions.workload()
        plan.cnnCostModel = try workloadOptions.cnnCostModel()
        plan.schedulers = try SparseFlags.schedulers(schedulers)
        if let baseline, !plan.schedulers.contains(baseline) {
            throw InputError(.flag, field: "--baseline", "the baseline '\(baseline)' is not among --schedulers (\(plan.schedulers.joined(separator: ",")))")
        }
        if rates != nil && utilizations != nil {
            throw InputError(.flag, field: "--utilizations", "give --rates or --utilizations, not both")
        }
        if let requestsCSV {
            if rates != nil || utilizations != nil {
                throw InputError(.flag, field: "--requests-csv", "a replayed request table fixes the arrivals; drop --rates/--utilizations")
            }
            if slo != nil || requests != nil {
                throw InputError(.flag, field: "--requests-csv", "a replayed request table fixes the deadlines and the number of requests; drop --slo/--requests")
            }
            plan.load = .requestTables(paths: try SparseWorkloadOptions.requestTablePaths(requestsCSV))
            plan.allowProvenanceMismatch = allowProvenanceMismatch
        } else if let utilizations {
            plan.load = .utilizations(try ListParsing.numbers(utilizations, flag: "--utilizations", in: SparseFlags.utilizationRange, what: "utilisation"))
        } else if let rates {
            plan.load = .rates(try ListParsing.numbers(rates, flag: "--rates", in: SparseFlags.rateRange, what: "rate"))
        } else {
            plan.load = .rates([workloadOptions.pool == "cnn" && workloadOptions.traces == nil ? 3 : 30])
        }
        plan.sloMultipliers = try ListParsing.numbers(slo ?? "10", flag: "--slo", in: SparseFlags.sloRange, what: "SLO multiplier")
        let requests = requests ?? 1000
        try SparseFlags.checkRequests(requests)
        plan.requests = requests
        guard (1...10_000).contains(seeds) else {
            throw InputError(.flag, field: "--seeds", "seeds must be 1...10000, got \(seeds)")
        }
        plan.seeds = Array(1...seeds)
        plan.compatibility = try workloadOptions.compatibility()
        plan.parameters = try SparseFlags.parameters(params)
        // Checked now, before the workload is built.
        _ = try CommandEnvironment.policies.parameterValues(for: plan.schedulers, assignments: plan.parameters)
        plan.perSeed = perSeed
        plan.interval = try IntervalMethod(parsing: interval)
        plan.checkInvariants = check
        if let trace { _ = try TraceTarget.of(trace) }
        guard jobs >= 1 else { throw InputError(.flag, field: "--jobs", "--jobs must be at least 1") }
        return plan
    }
}
