import BatonCore
import Foundation

/// Reading and writing trace files in the Dysta artifact's CSV formats (spec section 1).
public enum TraceFile {
    /// Columns the artifact's Sanger logs may also carry (other load-balance variants); accepted
    /// and ignored when reading.
    public static let sangerOptionalColumns = ["50%-no-skip", "25%-no-skip", "25%-skip"]

    /// The file name of a model's trace (`<name>.csv`).
    public static func fileName(_ model: SparseModel) -> String { model.name + ".csv" }

    /// The CSV text of a model's trace: the format's header, then one row per (input, layer) in
    /// input order, numbers in shortest round-trip form (so reading gives back the same values).
    public static func text(_ model: SparseModel) -> String {
        var out = model.format.header.joined(separator: ",") + "\n"
        for input in model.inputs {
            for k in 0..<model.layerCount {
                switch model.format {
                case .sanger:
                    out += ResultValue.format(input.overallSparsity[k]) + "," + ResultValue.format(input.loadBalance[k])
                case .eyerissV2:
                    out += ResultValue.format(input.latencySeconds[k]) + "," + ResultValue.format(input.overallSparsity[k])
                }
                out += ",\(input.batchIndex),\(k)\n"
            }
        }
        return out
    }

    /// Reads one trace file; the format is detected from its header and the model is named by the
    /// file stem.
    /// - Throws: `InputError` naming the file, line and field of the first problem.
    public static func read(path: String, options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseModel {
        let text = try InputFile.text(path, expected: "a CSV trace file")
        return try parse(text: text, stem: TraceNaming.stem(fileName: path), source: path, options: options)
    }

    /// Detects the format from a header line.
    static func detectFormat(text: String, source: String) throws -> TraceFormat {
        // The header is the first line (CSVTable reads it the same way); "\r\n" is one Character,
        // so the line end is searched in the UTF-8 view.
        let end = text.utf8.firstIndex(of: 0x0A) ?? text.endIndex
        var header = Substring(text[..<end])
        if header.hasPrefix("\u{FEFF}") { header = header.dropFirst() }
        let fields = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if fields.contains("sim_lat") { return .eyerissV2 }
        if fields.contains("50%-skip") { return .sanger }
        throw InputError(.file, file: source, line: 1, "unrecognised trace header",
                         hint: "expected '\(TraceFormat.sanger.header.joined(separator: ","))' (Sanger) or '\(TraceFormat.eyerissV2.header.joined(separator: ","))' (Eyeriss-V2)")
    }

    /// Parses trace text (see `read(path:options:)`); `stem` names the model.
    public static func parse(text: String, stem: String, source: String,
                             options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseModel {
        if text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))).isEmpty {
            throw InputError(.file, file: source, "file is empty",
                             hint: "expected a header line: '\(TraceFormat.sanger.header.joined(separator: ","))' (Sanger) or '\(TraceFormat.eyerissV2.header.joined(separator: ","))' (Eyeriss-V2)")
        }
        let format = try detectFormat(text: text, source: source)
        let table = try CSVTable.parse(text: text, source: source, required: format.header,
                                       optional: format == .sanger ? sangerOptionalColumns : [])
        var sequenceLength: Int?
        var costedLength: Int?
        if format == .sanger {
            sequenceLength = TraceNaming.sequenceLength(stem: stem)
            if let length = sequenceLength, length > 1_000_000 {
                throw InputError(.limit, file: source, field: "file name", "sequence length \(length) exceeds 1000000")
            }
            costedLength = options.costedSequenceLength(native: sequenceLength)
            guard costedLength != nil else {
                throw InputError(.file, file: source, field: "file name",
                                 "cannot find the sequence length in the Sanger trace name '\(stem)'",
                                 hint: "name Sanger traces load_balance_<model>_<dataset>_<seq>.csv, or use the dysta-artifact compatibility mode (which costs every attention model at L = 512)")
            }
        }

        // Rows by input (in order of first appearance) and layer.
        var positionOfBatch: [Int: Int] = [:]
        var batches: [Int] = []
        var firstLine: [Int] = []
        var rowsOfInput: [[Int: Int]] = []   // layer -> data row
        var maxLayer = -1
        var rowOfMaxLayer = 0
        for row in 0..<table.rows.count {
            let batch = try table.int(row, "batch-indx", in: 0...Int.max)
            let layer = try table.int(row, "layer-indx", in: 0...Int.max)
            guard layer < SimulationLimits.maxLayersPerModel else {
                var error = table.error(row, "layer-indx",
                                        "layer \(layer) exceeds the limit of \(SimulationLimits.maxLayersPerModel) layers per model")
                error.kind = .limit
                throw error
            }
            let position: Int
            if let known = positionOfBatch[batch] {
                position = known
            } else {
                guard batches.count < SparseBenchmark.maxInputsPerFile else {
                    throw table.error(row, "batch-indx", "more than \(SparseBenchmark.maxInputsPerFile) inputs")
                }
                position = batches.count
                positionOfBatch[batch] = position
                batches.append(batch)
                firstLine.append(row)
                rowsOfInput.append([:])
            }
            if rowsOfInput[position][layer] != nil {
                throw table.error(row, "layer-indx", "input \(batch) has layer \(layer) twice")
            }
            rowsOfInput[position][layer] = row
            if layer > maxLayer { maxLayer = layer; rowOfMaxLayer = row }
        }
        let layerCount = maxLayer + 1
        // Layer indices must not skip a value (over the whole file) ...
        var seen = [Bool](repeating: false, count: layerCount)
        for rows in rowsOfInput { for layer in rows.keys { seen[layer] = true } }
        if let gap = seen.firstIndex(of: false) {
            throw table.error(rowOfMaxLayer, "layer-indx",
                              "layer indices have a gap: no row has layer \(gap) but layer \(maxLayer) exists")
        }
        // ... and every input needs every layer.
        for (position, rows) in rowsOfInput.enumerated() where rows.count != layerCount {
            let missing = (0..<layerCount).first { rows[$0] == nil } ?? 0
            throw table.error(firstLine[position], "layer-indx",
                              "input \(batches[position]) has no row for layer \(missing) (the file has \(layerCount) layers)")
        }

        var inputs: [SparseInput] = []
        inputs.reserveCapacity(batches.count)
        for (position, rows) in rowsOfInput.enumerated() {
            var latency = [Double](repeating: 0, count: layerCount)
            var overall = [Double](repeating: 0, count: layerCount)
            var balance = [Double](repeating: 0, count: format == .sanger ? layerCount : 0)
            for k in 0..<layerCount {
                guard let row = rows[k] else { continue }  // checked above
                switch format {
                case .sanger:
                    let d = try table.double(row, "overall-sparsity")
                    guard d > 0, d <= 1 else {
                        throw table.error(row, "overall-sparsity", "density \(ResultValue.format(d)) is outside (0, 1]",
                                          hint: "Sanger traces hold the attention density (fraction of scores kept)")
                    }
                    let b = try table.double(row, "50%-skip")
                    guard b > 0, b <= 1 else {
                        throw table.error(row, "50%-skip", "load balance \(ResultValue.format(b)) is outside (0, 1]")
                    }
                    overall[k] = d
                    balance[k] = b
                    latency[k] = SangerCostModel.layerLatencySeconds(density: d, loadBalance: b,
                                                                     sequenceLength: costedLength ?? SparseBenchmark.artifactSequenceLength)
                    try checkLatency(latency[k], table: table, row: row, field: "50%-skip",
                                     what: "the Sanger cost model's latency")
                case .eyerissV2:
                    let t = try table.double(row, "sim_lat")
                    guard t > 0 else {
                        throw table.error(row, "sim_lat", "latency \(ResultValue.format(t)) s is not positive")
                    }
                    let s = try table.double(row, "overall-sparsity")
                    guard s >= 0, s < 1 else {
                        throw table.error(row, "overall-sparsity",
                                          "sparsity \(ResultValue.format(s)) is outside [0, 1) (density outside (0, 1])")
                    }
                    try checkLatency(t, table: table, row: row, field: "sim_lat", what: "latency")
                    latency[k] = t
                    overall[k] = s
                }
            }
            inputs.append(SparseInput(batchIndex: batches[position], latencySeconds: latency,
                                      overallSparsity: overall, loadBalance: balance))
        }
        switch format {
        case .sanger:
            return SparseModel(name: stem, architecture: stem, pattern: TraceNaming.sangerPattern, format: .sanger,
                               sequenceLength: sequenceLength, costedSequenceLength: costedLength,
                               layerCount: layerCount, inputs: inputs)
        case .eyerissV2:
            let (architecture, pattern) = TraceNaming.eyerissArchitecture(stem: stem)
            return SparseModel(name: stem, architecture: architecture, pattern: pattern, format: .eyerissV2,
                               layerCount: layerCount, inputs: inputs)
        }
    }
}

extension TraceFile {
    /// A layer latency must lie within `SimulationLimits.layerSeconds` (a limit error otherwise).
    static func checkLatency(_ seconds: Double, table: CSVTable, row: Int, field: String, what: String) throws {
        let range = SimulationLimits.layerSeconds
        guard range.contains(seconds) else {
            var error = table.error(row, field,
                                    "\(what) \(ResultValue.format(seconds)) s is outside the limits \(ResultValue.format(range.lowerBound))...\(ResultValue.format(range.upperBound)) s",
                                    hint: "trace latencies are seconds per layer (see docs/limits.md)")
            error.kind = .limit
            throw error
        }
    }
}

extension SparseBenchmark {
    /// Reads every `*.csv` trace file of a directory (not recursive), in name order.
    /// - Throws: `InputError` if the directory cannot be listed, holds no CSV file, or a file is invalid.
    public static func load(directory: String, options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseBenchmark {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(.file, file: directory, "is not a directory of trace files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw InputError(.file, file: directory, "cannot list directory")
        }
        let files = names.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        guard !files.isEmpty else {
            throw InputError(.file, file: directory, "no .csv trace files in directory")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return try load(files: files.map { base + $0 }, options: options)
    }

    /// Reads the given trace files.
    /// - Throws: `InputError`: a bad file (kind `.file`), or (kind `.limit`) files together larger
    ///   than `SimulationLimits.maxDataFileBytes` (checked before reading) or holding more than
    ///   `SimulationLimits.maxTraceRows` rows.
    public static func load(files: [String], options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseBenchmark {
        var bytes = 0
        for file in files { bytes += try InputFile.size(file, expected: "a CSV trace file") }
        guard bytes <= SimulationLimits.maxDataFileBytes else {
            throw InputError(.limit, file: files.count == 1 ? files[0] : nil,
                             "the trace files hold \(bytes) bytes together, over the limit of \(SimulationLimits.maxDataFileBytes) bytes",
                             hint: "use fewer inputs per trace file (see docs/limits.md)")
        }
        var models: [SparseModel] = []
        var rows = 0
        for file in files {
            let model = try TraceFile.read(path: file, options: options)
            rows += model.layerCount * model.inputs.count
            guard rows <= SimulationLimits.maxTraceRows else {
                throw InputError(.limit, file: file,
                                 "the trace files hold more than \(SimulationLimits.maxTraceRows) rows (inputs x layers) together",
                                 hint: "use fewer inputs per trace file (see docs/limits.md)")
            }
            models.append(model)
        }
        do {
            return try SparseBenchmark(models: models, options: options)
        } catch var error as InputError {
            // The benchmark names models by file stem; point at the file instead.
            if let name = error.file, let path = files.first(where: { TraceNaming.stem(fileName: $0) == name }) {
                error.file = path
            }
            throw error
        }
    }

    /// Writes every model's trace into `directory` (created if needed) and returns the paths. Each
    /// file is written atomically (`AtomicFile`): a failure never leaves a partial trace file.
    /// - Throws: `InputError` (kind `.flag`) naming the directory or file that cannot be written.
    public func write(to directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw InputError(.flag, file: directory, "is a file, expected a directory for the trace files")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(.flag, file: directory, "cannot create directory",
                             hint: "check that its parent exists and is writable")
        }
        let paths = models.map { (directory as NSString).appendingPathComponent(TraceFile.fileName($0)) }
        // Every destination is checked before the first file is written, so a bad one (e.g. a
        // directory of that name) fails the command without leaving some of the files behind.
        for path in paths { try AtomicFile.checkDestination(path) }
        for (model, path) in zip(models, paths) {
            try AtomicFile.write(TraceFile.text(model), to: path)
        }
        return paths
    }
}
