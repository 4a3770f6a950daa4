import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import BatonSparse

/// `baton requests`: request tables for the sparse study.
struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Generate request tables for the sparse study.",
        subcommands: [Generate.self]
    )

    /// `baton requests generate`: one seed's Poisson request table, replayable with `--requests-csv`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a Poisson request table (arrival_s,model,priority,input,deadline_s).",
            discussion: """
            Requests arrive as a Poisson stream; each draws a model uniformly from the workload, a \
            priority from {1, 3, 9} and an input uniformly; deadline = arrival + --slo x the model \
            architecture's mean isolated latency. The file starts with `# key: value` lines recording \
            how it was made (workload, mode, rate or utilisation, SLO, seed, Baton version); replay it with \
            `baton run --requests-csv FILE` with the same --pool/--traces and --compat (another workload or \
            mode is an error unless --allow-provenance-mismatch).
            """
        )



        @OptionGroup(title: "Workload")
        var workloadOptions: SparseWorkloadOptions

        @Option(help: "Arrival rate in requests/s.")
        var rate: Double?

        @Option(help: "Target utilisation instead of a rate.")
        var utilization: Double?

        @Option(help: "SLO multiplier.")
        var slo: Double = 10

        @Option(help: "Number of requests.")
        var requests: Int = 1000

        @Option(help: "Seed of the request stream.")
        var seed: UInt64 = 1

        @Option(help: "Output CSV file.")
        var out: String

        func run() throws {
            var plan = SparseRunPlan()
            plan.workload = try workloadOptions.workload()
            plan.compatibility = try workloadOptions.compatibility()
            let load: RequestRate
            switch (rate, utilization) {
            case (let r?, nil):
                guard r.isFinite, SparseFlags.rateRange.contains(r) else {
                    throw InputError(.flag, field: "--rate", "rate \(ResultValue.format(r)) is out of range (\(SparseFlags.describe(SparseFlags.rateRange)) requests/s)")
                }
                load = .perSecond(r)
            case (nil, let u?):
                guard u.isFinite, SparseFlags.utilizationRange.contains(u) else {
                    throw InputError(.flag, field: "--utilization", "utilisation \(ResultValue.format(u)) is out of range (\(SparseFlags.describe(SparseFlags.utilizationRange)))")
                }
                load = .utilisation(u)
            case (nil, nil): throw InputError(.flag, field: "--rate", "give --rate or --utilization")
            default: throw InputError(.flag, field: "--utilization", "give --rate or --utilization, not both")
            }
            guard slo.isFinite, SparseFlags.sloRange.contains(slo) else {
                throw InputError(.flag, field: "--slo", "SLO multiplier \(ResultValue.format(slo)) is out of range (\(SparseFlags.describe(SparseFlags.sloRange)))")
            }
            try SparseFlags.checkRequests(requests)
            try AtomicFile.checkDestination(out, field: "--out")
            let workload = try SparseStudy.loadWorkload(plan)
            let table = try RequestGenerator.generate(workload: workload, count: requests, rate: load,
                                                      sloMultiplier: slo, seed: seed)
            let provenance = RequestProvenance(workload: plan.workload, mode: plan.compatibility, load: load, sloMultiplier: slo,
                                               requests: requests, seed: seed)
            try AtomicFile.write(provenance.commentText + table.csv(), to: out, field: "--out")
        }
    }
}
