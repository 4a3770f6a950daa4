import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies

/// `baton merge DIR... --out DIR`: joins shard outputs into the result set of one unsharded run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge sweep output directories (shards) into one.",
        discussion: """
            Writes OUT/results.jsonl sorted by point key with duplicates removed, plus sweep.yaml and \
            manifest.json. Two different result lines for the same point are an error (exit 65); \
            points of the sweep that no input has are listed as a warning.
            """)

    @Argument(help: "Sweep output directories (or results.jsonl files).")
    var inputs: [String]

    @Option(help: "Output directory.")
    var out: String

    func run() throws {
        try ReportsCLI.run {
            let summary = try SweepMerge.merge(inputs: inputs, outDirectory: out, command: ReportsCLI.commandLine)
            var line = "merged \(inputs.count) input(s): \(summary.points) point(s)"
            if let total = summary.pointsTotal { line += " of \(total)" }
            if summary.duplicatesRemoved > 0 { line += ", \(summary.duplicatesRemoved) identical duplicate(s) removed" }
            try Terminal.output(line + " -> \(out)/results.jsonl" + "\n")
            if summary.missing > 0 {
                ReportsCLI.printError("warning: \(summary.missing) point(s) missing, e.g. \(summary.missingExamples.joined(separator: ", "))")
            }
            if summary.partialLinesIgnored > 0 {
                ReportsCLI.printError("note: ignored \(summary.partialLinesIgnored) partial last line(s) from interrupted runs")
            }
        }
    }
}
