import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import Foundation

/// `baton sweep FILE --out DIR`: runs every point of a sweep file (or one shard of it) in
/// parallel, appending results to DIR/results.jsonl and resuming from what is already there.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep described in a YAML file.",
        discussion: """
            Results go to DIR/results.jsonl, one JSON object per finished point (its key in "point", \
            its parameters, its metrics). Rerunning the same command resumes: points already in \
            results.jsonl are skipped. DIR also gets sweep.yaml (a copy) and manifest.json. \
            Shards: --shard I/N runs the points whose index mod N is I (0-based); in a Slurm job array \
            or a Kubernetes Indexed Job (with --shards N) the shard comes from the environment. \
            Merge shard directories with `baton merge`. See docs/sweeps.md.
            """)

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(help: "Output directory (created if needed).")
    var out: String

    @Option(help: "Points run at once (default: all cores).")
    var jobs: Int?

    @Option(help: "Run only shard I of N, written I/N (0-based I).")
    var shard: String?

    @Option(help: "Number of shards, for a Kubernetes Indexed Job (index from JOB_COMPLETION_INDEX).")
    var shards: Int?

    @Flag(help: "Start afresh: discard results already in DIR/results.jsonl instead of resuming.")
    var fresh = false

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    @Flag(help: "Check the engine's invariants during every point of the sparse and real-time studies (slower).")
    var check = false

    func run() throws {
        try ReportsCLI.run {
            let runners = CommandEnvironment.registry.sweepRunners(checkInvariants: check)
            let spec = try SweepSpec.load(path: file, studies: runners.studies)
            let selected = try SweepShard.resolve(explicit: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
            let progress = ProgressReporter.standardError(label: spec.name, quiet: quiet)
            let summary = try SweepExecutor.run(
                spec: spec, outDirectory: out, jobs: jobs ?? SweepExecutor.defaultJobs, shard: selected,
                resume: !fresh, progress: progress, registry: runners, command: ReportsCLI.commandLine)
            var line = "sweep \(spec.name): \(summary.ran) point(s) run, \(summary.alreadyDone) already done"
            if let selected { line += ", shard \(selected) of \(summary.pointsTotal) points" }
            line += " -> \(summary.resultsPath)"
            try Terminal.output(line + "\n")
            if summary.droppedPartialLine {
                ReportsCLI.printError("note: removed a partial last line left by an interrupted run")
            }
            if summary.foreignLines > 0 {
                ReportsCLI.printError("note: \(summary.foreignLines) line(s) in results.jsonl are not points of this sweep (kept)")
            }
        }
    }
}
