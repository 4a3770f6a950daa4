import Foundation
import ArgumentParser
import BatonCore
import BatonPolicies
import BatonExperiments
import BatonStudies
import BatonSparse

/// Validation of the flags the sparse-study commands share, so that each gives the same message
/// (naming the flag, with a suggestion) and fails before any long work.
enum SparseFlags {
    /// `--pool`.
    static func pool(_ text: String) throws -> SparsePool {
        guard let pool = SparsePool(rawValue: text) else {
            throw unknownNameError("pool", text, known: SparsePool.allCases.map(\.rawValue), field: "--pool")
        }
        return pool
    }

    /// `--inputs` for the shipped benchmark of `pool`: at least 1, and within the trace-row limit.
    static func checkInputs(_ inputs: Int, pool: SparsePool, weightSets: [WeightSparsitySet] = [.sparse20]) throws {
        guard inputs >= 1 else {
            throw InputError(.flag, field: "--inputs", "inputs per trace file must be at least 1, got \(inputs)")
        }
        let options = SparseBenchmarkOptions(weightSets: weightSets)
        let rows = try SparseBenchmark.traceRows(pool: pool, inputsPerFile: inputs, options: options)
        guard inputs <= SparseBenchmark.maxInputsPerFile, rows <= SimulationLimits.maxTraceRows else {
            let perInput = max(1, try SparseBenchmark.traceRows(pool: pool, inputsPerFile: 1, options: options))
            let most = min(SparseBenchmark.maxInputsPerFile, SimulationLimits.maxTraceRows / perInput)
            throw InputError(.limit, field: "--inputs",
                             "\(inputs) inputs per trace file exceed the limit of \(most) for the \(pool.rawValue) pool",
                             hint: "the pool's traces may hold at most \(SimulationLimits.maxTraceRows) rows (inputs x layers); see docs/limits.md")
        }
    }

    /// `--compat`: nil for Baton's own semantics.
    static func compatibility(_ text: String?) throws -> SimulationSettings.Compatibility {
        guard let text else { return .none }
        guard let mode = SimulationSettings.Compatibility(rawValue: text), mode != .none else {
            throw unknownNameError("compatibility mode", text, known: ["dysta-artifact"], field: "--compat")
        }
        return mode
    }

    /// `--schedulers`: a comma-separated list of registered policies, without repeats.
    static func schedulers(_ text: String) throws -> [String] {
        try CommandEnvironment.policies.parseList(text, field: "--schedulers")
    }

    /// `--param NAME=VALUE` values (each parsed; validated against the policies when the plan runs).
    static func parameters(_ texts: [String]) throws -> [ParameterAssignment] {
        try texts.map { try ParameterAssignment.parse($0, field: "--param") }
    }

    /// `--requests`: 1...`SimulationLimits.maxRequests` (above it is a limit error).
    static func checkRequests(_ requests: Int) throws {
        guard (1...SimulationLimits.maxRequests).contains(requests) else {
            throw InputError(requests > SimulationLimits.maxRequests ? .limit : .flag, field: "--requests",
                             "requests must be 1...\(SimulationLimits.maxRequests), got \(requests)")
        }
    }

    /// Bounds of the load and SLO flags (requests/s, utilisation, SLO multiplier).
    static let rateRange: ClosedRange<Double> = 1e-9...1e9
    static let utilizationRange: ClosedRange<Double> = 1e-6...100
    static let sloRange: ClosedRange<Double> = 1e-6...1e9

    /// "low...high" with numbers in their shortest form.
    static func describe(_ range: ClosedRange<Double>) -> String {
        "\(ResultValue.format(range.lowerBound))...\(ResultValue.format(range.upperBound))"
    }
}

/// The flags that choose a sparse-study workload, shared by `run` and `requests generate`.
struct SparseWorkloadOptions: ParsableArguments {
    @Option(help: "Workload pool of the shipped benchmark: attention or cnn.")
    var pool: String = "attention"

    @Option(help: "Read trace CSVs (Dysta artifact formats) from this directory instead of the shipped pool.")
    var traces: String?

    @Option(help: "Inputs per trace file when generating the shipped benchmark.")
    var inputs: Int = SparseRunPlan.defaultInputsPerFile

    @Option(name: .customLong("benchmark-seed"), help: "Seed of the shipped benchmark's synthetic traces.")
    var benchmarkSeed: UInt64 = 1

    @Option(help: "Reference-compatibility mode: dysta-artifact (the artifact's loop and quirks; inputs from the first 7 only).")
    var compat: String?

    @Option(name: .customLong("cost-model"), help: "Latency model of the shipped CNN pool's layers (`baton list cost-models`).")
    var costModel: String = CNNCostModel.eyerissV2.name

    /// The CNN cost model the flag names (validated against the registered ones).
    func cnnCostModel() throws -> CNNCostModel {
        let known = CommandEnvironment.registry.components(CNNCostModel.self)
        guard let model = known.first(where: { $0.name == costModel }) else {
            throw unknownNameError("cost model", costModel, known: known.map(\.name), field: "--cost-model")
        }
        return model
    }

    /// The workload the flags name (validated).
    func workload() throws -> SparseRunPlan.Workload {
        if let traces {
            // Checked here, once: read inside the first point, a missing folder failed that point
            // and its message carried the point's key.
            try SparseBenchmark.requireTraceDirectory(traces, field: "--traces")
            return .traces(directory: traces)
        }
        let poolName = try SparseFlags.pool(pool)
        try SparseFlags.checkInputs(inputs, pool: poolName)
        return .pool(poolName, inputsPerFile: inputs, benchmarkSeed: benchmarkSeed)
    }

    /// The compatibility mode the flags name (validated).
    func compatibility() throws -> SimulationSettings.Compatibility { try SparseFlags.compatibility(compat) }

    /// The request tables of `--requests-csv`: comma-separated files, or a folder's `.csv` files
    /// (sorted by name).
    /// - Throws: `InputError` (.file) for a missing file or a folder without tables.
    static func requestTablePaths(_ text: String) throws -> [String] {
        var paths: [String] = []
        for item in text.split(separator: ",").map(String.init) where !item.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory) else {
                throw InputError(.file, file: item, field: "--requests-csv", "does not exist")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: item)) ?? []
                let tables = names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
                guard !tables.isEmpty else {
                    throw InputError(.file, file: item, field: "--requests-csv", "is a directory without .csv request tables")
                }
                paths += tables.map { (item as NSString).appendingPathComponent($0) }
            } else {
                paths.append(item)
            }
        }
        guard !paths.isEmpty else { throw InputError(.flag, field: "--requests-csv", "give at least one request table") }
        return paths
    }
}
