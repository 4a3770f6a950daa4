import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import BatonSparse

/// `baton reproduce`: the headline experiments of both studies on the shipped data.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Run the headline experiments of both studies on the shipped data and print their tables.",
        discussion: """
        Sparse study (Dysta, MICRO 2023): the violation/ANTT trade-off and the static/dynamic breakdown on \
        both pools, predictor accuracy on BERT and GPT-2, and Dysta's hardware scheduler against the software \
        one (dysta-hw). Real-time study (DREAM, ASPLOS 2023): UXCost of DREAM and the baselines on five \
        XRBench scenarios, and the ablation. Cross-study: every registered policy on both studies' headline \
        settings. Prints Markdown; with --out DIR also writes every table as CSV, the summaries and plots. \
        --quick runs CI-sized versions.
        """
    )

    @Flag(help: "CI-sized runs (seconds instead of minutes).")
    var quick = false

    @Option(help: "Runs at once (threads; default: every core). Results do not depend on it.")
    var jobs: Int = SweepExecutor.defaultJobs

    @Option(help: "Directory for CSV, Markdown and plot files.")
    var out: String?

    @Option(help: "Seeds 1...K instead of each experiment's own count (not cross-study or dysta-hw, which keep theirs).")
    var seeds: Int?

    @Flag(help: "Check the engine's invariants during every run.")
    var check = false

    @OptionGroup(title: "Figure")
    var figure: FigureFlags

    @Flag(help: "No progress on stderr.")
    var quiet = false

    /// The experiments reproduced, in order.
    static let headline = ["headline-claims", "dysta-tradeoff", "dysta-breakdown", "dysta-predictor", "dysta-hw", "dream-uxcost", "dream-ablation", "cross-study"]

    func run() throws {
        _ = try figure.options()  // checked before any run
        let known = Set(ExperimentCatalog.entries.map(\.name))
        var document = "# Baton \(BatonVersion.current): reproduction of the reference studies\(quick ? " (quick)" : "")\n\n"
        for name in Self.headline where known.contains(name) {
            var options = ExperimentOptions(pools: name == "dysta-predictor" ? [.attention] : SparsePool.allCases,
                                            quick: quick, checkInvariants: check)
            options.jobs = max(1, jobs)
            options.seeds = seeds
            let progress = ProgressReporter.standardError(label: name, quiet: quiet)
            let outputs = try ExperimentCatalog.run(name, options: options, registry: CommandEnvironment.registry, progress: progress)
            progress.finish()
            if let out { for output in outputs { try ExperimentFiles.write(output, to: out, figure: try figure.options()) } }
            document += outputs.map { $0.markdown() }.joined(separator: "\n") + "\n"
        }
        if let out {
            try ExperimentFiles.writeManifest(experiments: Self.headline.filter(known.contains), quick: quick, seeds: seeds, to: out)
        }
        try Terminal.output(document)
    }
}
