import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import BatonSparse

/// `baton experiment NAME`: one of the studies' built-in experiments.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Run a built-in experiment of the studies and print (and save) its tables.",
        discussion: """
        Sparse study (Dysta): dysta-tradeoff, dysta-slo-sweep, dysta-rate-sweep, dysta-breakdown, \
        dysta-predictor, dysta-hw (Dysta's hardware scheduler against the software one), at the study's settings (1000 requests, seeds 1-5) and at the utilisations that \
        give the study's contention. Real-time study (DREAM): dream-uxcost, dream-ablation, dream-tuning. \
        `baton experiment --list` lists them. With --out DIR, each table is written as CSV with a Markdown \
        summary (and plots) into DIR. --quick runs CI-sized versions.
        """
    )

    @Argument(help: "Experiment name (see --list).")
    var name: String?

    @Flag(help: "List the experiments and exit.")
    var list = false

    @Option(help: "Pool for sparse-study experiments: attention, cnn or both.")
    var pool: String = "both"

    @Option(help: "Directory for CSV, Markdown and plot files.")
    var out: String?

    @Option(help: "Output format on stdout: table, csv, json, markdown.")
    var format: OutputFormat = .markdown

    @Flag(help: "CI-sized runs: fewer requests, seeds and frames.")
    var quick = false

    @Option(help: "Runs at once (threads; default: every core). Results do not depend on it.")
    var jobs: Int = SweepExecutor.defaultJobs

    @Option(help: "Seeds 1...K instead of each experiment's own count (not cross-study or dysta-hw, which keep theirs).")
    var seeds: Int?

    @Flag(help: "Check the engine's invariants during every run.")
    var check = false

    @Option(help: "Add the paired comparison of every other scheduler against this one (sparse simulation experiments, dream-uxcost, dream-ablation).")
    var baseline: String?

    @OptionGroup(title: "Figure")
    var figure: FigureFlags

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        _ = try figure.options()  // checked before any run
        if list {
            let table = ResultTable(columns: ["experiment", "description"],
                                    rows: ExperimentCatalog.entries.map { [.text($0.name), .text($0.title)] })
            try Terminal.output(format == .markdown ? table.markdown() : format.render(table))
            return
        }
        guard let name else {
            throw InputError(.flag, field: "NAME", "give an experiment name", hint: "see `baton experiment --list`")
        }
        var options = ExperimentOptions(pools: try Self.pools(pool), quick: quick, checkInvariants: check)
        options.jobs = max(1, jobs)
        options.seeds = seeds
        options.baseline = baseline
        if let seeds, !(1...10_000).contains(seeds) { throw InputError(.flag, field: "--seeds", "seeds must be 1...10000, got \(seeds)") }
        let progress = ProgressReporter.standardError(label: name, quiet: quiet)
        let outputs = try ExperimentCatalog.run(name, options: options, registry: CommandEnvironment.registry, progress: progress)
        progress.finish()
        if let out {
            for output in outputs { try ExperimentFiles.write(output, to: out, figure: try figure.options()) }
            try ExperimentFiles.writeManifest(experiments: [name], quick: quick, seeds: seeds, to: out)
        }
        try Terminal.output(Self.render(outputs, format: format))
    }

    /// Parses --pool.
    static func pools(_ text: String) throws -> [SparsePool] {
        if text == "both" { return SparsePool.allCases }
        guard let pool = SparsePool(rawValue: text) else {
            throw unknownNameError("pool", text, known: SparsePool.allCases.map(\.rawValue) + ["both"], field: "--pool")
        }
        return [pool]
    }

    /// Renders experiment outputs: Markdown documents, or each table in the chosen format.
    static func render(_ outputs: [ExperimentOutput], format: OutputFormat) -> String {
        switch format {
        case .markdown:
            return outputs.map { $0.markdown() }.joined(separator: "\n")
        case .table:
            return outputs.flatMap(\.tables).map { "\($0.caption)\n\n" + $0.table.text() }.joined(separator: "\n")
        case .csv, .json:
            return outputs.flatMap(\.tables).map { format.render($0.table) }.joined()
        }
    }
}
