import BatonCore

/// The two trace formats of the Dysta artifact (spec section 1).
public enum TraceFormat: String, Sendable, Equatable, CaseIterable {
    /// `overall-sparsity,50%-skip,batch-indx,layer-indx`; `overall-sparsity` holds the attention
    /// *density*; latency comes from `SangerCostModel` at the file's sequence length.
    case sanger
    /// `sim_lat,overall-sparsity,batch-indx,layer-indx`; `sim_lat` in seconds, `overall-sparsity`
    /// is the layer's input-activation sparsity.
    case eyerissV2 = "eyeriss-v2"

    /// The header this format is written with.
    public var header: [String] {
        switch self {
        case .sanger: ["overall-sparsity", "50%-skip", "batch-indx", "layer-indx"]
        case .eyerissV2: ["sim_lat", "overall-sparsity", "batch-indx", "layer-indx"]
        }
    }

    /// The sparsity the run-time monitor sees for a trace value, computed as the artifact does:
    /// `1 - value` for Sanger (the column holds density), the value itself for Eyeriss-V2.
    @inlinable public func monitorSparsity(overallSparsity value: Double) -> Double {
        switch self {
        case .sanger: 1 - value
        case .eyerissV2: value
        }
    }
}

/// Which pool of the study to generate (spec section 1).
public enum SparsePool: String, Sendable, Equatable, CaseIterable {
    /// BERT-base (SQuAD, L = 384), GPT-2 small (GLUE, 128), BART-base (GLUE, 128) on Sanger.
    case attention
    /// ResNet-50, VGG-16, MobileNet-v1, SSD300 x {unstructured, block4, filter} on Eyeriss-V2.
    case cnn
}

/// One input (image or sequence) of a model: its per-layer trace values and true latencies.
public struct SparseInput: Sendable, Equatable {
    /// The input's `batch-indx` in its trace file.
    public var batchIndex: Int
    /// True latency of each layer, in seconds (Sanger: the cost model at the costed sequence length).
    public var latencySeconds: [Double]
    /// The trace column `overall-sparsity` per layer (Sanger: attention density; Eyeriss-V2:
    /// input-activation sparsity), exactly as written in the file.
    public var overallSparsity: [Double]
    /// Sanger's `50%-skip` load balance per layer (empty for Eyeriss-V2).
    public var loadBalance: [Double]

    public init(batchIndex: Int, latencySeconds: [Double], overallSparsity: [Double], loadBalance: [Double] = []) {
        self.batchIndex = batchIndex
        self.latencySeconds = latencySeconds
        self.overallSparsity = overallSparsity
        self.loadBalance = loadBalance
    }
}

/// One trace file: a model with one weight-sparsity pattern and its inputs.
public struct SparseModel: Sendable, Equatable {
    /// The file stem (the model's name in requests and results).
    public var name: String
    /// The architecture the SLO base and pattern-unaware estimates average over (Eyeriss-V2: the
    /// stem up to its first underscore; Sanger: the stem itself).
    public var architecture: String
    /// The sparsity pattern (Eyeriss-V2: the stem after its first underscore; Sanger: "attention").
    public var pattern: String
    /// Trace format (and accelerator).
    public var format: TraceFormat
    /// The sequence length named by a Sanger file (nil for Eyeriss-V2, or if the name has none).
    public var sequenceLength: Int?
    /// The sequence length the Sanger latencies were computed at (512 in compatibility mode).
    public var costedSequenceLength: Int?
    /// Number of layers of every input.
    public var layerCount: Int
    /// Inputs in file order (order of first appearance of their batch index).
    public var inputs: [SparseInput]

    public init(name: String, architecture: String, pattern: String, format: TraceFormat,
                sequenceLength: Int? = nil, costedSequenceLength: Int? = nil, layerCount: Int, inputs: [SparseInput]) {
        self.name = name
        self.architecture = architecture
        self.pattern = pattern
        self.format = format
        self.sequenceLength = sequenceLength
        self.costedSequenceLength = costedSequenceLength ?? sequenceLength
        self.layerCount = layerCount
        self.inputs = inputs
    }

    /// Per-layer true latencies of every input with Sanger layers costed at `sequenceLength`
    /// (Eyeriss-V2 latencies are returned as stored).
    public func latencies(sequenceLength target: Int?) -> [[Double]] {
        guard format == .sanger, let target, target != costedSequenceLength else {
            return inputs.map(\.latencySeconds)
        }
        return inputs.map { input in
            (0..<layerCount).map {
                SangerCostModel.layerLatencySeconds(density: input.overallSparsity[$0],
                                                    loadBalance: input.loadBalance[$0], sequenceLength: target)
            }
        }
    }
}

/// Settings of a benchmark that are not part of a trace file.
public struct SparseBenchmarkOptions: Sendable, Equatable {
    /// Reference-compatibility mode: Sanger layers costed at L = 512, and (in `makeCatalog`)
    /// requests drawn from the first 7 inputs of each file and remaining sums added left to right.
    public var compatibility: SimulationSettings.Compatibility
    /// Weight-sparsity sets of the generated CNN pool (default: the ~20% set only).
    public var weightSets: [WeightSparsitySet]
    /// Share of each generated CNN file's inputs that come from the low-light datasets (the
    /// normal-light inputs come first, as in the artifact's traces). Default 0.5.
    public var lowLightShare: Double
    /// The statistical profile of the generated traces (part of the benchmark's identity).
    public var profile: SparsityProfile
    /// The latency model of the generated CNN pool's layers (default: Eyeriss-V2 with the
    /// artifact's stride-1 MAC count).
    public var cnnCostModel: CNNCostModel

    public init(compatibility: SimulationSettings.Compatibility = .none, weightSets: [WeightSparsitySet] = [.sparse20],
                lowLightShare: Double = 0.5, profile: SparsityProfile = .published,
                cnnCostModel: CNNCostModel = .eyerissV2) {
        self.compatibility = compatibility
        self.weightSets = weightSets
        self.lowLightShare = lowLightShare
        self.profile = profile
        self.cnnCostModel = cnnCostModel
    }

    /// The sequence length Sanger traces are costed at: 512 in compatibility mode (the artifact's
    /// `--seq_len` default for every model), else the one named by the file.
    public func costedSequenceLength(native: Int?) -> Int? {
        compatibility == .dystaArtifact ? SparseBenchmark.artifactSequenceLength : native
    }
}

/// A sparse multi-DNN benchmark: trace files of models x sparsity patterns, each with per-input,
/// per-layer true latencies and sparsities. Built by the shipped generator (`generate`) or read
/// from a directory of trace files in the artifact's formats (`load`); `makeCatalog` turns it into
/// what the simulator needs.
public struct SparseBenchmark: Sendable, Equatable {
    /// Sequence length the artifact costs every attention model at (spec 7.2).
    public static let artifactSequenceLength = 512
    /// Number of inputs the artifact draws from (it counts the 7 keys of a model's table; spec 7.1).
    public static let artifactDrawableInputs = 7
    /// Most inputs per file Baton accepts.
    public static let maxInputsPerFile = 1_000_000

    /// Models (trace files), sorted by name.
    public private(set) var models: [SparseModel]
    /// The options it was built with.
    public var options: SparseBenchmarkOptions

    /// Builds a benchmark from models, checking that they are consistent.
    /// - Throws: `InputError` if names repeat, a model has no inputs, an input has the wrong
    ///   number of layers, or files of one architecture differ in layer count.
    public init(models: [SparseModel], options: SparseBenchmarkOptions = SparseBenchmarkOptions()) throws {
        let sorted = models.sorted { $0.name < $1.name }
        var layersOfArchitecture: [String: (Int, String)] = [:]
        for (i, model) in sorted.enumerated() {
            if i > 0, sorted[i - 1].name == model.name {
                throw InputError(.file, file: model.name, "two trace files define model '\(model.name)'")
            }
            guard model.layerCount > 0, !model.inputs.isEmpty else {
                throw InputError(.file, file: model.name, "model '\(model.name)' has no layers or no inputs")
            }
            guard model.layerCount <= SimulationLimits.maxLayersPerModel else {
                throw InputError(.limit, file: model.name,
                                 "\(model.layerCount) layers exceed the limit of \(SimulationLimits.maxLayersPerModel)")
            }
            for input in model.inputs {
                let sangerColumns = model.format == .sanger ? model.layerCount : 0
                guard input.latencySeconds.count == model.layerCount, input.overallSparsity.count == model.layerCount,
                      input.loadBalance.count == sangerColumns else {
                    throw InputError(.file, file: model.name, field: "batch-indx",
                                     "input \(input.batchIndex) does not have \(model.layerCount) layers")
                }
            }
            if let other = sorted.first(where: { $0.architecture == model.architecture && $0.format != model.format }) {
                throw InputError(.file, file: model.name,
                                 "architecture '\(model.architecture)' is used by a \(model.format.rawValue) trace and by the \(other.format.rawValue) trace '\(other.name)'")
            }
            if let (layers, first) = layersOfArchitecture[model.architecture], layers != model.layerCount {
                throw InputError(.file, file: model.name,
                                 "architecture '\(model.architecture)' has \(layers) layers in '\(first)' but \(model.layerCount) here",
                                 hint: "Eyeriss-V2 files are grouped by the stem up to the first underscore")
            }
            layersOfArchitecture[model.architecture] = (model.layerCount, model.name)
        }
        guard !sorted.isEmpty else { throw InputError(.file, "the benchmark has no trace files") }
        guard sorted.count <= SimulationLimits.maxModels else {
            throw InputError(.limit, "\(sorted.count) models exceed the limit of \(SimulationLimits.maxModels)")
        }
        self.models = sorted
        self.options = options
    }

    /// Names of the models, in order.
    public var modelNames: [String] { models.map(\.name) }
}
