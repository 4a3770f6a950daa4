import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies

/// `baton timeline TRACE.json --out FILE.svg`: a static Gantt chart of a Chrome trace.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw a Gantt chart (SVG) of a schedule trace.",
        discussion: """
            Reads a Chrome trace event file (as written by Baton's trace recorder; open it \
            interactively at ui.perfetto.dev) and draws one row per accelerator, one colour per \
            model, deadline misses and drops, over a window of simulated time. See docs/timelines.md.
            """)

    @Argument(help: "Trace file (Chrome trace event JSON).")
    var trace: String

    @Option(help: "Output SVG file.")
    var out: String

    @Option(help: "Window start, simulated seconds (default: start of the trace).")
    var from: Double?

    @Option(help: "Window end, simulated seconds (default: end of the trace).")
    var to: Double?

    @Option(help: "Image width in pixels.")
    var width: Double = 1200

    func run() throws {
        try ReportsCLI.run {
            guard width >= 300, width <= 20_000 else {
                throw InputError(.flag, field: "--width", "width \(width) must be from 300 to 20000 pixels")
            }
            let timeline = try ChromeTraceReader.read(path: trace)
            try ReportsCLI.write(try GanttChart.svg(timeline, fromSeconds: from, toSeconds: to, width: width), to: out)
            if out != AtomicFile.standardOutputPath { try Terminal.output("wrote \(out)\n") }
        }
    }
}
