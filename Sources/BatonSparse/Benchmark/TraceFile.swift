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
        let comma = UInt8(ascii: ",")
        var out = ByteText(capacity: 64 + model.inputs.count * model.layerCount * 48)
        out.append(model.format.header.joined(separator: ",") + "\n")
        for input in model.inputs {
            for k in 0..<model.layerCount {
                switch model.format {
                case .sanger:
                    out.append(input.overallSparsity[k])
                    out.append(byte: comma)
                    out.append(input.loadBalance[k])
                case .eyerissV2:
                    out.append(input.latencySeconds[k])
                    out.append(byte: comma)
                    out.append(input.overallSparsity[k])
                }
                out.append(byte: comma)
                out.append(input.batchIndex)
                out.append(byte: comma)
                out.append(k)
                out.append(byte: 0x0A)
            }
        }
        return out.string
    }

    /// Reads one trace file, streamed; the format is detected from its header and the model is
    /// named by the file stem.
    /// - Throws: `InputError` naming the file, line and field of the first problem.
    public static func read(path: String, options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseModel {
        let stream = try InputFile.csvStream(path, expected: "a CSV trace file")
        return try parse(stream, stem: TraceNaming.stem(fileName: path), options: options)
    }

    /// Parses trace text (see `read(path:options:)`); `stem` names the model.
    public static func parse(text: String, stem: String, source: String,
                             options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseModel {
        try parse(CSVStream(text: text, source: source), stem: stem, options: options)
    }

    static var headersHint: String {
        "expected a header line: '\(TraceFormat.sanger.header.joined(separator: ","))' (Sanger) or '\(TraceFormat.eyerissV2.header.joined(separator: ","))' (Eyeriss-V2)"
    }

    /// Detects the format from the header's column names.
    static func detectFormat(header: [String], source: String) throws -> TraceFormat {
        if header.contains("sim_lat") { return .eyerissV2 }
        if header.contains("50%-skip") { return .sanger }
        throw InputError(.file, file: source, line: 1, "unrecognised trace header",
                         hint: "expected '\(TraceFormat.sanger.header.joined(separator: ","))' (Sanger) or '\(TraceFormat.eyerissV2.header.joined(separator: ","))' (Eyeriss-V2)")
    }

    /// One input's layers while a file is read: values by layer, and which layers were seen.
    struct InputRows {
        var batch: Int
        var firstLine: Int
        var latency: [Double] = []
        var overall: [Double] = []
        var balance: [Double] = []
        var present: [Bool] = []
        var count = 0

        /// Makes room for `layer`, and at once for `expected` layers (the most any input of the
        /// file had so far), so that an input's arrays grow once rather than once per row.
        @inline(__always)
        mutating func reserve(layer: Int, expected: Int) {
            guard layer >= present.count else { return }
            let grow = max(layer + 1, expected) - present.count
            latency.append(contentsOf: repeatElement(0, count: grow))
            overall.append(contentsOf: repeatElement(0, count: grow))
            balance.append(contentsOf: repeatElement(0, count: grow))
            present.append(contentsOf: repeatElement(false, count: grow))
        }
    }

    /// Parses a trace from a stream, one record at a time.
    static func parse(_ stream: CSVStream, stem: String, options: SparseBenchmarkOptions) throws -> SparseModel {
        let source = stream.source
        try stream.readHeader(required: [], allowUnknownColumns: true, emptyHint: headersHint)
        let format = try stream.preferringEncodingErrors {
            let format = try detectFormat(header: stream.header, source: source)
            try stream.checkColumns(required: format.header, optional: format == .sanger ? sangerOptionalColumns : [])
            return format
        }
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
        let batchColumn = stream.column("batch-indx")!
        let layerColumn = stream.column("layer-indx")!
        let sparsityColumn = stream.column("overall-sparsity")!
        let valueColumn = stream.column(format == .sanger ? "50%-skip" : "sim_lat")!
        let sangerLength = costedLength ?? SparseBenchmark.artifactSequenceLength

        // Inputs in order of first appearance; rows of one input usually come together.
        var inputs: [InputRows] = []
        var positionOfBatch: [Int: Int] = [:]
        var lastBatch = -1
        var lastPosition = -1
        var maxLayer = -1
        var lineOfMaxLayer = 0
        while try stream.next() {
            let batch = try stream.int(batchColumn, "batch-indx", in: 0...Int.max)
            let layer = try stream.int(layerColumn, "layer-indx", in: 0...Int.max)
            guard layer < SimulationLimits.maxLayersPerModel else {
                var error = stream.error("layer-indx",
                                         "layer \(layer) exceeds the limit of \(SimulationLimits.maxLayersPerModel) layers per model")
                error.kind = .limit
                throw error
            }
            let position: Int
            if batch == lastBatch {
                position = lastPosition
            } else if let known = positionOfBatch[batch] {
                position = known
            } else {
                guard inputs.count < SparseBenchmark.maxInputsPerFile else {
                    throw stream.error("batch-indx", "more than \(SparseBenchmark.maxInputsPerFile) inputs")
                }
                position = inputs.count
                positionOfBatch[batch] = position
                inputs.append(InputRows(batch: batch, firstLine: stream.line))
            }
            lastBatch = batch
            lastPosition = position
            inputs[position].reserve(layer: layer, expected: maxLayer + 1)
            if inputs[position].present[layer] {
                throw stream.error("layer-indx", "input \(batch) has layer \(layer) twice")
            }
            if layer > maxLayer { maxLayer = layer; lineOfMaxLayer = stream.line }
            switch format {
            case .sanger:
                let d = try stream.double(sparsityColumn, "overall-sparsity")
                guard d > 0, d <= 1 else {
                    throw stream.error("overall-sparsity", "density \(ResultValue.format(d)) is outside (0, 1]",
                                       hint: "Sanger traces hold the attention density (fraction of scores kept)")
                }
                let b = try stream.double(valueColumn, "50%-skip")
                guard b > 0, b <= 1 else {
                    throw stream.error("50%-skip", "load balance \(ResultValue.format(b)) is outside (0, 1]")
                }
                let latency = SangerCostModel.layerLatencySeconds(density: d, loadBalance: b, sequenceLength: sangerLength)
                try checkLatency(latency, stream: stream, field: "50%-skip", what: "the Sanger cost model's latency")
                inputs[position].overall[layer] = d
                inputs[position].balance[layer] = b
                inputs[position].latency[layer] = latency
            case .eyerissV2:
                let t = try stream.double(valueColumn, "sim_lat")
                guard t > 0 else {
                    throw stream.error("sim_lat", "latency \(ResultValue.format(t)) s is not positive")
                }
                let s = try stream.double(sparsityColumn, "overall-sparsity")
                guard s >= 0, s < 1 else {
                    throw stream.error("overall-sparsity",
                                       "sparsity \(ResultValue.format(s)) is outside [0, 1) (density outside (0, 1])")
                }
                try checkLatency(t, stream: stream, field: "sim_lat", what: "latency")
                inputs[position].latency[layer] = t
                inputs[position].overall[layer] = s
            }
            inputs[position].present[layer] = true
            inputs[position].count += 1
        }
        if inputs.isEmpty {
            throw InputError(.file, file: source, "file has a header but no data rows")
        }
        let layerCount = maxLayer + 1
        // Layer indices must not skip a value (over the whole file) ...
        var seen = [Bool](repeating: false, count: layerCount)
        for input in inputs { for (layer, here) in input.present.enumerated() where here { seen[layer] = true } }
        if let gap = seen.firstIndex(of: false) {
            throw InputError(.file, file: source, line: lineOfMaxLayer, field: "layer-indx",
                             "layer indices have a gap: no row has layer \(gap) but layer \(maxLayer) exists")
        }
        // ... and every input needs every layer.
        for input in inputs where input.count != layerCount {
            let missing = (0..<layerCount).first { $0 >= input.present.count || !input.present[$0] } ?? 0
            throw InputError(.file, file: source, line: input.firstLine, field: "layer-indx",
                             "input \(input.batch) has no row for layer \(missing) (the file has \(layerCount) layers)")
        }
        let models = inputs.map {
            SparseInput(batchIndex: $0.batch, latencySeconds: $0.latency, overallSparsity: $0.overall,
                        loadBalance: format == .sanger ? $0.balance : [])
        }
        switch format {
        case .sanger:
            return SparseModel(name: stem, architecture: stem, pattern: TraceNaming.sangerPattern, format: .sanger,
                               sequenceLength: sequenceLength, costedSequenceLength: costedLength,
                               layerCount: layerCount, inputs: models)
        case .eyerissV2:
            let (architecture, pattern) = TraceNaming.eyerissArchitecture(stem: stem)
            return SparseModel(name: stem, architecture: architecture, pattern: pattern, format: .eyerissV2,
                               layerCount: layerCount, inputs: models)
        }
    }
}

extension TraceFile {
    /// A layer latency must lie within `SimulationLimits.layerSeconds` (a limit error otherwise).
    static func checkLatency(_ seconds: Double, stream: CSVStream, field: String, what: String) throws {
        let range = SimulationLimits.layerSeconds
        guard range.contains(seconds) else {
            var error = stream.error(field,
                                     "\(what) \(ResultValue.format(seconds)) s is outside the limits \(ResultValue.format(range.lowerBound))...\(ResultValue.format(range.upperBound)) s",
                                     hint: "trace latencies are seconds per layer (see docs/limits.md)")
            error.kind = .limit
            throw error
        }
    }
}

extension SparseBenchmark {
    /// Checks that `directory` is a directory (the test `load(directory:)` makes first, for a
    /// caller that checks a flag before any work starts; `field` names the flag).
    /// - Throws: `InputError` (.file) if it is missing or not a directory.
    public static func requireTraceDirectory(_ directory: String, field: String? = nil) throws {
        guard InputFile.status(directory) == .directory else {
            throw InputError(.file, file: directory, field: field, "is not a directory of trace files")
        }
    }

    /// Reads every `*.csv` trace file of a directory (not recursive), in name order.
    /// - Throws: `InputError` if the directory cannot be listed, holds no CSV file, or a file is invalid.
    public static func load(directory: String, options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws -> SparseBenchmark {
        try requireTraceDirectory(directory)
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
