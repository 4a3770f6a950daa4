import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies

/// `baton report DIR --out FILE.html`: one self-contained HTML page with every figure and result
/// table of an output directory, and how it was made.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of an output directory.",
        discussion: """
            Includes the command, Baton version and seeds (from DIR/manifest.json), every SVG figure \
            inline and every CSV / JSON-lines table. Nothing is loaded from elsewhere.
            """)

    @Argument(help: "Output directory of a sweep or experiment.")
    var directory: String

    @Option(help: "Output HTML file.")
    var out: String

    @Option(help: "Page title.")
    var title: String?

    @Option(help: "95% intervals of the mean-over-seeds summary: t (Student's t) or bootstrap (seeded, 2000 resamples).")
    var interval: String = "t"

    @Option(help: "For a sweep directory: compare every other scheduler with this one, seed by seed (paired 95% intervals).")
    var baseline: String?

    func run() throws {
        try ReportsCLI.run {
            let method = try IntervalMethod(parsing: interval)
            try ReportsCLI.write(try HTMLReport.build(directory: directory, title: title, interval: method, baseline: baseline), to: out)
            if out != AtomicFile.standardOutputPath { try Terminal.output("wrote \(out)\n") }
        }
    }
}
