import BatonCore
import Foundation
@testable import BatonSparse
import Testing

@Suite("Sparse-study limits and atomic outputs")
struct SparseLimitTests {
    /// The up-front row count is what generation makes: attention 42 rows per input (12
    /// attention-score layers in BERT-base and GPT-2 small, 18 in BART-base: 6 encoder self, 6
    /// decoder self and 6 cross); CNN pool as generated, with and without the ~60% weight set.
    @Test func traceRowsMatchTheGeneratedBenchmark() throws {
        #expect(try SparseBenchmark.traceRows(pool: .attention, inputsPerFile: 1) == 42)
        for weightSets in [[WeightSparsitySet.sparse20], [.sparse20, .sparse60]] {
            let options = SparseBenchmarkOptions(weightSets: weightSets)
            for pool in SparsePool.allCases {
                let benchmark = try SparseBenchmark.generate(pool: pool, inputsPerFile: 3, seed: 1, options: options)
                let rows = benchmark.models.reduce(0) { $0 + $1.layerCount * $1.inputs.count }
                #expect(try SparseBenchmark.traceRows(pool: pool, inputsPerFile: 3, options: options) == rows)
            }
        }
    }

    /// Too many inputs is a limit error raised before anything is generated.
    @Test func generatingBeyondTheRowLimitIsALimitError() throws {
        let perInput = try SparseBenchmark.traceRows(pool: .cnn, inputsPerFile: 1)
        let inputs = SimulationLimits.maxTraceRows / perInput + 1
        let error = #expect(throws: InputError.self) {
            _ = try SparseBenchmark.generate(pool: .cnn, inputsPerFile: inputs, seed: 1)
        }
        #expect(error?.kind == .limit)
        #expect(error?.hint?.contains("at most \(inputs - 1) inputs per file") == true)
    }

    /// Trace files larger than `maxDataFileBytes` together are refused before any is read
    /// (sparse files: no disk space used).
    @Test func traceFilesOverTheByteLimitAreRefusedBeforeReading() throws {
        let directory = Fixtures.scratchDirectory("limit-bytes")
        for name in ["a_x_sparse20.csv", "b_x_sparse20.csv"] {
            let path = directory + "/" + name
            #expect(FileManager.default.createFile(atPath: path, contents: Data("sim_lat\n".utf8)))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(SimulationLimits.maxDataFileBytes / 2 + 1))
            try handle.close()
        }
        let error = #expect(throws: InputError.self) { _ = try SparseBenchmark.load(directory: directory) }
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("bytes together") == true)
        try FileManager.default.removeItem(atPath: directory)
    }

    @Test func extremeTraceLatenciesAreLimitErrors() {
        let header = "sim_lat,overall-sparsity,batch-indx,layer-indx\n"
        for value in ["1e7", "1e-13", "5e-324"] {
            let error = traceError(header + "\(value),0,0,0\n")
            #expect(error?.kind == .limit, "\(value)")
            #expect(error?.line == 2 && error?.field == "sim_lat", "\(value)")
        }
        #expect(traceError(header + "1e6,0,0,0\n") == nil)
        #expect(traceError(header + "1e-12,0,0,0\n") == nil)
        // A Sanger row whose cost-model latency overflows (load balance near 0).
        let sanger = traceError("overall-sparsity,50%-skip,batch-indx,layer-indx\n1,1e-300,0,0\n",
                                stem: "load_balance_x_y_128")
        #expect(sanger?.kind == .limit && sanger?.field == "50%-skip")
        let layer = traceError(header + "0.001,0,0,\(SimulationLimits.maxLayersPerModel)\n")
        #expect(layer?.kind == .limit && layer?.field == "layer-indx")
    }

    @Test func requestTimesBeyondTheTimeLimitAreLimitErrors() throws {
        let workload = try Fixtures.tinyBenchmark().makeCatalog(compatibility: .none)
        let text = "arrival_s,model,priority,input,deadline_s\n2e8,tiny_unstructured_sparse20,1,0,3e8\n"
        let error = #expect(throws: InputError.self) {
            _ = try RequestTable.parse(text: text, source: "r.csv", workload: workload)
        }
        #expect(error?.kind == .limit && error?.line == 2 && error?.field == "arrival_s")
        // 1000 requests at 1e-6/s would span 1e9 s.
        #expect(throws: InputError.self) {
            _ = try RequestGenerator.generate(workload: workload, count: 1000, rate: .perSecond(1e-6), sloMultiplier: 10, seed: 1)
        }
        #expect(throws: InputError.self) {
            _ = try RequestStream(workload: workload, count: 1000, rate: .perSecond(1e-6), sloMultiplier: 10, seed: 1)
        }
        #expect(throws: Never.self) { try RequestGenerator.checkSpan(count: 1000, perSecond: 1e-5) }
    }

    /// When one destination cannot be written (a directory has its name), no trace file is written.
    @Test func benchmarkWriteChecksEveryDestinationFirst() throws {
        let benchmark = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 2, seed: 1)
        let directory = Fixtures.scratchDirectory("limit-write")
        let last = try #require(benchmark.models.last)
        try FileManager.default.createDirectory(atPath: directory + "/" + TraceFile.fileName(last), withIntermediateDirectories: false)
        let error = #expect(throws: InputError.self) { _ = try benchmark.write(to: directory) }
        #expect(error?.message.contains("is a directory") == true)
        #expect(listingOf(directory) == [TraceFile.fileName(last)])
        try FileManager.default.removeItem(atPath: directory + "/" + TraceFile.fileName(last))
        let paths = try benchmark.write(to: directory)
        #expect(listingOf(directory) == benchmark.models.map(TraceFile.fileName).sorted())
        let fromFiles = try SparseBenchmark.load(files: paths)
        #expect(fromFiles.models == (try SparseBenchmark.load(directory: directory)).models)
    }
}
