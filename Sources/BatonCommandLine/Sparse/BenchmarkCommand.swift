import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import BatonSparse
import Foundation

/// `baton benchmark`: the shipped synthetic sparse benchmark.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Generate the sparse study's synthetic benchmark traces.",
        subcommands: [Generate.self]
    )

    /// `baton benchmark generate`: writes the traces in the Dysta artifact's CSV formats.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a pool's synthetic traces in the Dysta artifact's CSV formats and file names.",
            discussion: """
            Attention pool: load_balance_<model>_<dataset>_<seq>.csv with columns \
            overall-sparsity,50%-skip,batch-indx,layer-indx (the first column holds the attention density). \
            CNN pool: <model>_<pattern>_sparse20.csv with columns sim_lat,overall-sparsity,batch-indx,layer-indx. \
            The same --seed and --inputs give byte-identical files (see docs/benchmark-sparse.md).
            """
        )

        @Option(help: "Pool: attention or cnn.")
        var pool: String

        @Option(help: "Inputs per trace file.")
        var inputs: Int = SparseRunPlan.defaultInputsPerFile

        @Option(help: "Seed of the synthetic traces.")
        var seed: UInt64 = 1

        @Flag(name: .customLong("with-sparse60"), help: "Also write the ~60% weight-sparsity CNN set.")
        var withSparse60 = false

        @Option(help: "Output directory (created if missing).")
        var out: String

        func run() throws {
            let poolValue = try SparseFlags.pool(pool)
            var options = SparseBenchmarkOptions()
            if withSparse60 { options.weightSets = [.sparse20, .sparse60] }
            try SparseFlags.checkInputs(inputs, pool: poolValue, weightSets: options.weightSets)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw InputError(.flag, file: out, field: "--out", "is a file, expected a directory for the trace files")
            }
            let benchmark = try SparseBenchmark.generate(pool: poolValue, inputsPerFile: inputs, seed: seed, options: options)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw InputError(.flag, file: out, field: "--out", "cannot create directory",
                                 hint: "check that its parent exists and is writable")
            }
            let files = try benchmark.write(to: out)
            try Terminal.output(files.joined(separator: "\n") + "\n")
        }
    }
}
