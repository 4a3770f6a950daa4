import BatonCore

/// A latency model of CNN layers on a sparse accelerator: what the sparse benchmark's CNN pool is
/// costed with. Registered by name (`baton list cost-models`, study parameter `cost_model`), so a
/// package can cost the same pool for its own accelerator.
///
/// `prepare` receives a model's layers once and returns the latency of layer `k` at the given
/// weight and input-activation densities (both in [0, 1]), in seconds; per-layer constants are
/// computed in `prepare`, not per input.
public struct CNNCostModel: Sendable, Equatable {
    /// Registry name (lower-case, `-` between words).
    public var name: String
    /// One line: the accelerator and what the model counts.
    public var summary: String
    /// Makes the latency function of one model's layers.
    public var prepare: @Sendable (_ layers: [LayerShape]) -> @Sendable (_ layer: Int, _ weightDensity: Double, _ inputDensity: Double) -> Double

    public init(name: String, summary: String,
                prepare: @escaping @Sendable ([LayerShape]) -> @Sendable (Int, Double, Double) -> Double) {
        self.name = name
        self.summary = summary
        self.prepare = prepare
    }

    /// Models are identified by name.
    public static func == (a: CNNCostModel, b: CNNCostModel) -> Bool { a.name == b.name }

    /// Eyeriss-V2 as the Dysta study costs it (effectual MACs counted as a stride-1, same-padded
    /// convolution, the artifact's count; the benchmark's default).
    public static let eyerissV2 = eyeriss("eyeriss-v2", .strideOneSamePadded,
                                          "Eyeriss-V2 (192 PEs, 200 MHz), effectual MACs counted as the Dysta artifact does (stride 1, same padding).")
    /// Eyeriss-V2 with each layer's published MAC count (true strides and padding).
    public static let eyerissV2Published = eyeriss("eyeriss-v2-published", .published,
                                                   "Eyeriss-V2 (192 PEs, 200 MHz), effectual MACs from each layer's published MAC count.")

    /// The built-in CNN cost models.
    public static let builtIn = [eyerissV2, eyerissV2Published]

    static func eyeriss(_ name: String, _ counting: EyerissV2CostModel.MACCounting, _ summary: String) -> CNNCostModel {
        CNNCostModel(name: name, summary: summary) { layers in
            let dense = layers.map { EyerissV2CostModel.denseValidMACs($0, counting: counting) }
            let checks = layers.map(EyerissV2CostModel.addressCheckCycles)
            return { k, weightDensity, inputDensity in
                EyerissV2CostModel.latencySeconds(denseValidMACs: dense[k], addressCheckCycles: checks[k],
                                                  weightDensity: weightDensity, inputDensity: inputDensity)
            }
        }
    }
}
