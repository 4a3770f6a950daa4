import ArgumentParser
import BatonCore
import BatonPolicies
import BatonExperiments
import BatonStudies
import BatonSparse
import BatonRTMM

/// `baton bench`: performance figures of the engine, schedulers and experiments.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure simulation speed, decision latency, experiment wall time and memory.",
        discussion: """
        Parts (all by default, or one with --only):
          steps     layer steps per second and decision latency (median, p99) of every registered \
        policy with 1, 16, 64, 256 and 4096 tasks in the system, on one accelerator (the Dysta study's \
        attention jobs) and on four (XRBench's outdoor-a frames on quad-4k-ws-os); finished and dropped \
        jobs are replaced, drops_per_decision counts the frames a decision dropped (DREAM), and \
        ns_per_frame_handled is the timed decisions' total over the frames they started or dropped; \
        --warmup makes that many decisions untimed first (all jobs arrive at once at the start, and \
        time-dependent policies reach their steady state only after many decisions);
          sweep     the Dysta study's rate sweep end to end, single-threaded;
          million   one million requests at utilisation 0.9 with dysta: time and peak memory;
          dream     the DREAM five-scenario experiment end to end;
          io        MB/s reading and writing each file kind (trace folders of both formats, request \
        tables whole and streamed, result tables, Chrome traces);
          replay    --replay-requests rows written to a request table, then replayed from the file with \
        fcfs: time and peak memory (only with --only replay, so the peak is its own).
        Wall-clock figures: build in release mode (swift run -c release baton bench). --quick runs \
        smaller sizes.
        """
    )

    @Option(help: "Run one part: steps, sweep, million, dream, io, replay.")
    var only: String?

    @Flag(help: "Smaller sizes (seconds instead of minutes).")
    var quick = false

    @Option(help: "Comma-separated tasks-in-system counts for the steps part.")
    var populations: String = "1,16,64,256,4096"

    @Option(help: "Comma-separated policies for the steps part (default: every registered policy).")
    var schedulers: String?

    @Option(help: "Timed decisions per row of the steps part (default: 2,000,000 / (tasks / 16), at least 500).")
    var decisions: Int?

    @Option(help: "Untimed decisions per row of the steps part before timing starts, for steady-state figures.")
    var warmup: Int = 0

    @Option(help: "Requests for the million part.")
    var requests: Int = 1_000_000

    @Option(help: "Rows of the request table for the replay part.")
    var replayRequests: Int = 10_000_000

    @Option(help: "Output format: table, csv, json, markdown.")
    var format: OutputFormat = .table

    @Flag(help: "No progress on stderr.")
    var quiet = false

    static let parts = ["steps", "sweep", "million", "dream", "io", "replay"]

    func run() throws {
        if let only, !Self.parts.contains(only) {
            throw unknownNameError("benchmark part", only, known: Self.parts, field: "--only")
        }
        func wanted(_ part: String) -> Bool { only == nil || only == part }
        // The million part first: peak memory is process-wide.
        if wanted("million") {
            guard (1...SimulationLimits.maxRequests).contains(requests) else {
                throw InputError(.flag, field: "--requests", "requests must be 1...\(SimulationLimits.maxRequests)")
            }
            try Terminal.output(format.render(try SparseBenchmarks.million(requests: quick ? min(requests, 100_000) : requests)) + "\n")
        }
        if only == "replay" {
            guard (1...SimulationLimits.maxRequests).contains(replayRequests) else {
                throw InputError(.flag, field: "--replay-requests", "rows must be 1...\(SimulationLimits.maxRequests)")
            }
            try Terminal.output(format.render(try InputOutputBenchmarks.replay(requests: quick ? min(replayRequests, 200_000) : replayRequests)) + "\n")
        }
        if wanted("io") {
            try Terminal.output(format.render(try InputOutputBenchmarks.throughput(quick: quick)) + "\n")
        }
        if wanted("sweep") {
            try Terminal.output(format.render(try SparseBenchmarks.rateSweep(quick: quick)) + "\n")
        }
        if wanted("steps") {
            if let decisions, !(1...100_000_000).contains(decisions) {
                throw InputError(.flag, field: "--decisions", "decisions must be 1...100000000")
            }
            guard (0...100_000_000).contains(warmup) else {
                throw InputError(.flag, field: "--warmup", "warm-up decisions must be 0...100000000")
            }
            let counts = try ListParsing.numbers(populations, flag: "--populations", in: 1...100_000, what: "tasks in system").map { Int($0) }
            let progress = ProgressReporter.standardError(label: "steps", quiet: quiet)
            let names = try schedulers.map { try PolicyRegistry.builtIn.parseList($0) } ?? PolicyRegistry.builtIn.names
            var table = try SparseBenchmarks.throughput(populations: counts, schedulers: names, quick: quick, decisions: decisions, warmup: warmup,
                                                           progress: progress.update)
            progress.finish()
            let multi = ProgressReporter.standardError(label: "steps (4 accelerators)", quiet: quiet)
            for row in try DreamBenchmarks.decisions(populations: counts, schedulers: names, quick: quick, decisions: decisions, warmup: warmup,
                                                                 progress: multi.update).rows {
                table.append(row: row)
            }
            multi.finish()
            try Terminal.output(format.render(table) + "\n")
        }
        if wanted("dream") {
            try Terminal.output(format.render(try DreamBenchmarks.uxcost(quick: quick)) + "\n")
        }
    }
}

