import ArgumentParser
import BatonCore
import BatonPolicies
import BatonExperiments
import BatonRTMM
import Foundation

/// `baton rtmm`: real-time multi-model workloads (XRBench scenarios) on multi-accelerator platforms.
struct RTMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtmm",
        abstract: "Real-time multi-model workloads (XRBench) on multi-accelerator platforms, and the DREAM scheduler.",
        subcommands: [RTMMRunCommand.self])
}

/// `baton rtmm run`: one scenario on one platform under several schedulers, averaged over seeds.
struct RTMMRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run schedulers on a scenario and platform and print UXCost, energy, violations, drops and XRBench score.",
        discussion: """
            Scenarios: vr-gaming, ar-gaming, ar-assistant, outdoor-a, outdoor-b, social-a, social-b (or from --config).
            Platforms: single-4k-ws, single-4k-os, single-4k-rs, dual-4k-ws-os, dual-4k-ws, quad-4k-ws-os, quad-4k-ws.
            Schedulers: any registered policy (`baton list policies`); the study's own are \
            \(PolicyRegistry.builtIn.studyPolicies("rtmm").joined(separator: ", ")). Policy parameters: --param NAME=VALUE \
            (e.g. --param dream.alpha=2; `baton list parameters`).
            Figures are averaged over seeds 1...K, each metric m with m_sd, m_ci_low, m_ci_high (its standard \
            deviation and 95% interval over seeds; --interval bootstrap for a seeded bootstrap). See docs/rtmm.md and docs/dream.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, markdown }

    @Option(help: "Scenario (or timeline) name.")
    var scenario: String

    @Option(help: "Platform name.")
    var platform: String

    @Option(help: "Comma-separated scheduler names.")
    var schedulers: String = "xrbench,dream"

    @Option(name: .customLong("duration-ms"), help: "Generate frames for this many milliseconds (default 2000; 700 with --xrbench-parity).")
    var durationMilliseconds: Double?

    @Option(name: .customLong("param"), help: ArgumentHelp("A policy parameter, NAME=VALUE or POLICY.NAME=VALUE (repeatable).", valueName: "name=value"))
    var params: [String] = []

    @Option(help: "Run seeds 1...K and average.")
    var seeds: Int = 1

    @Flag(name: .customLong("xrbench-parity"), help: "Reproduce XRBench's own simulator (scheduler xrbench only).")
    var xrbenchParity = false

    @Option(help: "Output format: table, csv, json (JSON lines, one per scheduler) or markdown.")
    var format: Format = .table

    @Option(name: .customLong("config"), parsing: .upToNextOption, help: "YAML files with models, scenarios and platforms.")
    var configs: [String] = []

    @Option(help: "Frame periods: integer-ms (XRBench: 1000/FPS whole ms) or exact.")
    var period: String = PeriodMode.integerMilliseconds.rawValue

    @Option(name: .customLong("jitter-ms"), help: "Delay each frame's arrival by a uniform draw below this many ms.")
    var jitterMilliseconds: Double = 0

    @Option(name: .customLong("cost-variation"), help: "Per-input layer-cost spread (log-normal sigma; 0 = none).")
    var costVariation: Double = 0

    @Flag(name: .customLong("no-per-model"), help: "Leave out the per-model rows of table, CSV and Markdown output.")
    var noPerModel = false

    @Flag(name: [.customLong("check"), .customLong("check-invariants")], help: "Check the engine's invariants during the runs (slower).")
    var checkInvariants = false

    @Flag(name: .customLong("per-seed"), help: "One row per seed instead of the mean over seeds.")
    var perSeed = false

    @Option(help: "95% intervals over seeds: t (Student's t) or bootstrap (seeded percentile bootstrap, 2000 resamples).")
    var interval: String = "t"

    @Option(help: "Compare every other scheduler with this one, seed by seed (paired differences with 95% intervals and wins).")
    var baseline: String?

    @Option(help: "Runs at once (threads; default: every core). Results do not depend on it.")
    var jobs: Int = SweepExecutor.defaultJobs

    @Option(help: "Write the first run's schedule (first scheduler, seed 1) as a Chrome trace JSON file, or, given an existing folder, one trace per run.")
    var trace: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        do {
            let request = try makeRequest()
            let progress = ProgressReporter.standardError(label: "runs", quiet: quiet)
            let summaries = try RTMMCommandLine.summaries(request, registry: CommandEnvironment.policies, progress: progress)
            let table = RTMMCommandLine.table(summaries, perModel: !noPerModel && format != .json, interval: request.interval)
            if let baseline {
                let rows = try PairedComparison.rows(RTMMCommandLine.pairedSamples(summaries), baseline: baseline, interval: request.interval)
                let shared: OutputFormat = switch format { case .table: .table; case .csv: .csv; case .json: .json; case .markdown: .markdown }
                try BaselineOutput.print(results: table, rows: rows, baseline: baseline, headline: RTMMCommandLine.headlineMetrics, format: shared)
                return
            }
            switch format {
            case .table: try Terminal.output(IntervalDisplay.compact(table).text())
            case .csv: try Terminal.output(table.csv())
            case .json: try Terminal.output(table.jsonLines())
            case .markdown: try Terminal.output(IntervalDisplay.compact(table).markdown())
            }
        } catch let error as InputError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(error.exitCode)
        }
    }

    func makeRequest() throws -> RTMMRunRequest {
        guard let periodMode = PeriodMode(rawValue: period) else {
            throw unknownNameError("period mode", period, known: PeriodMode.allCases.map(\.rawValue), field: "period")
        }
        guard jitterMilliseconds.isFinite, jitterMilliseconds >= 0 else {
            throw InputError(.flag, field: "jitter-ms", "the jitter must be a non-negative number of milliseconds")
        }
        guard costVariation.isFinite, costVariation >= 0, costVariation <= 2 else {
            throw InputError(.flag, field: "cost-variation", "the cost variation (sigma) must lie in [0, 2]")
        }
        let options = WorkloadOptions(periodMode: periodMode, jitterSeconds: jitterMilliseconds / 1000,
                                      costVariation: costVariation > 0 ? CostVariation(sigma: costVariation) : nil)
        guard jobs >= 1 else { throw InputError(.flag, field: "jobs", "--jobs must be at least 1") }
        let target = try trace.map { try TraceTarget.of($0) }
        var request = RTMMRunRequest(scenario: scenario, platform: platform, schedulers: try CommandEnvironment.policies.parseList(schedulers, field: "schedulers"),
                              durationMilliseconds: durationMilliseconds, seeds: seeds, xrbenchParity: xrbenchParity,
                              options: options, configPaths: configs, checkInvariants: checkInvariants,
                              parameters: try params.map { try ParameterAssignment.parse($0, field: "param") })
        request.perSeed = perSeed
        if let baseline, !request.schedulers.contains(baseline) {
            throw InputError(.flag, field: "baseline", "the baseline '\(baseline)' is not among --schedulers (\(request.schedulers.joined(separator: ",")))")
        }
        request.interval = try IntervalMethod(parsing: interval, field: "interval")
        request.jobs = jobs
        if let target {
            request.traces = { points, names, platform, run in
                try target.write(points: points, modelNames: names, platform: platform) { point, recorder in try run(point, recorder) }
            }
        }
        return request
    }
}
