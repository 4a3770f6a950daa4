/// A weight-sparsity set of the CNN pool: per-layer pruning targets by depth (low, mid, high), as
/// in the study's SparseML recipes (artifact `hw_simulator/cnn_eyerissv2/sparseml/recipes_models`).
public enum WeightSparsitySet: String, Sendable, Equatable, CaseIterable {
    /// Targets 0.20 / 0.225 / 0.25 (file suffix `sparse20`).
    case sparse20
    /// Targets 0.575 / 0.6 / 0.625 (file suffix `sparse60`).
    case sparse60

    /// Weight sparsity of the first, middle and last third of the prunable layers.
    public var targets: [Double] {
        switch self {
        case .sparse20: [0.20, 0.225, 0.25]
        case .sparse60: [0.575, 0.6, 0.625]
        }
    }
}

/// The weight-sparsity patterns of the CNN pool.
public enum WeightPattern: String, Sendable, Equatable, CaseIterable {
    /// Magnitude pruning of single weights.
    case unstructured
    /// Magnitude pruning of blocks of 4 weights (SparseML `block4`).
    case block4
    /// Pruning of whole filters (output channels).
    case filter
}

/// Profile of one attention model of the attention pool.
public struct AttentionProfile: Sendable, Equatable {
    /// Short model name used in file names ("bert", "gpt2", "bart").
    public var model: String
    /// Dataset named in the file name ("squad", "glue").
    public var dataset: String
    /// Shipped layer table (its attention blocks are the trace's layers).
    public var layerTable: String
    /// Sequence length named in the file name and used for costing.
    public var sequenceLength: Int
    /// Mean attention density of the first and of the last attention layer (linear in between).
    public var firstLayerDensity: Double
    public var lastLayerDensity: Double
    /// Standard deviation of the log of the per-input factor (shared by all layers of an input).
    public var inputSpread: Double
    /// Standard deviation of the log of the per-layer noise.
    public var layerSpread: Double
    /// Mean `50%-skip` load balance at the layer's mean density.
    public var loadBalanceMean: Double
    /// Exponent of the load balance's growth with density: `b ~ (d / mean_d)^elasticity`.
    public var loadBalanceElasticity: Double
    /// Standard deviation of the log of the load balance's own noise.
    public var loadBalanceSpread: Double

    public init(model: String, dataset: String, layerTable: String, sequenceLength: Int,
                firstLayerDensity: Double, lastLayerDensity: Double, inputSpread: Double, layerSpread: Double,
                loadBalanceMean: Double, loadBalanceElasticity: Double, loadBalanceSpread: Double) {
        self.model = model
        self.dataset = dataset
        self.layerTable = layerTable
        self.sequenceLength = sequenceLength
        self.firstLayerDensity = firstLayerDensity
        self.lastLayerDensity = lastLayerDensity
        self.inputSpread = inputSpread
        self.layerSpread = layerSpread
        self.loadBalanceMean = loadBalanceMean
        self.loadBalanceElasticity = loadBalanceElasticity
        self.loadBalanceSpread = loadBalanceSpread
    }

    /// The trace file stem: `load_balance_<model>_<dataset>_<seq>`.
    public var fileStem: String { "load_balance_\(model)_\(dataset)_\(sequenceLength)" }

    /// Mean density of attention layer `k` of `count`.
    public func meanDensity(layer k: Int, of count: Int) -> Double {
        guard count > 1 else { return firstLayerDensity }
        return firstLayerDensity + (lastLayerDensity - firstLayerDensity) * Double(k) / Double(count - 1)
    }
}

/// Profile of one CNN of the CNN pool.
public struct CNNProfile: Sendable, Equatable {
    /// Model name used in file names ("resnet50", "vgg16", "mobilenet", "ssd300_resnet18").
    public var model: String
    /// Shipped layer table.
    public var layerTable: String
    /// Mean input-activation density of layer 1 and of the last layer (linear in between); layer
    /// 0 reads the normalised image, whose density is 1.
    public var secondLayerDensity: Double
    public var lastLayerDensity: Double

    public init(model: String, layerTable: String, secondLayerDensity: Double, lastLayerDensity: Double) {
        self.model = model
        self.layerTable = layerTable
        self.secondLayerDensity = secondLayerDensity
        self.lastLayerDensity = lastLayerDensity
    }

    /// The trace file stem: `<model>_<pattern>_<set>`.
    public func fileStem(pattern: WeightPattern, set: WeightSparsitySet) -> String {
        "\(model)_\(pattern.rawValue)_\(set.rawValue)"
    }

    /// Mean input-activation density of layer `k` of `count` (before pattern and dataset effects).
    public func meanDensity(layer k: Int, of count: Int) -> Double {
        if k == 0 { return 1 }
        guard count > 2 else { return secondLayerDensity }
        return secondLayerDensity + (lastLayerDensity - secondLayerDensity) * Double(k - 1) / Double(count - 2)
    }
}

/// The statistical profile of Baton's synthetic sparse traces. Together with the seed it is the
/// benchmark's identity: the same profile and seed give byte-identical trace files.
///
/// Per (model, pattern, dataset) and input i, layer k:
/// `density = clamp(mean_k * patternFactor_k * inputFactor_i * noise_ik * datasetShift, minimumDensity, 1)`,
/// with `inputFactor_i = exp(s_in z_i - s_in^2 / 2)` shared by all layers of the input (so layers
/// are correlated) and `noise_ik = exp(s_l z_ik - s_l^2 / 2)` (z standard normal; both factors have
/// mean 1). The anchors and their sources are in docs/benchmark-sparse.md.
public struct SparsityProfile: Sendable, Equatable {
    /// Name of the profile (written into docs and reports).
    public var name: String
    /// The attention pool.
    public var attention: [AttentionProfile]
    /// The CNN pool.
    public var cnn: [CNNProfile]
    /// Weight patterns of the CNN pool.
    public var patterns: [WeightPattern]
    /// Per-input and per-layer log spreads of the CNN activation density (normal light).
    public var cnnInputSpread: Double
    public var cnnLayerSpread: Double
    /// Low-light inputs: density multiplied by this shift (< 1: sparser) ...
    public var lowLightDensityShift: Double
    /// ... and both spreads multiplied by this factor (> 1: wider).
    public var lowLightSpreadFactor: Double
    /// Filter pruning: the next layer's input density is multiplied by `1 - this * weightSparsity`
    /// of the layer before (the share of a pruned filter's channels that ReLU turns into zeros).
    public var filterChannelZeroing: Double
    /// Densities are clamped to [minimumDensity, 1].
    public var minimumDensity: Double
    /// Load balances are clamped to [minimumLoadBalance, 1].
    public var minimumLoadBalance: Double

    public init(name: String, attention: [AttentionProfile], cnn: [CNNProfile], patterns: [WeightPattern],
                cnnInputSpread: Double, cnnLayerSpread: Double, lowLightDensityShift: Double,
                lowLightSpreadFactor: Double, filterChannelZeroing: Double, minimumDensity: Double,
                minimumLoadBalance: Double) {
        self.name = name
        self.attention = attention
        self.cnn = cnn
        self.patterns = patterns
        self.cnnInputSpread = cnnInputSpread
        self.cnnLayerSpread = cnnLayerSpread
        self.lowLightDensityShift = lowLightDensityShift
        self.lowLightSpreadFactor = lowLightSpreadFactor
        self.filterChannelZeroing = filterChannelZeroing
        self.minimumDensity = minimumDensity
        self.minimumLoadBalance = minimumLoadBalance
    }

    /// Baton's profile, fixed from published statistics before any scheduler was run (see
    /// docs/benchmark-sparse.md for every anchor). Never tune it towards a scheduler.
    public static let published = SparsityProfile(
        name: "baton-sparse-v1",
        attention: [
            // Sanger (MICRO 2021): BERT prunes to densities 0.08-0.27 without accuracy loss.
            AttentionProfile(model: "bert", dataset: "squad", layerTable: "bert_base_seq384", sequenceLength: 384,
                             firstLayerDensity: 0.24, lastLayerDensity: 0.10, inputSpread: 0.15, layerSpread: 0.08,
                             loadBalanceMean: 0.55, loadBalanceElasticity: 0.5, loadBalanceSpread: 0.05),
            // Shorter (128) causal sequences: a fixed threshold keeps a larger share (see docs).
            AttentionProfile(model: "gpt2", dataset: "glue", layerTable: "gpt2_small_seq128", sequenceLength: 128,
                             firstLayerDensity: 0.36, lastLayerDensity: 0.18, inputSpread: 0.15, layerSpread: 0.08,
                             loadBalanceMean: 0.55, loadBalanceElasticity: 0.5, loadBalanceSpread: 0.05),
            AttentionProfile(model: "bart", dataset: "glue", layerTable: "bart_base_seq128", sequenceLength: 128,
                             firstLayerDensity: 0.32, lastLayerDensity: 0.16, inputSpread: 0.15, layerSpread: 0.08,
                             loadBalanceMean: 0.55, loadBalanceElasticity: 0.5, loadBalanceSpread: 0.05),
        ],
        cnn: [
            CNNProfile(model: "mobilenet", layerTable: "mobilenet_v1", secondLayerDensity: 0.65, lastLayerDensity: 0.40),
            CNNProfile(model: "resnet50", layerTable: "resnet50", secondLayerDensity: 0.55, lastLayerDensity: 0.30),
            CNNProfile(model: "ssd300_resnet18", layerTable: "ssd300_resnet18_voc", secondLayerDensity: 0.55, lastLayerDensity: 0.30),
            CNNProfile(model: "vgg16", layerTable: "vgg16", secondLayerDensity: 0.55, lastLayerDensity: 0.25),
        ],
        patterns: [.unstructured, .block4, .filter],
        cnnInputSpread: 0.08, cnnLayerSpread: 0.05,
        lowLightDensityShift: 0.85, lowLightSpreadFactor: 1.6,
        filterChannelZeroing: 0.5, minimumDensity: 0.01, minimumLoadBalance: 0.05)
}
