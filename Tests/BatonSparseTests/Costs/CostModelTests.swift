import Testing
import BatonCore
@testable import BatonSparse

@Suite("Sanger cost model")
struct SangerCostModelTests {
    /// d = 0.25, b = 0.5, L = 128:
    /// rows = 0.25 / 0.5 / 0.25 * 128 = 256
    /// t_lin  = 128 * 768^2 * 6 / 1e9 / 2048 = 452984832 / 2048 ns = 221184 ns
    /// t_proj = 128 * 768^2 * 2 / 1e9 / (2048 / 0.25 * 0.5 = 4096) = 36864 ns
    /// cycles = (256 / 64) * ((768 + 64) + (256 + 64)) * (128 / 64) = 4 * 1152 * 2 = 9216 -> 9216 ns
    /// total  = 221184 + 9216 + 36864 = 267264 ns
    @Test func shortSequence() {
        let t = SangerCostModel.layerLatencySeconds(density: 0.25, loadBalance: 0.5, sequenceLength: 128)
        #expect(close(t, 267_264e-9, 1e-13))
        // Bit-identical to the artifact's order of operations (value printed by Python for the same inputs).
        #expect(t == 0.00026726399999999997)
    }

    /// d = 0.1, b = 1, L = 384:
    /// rows = 0.1 / 1 / 0.25 * 384 = 153.6
    /// t_lin  = 384 * 768^2 * 6 / 2048 ns = 663552 ns
    /// t_proj = 384 * 768^2 * 2 / (2048 / 0.1) ns = 22118.4 ns
    /// cycles = (153.6 / 64) * (832 + 153.6 + 64) * 6 = 2.4 * 1049.6 * 6 = 15114.24
    /// total  = 663552 + 15114.24 + 22118.4 = 700784.64 ns
    @Test func bertSequence() {
        let t = SangerCostModel.layerLatencySeconds(density: 0.1, loadBalance: 1, sequenceLength: 384)
        #expect(close(t, 700_784.64e-9, 1e-13))
        #expect(t == 0.00070078464)
        #expect(SangerCostModel.layerLatencySeconds(density: 0.17, loadBalance: 0.63, sequenceLength: 512) == 0.0010643862091206852)
    }

    /// Denser attention costs more; the dense projection dominates (sparsity moves a layer by ~5-20%).
    @Test func densityRaisesLatencyModestly() {
        let sparse = SangerCostModel.layerLatencySeconds(density: 0.08, loadBalance: 0.55, sequenceLength: 384)
        let dense = SangerCostModel.layerLatencySeconds(density: 0.27, loadBalance: 0.55, sequenceLength: 384)
        #expect(dense > sparse)
        #expect(dense / sparse > 1.05 && dense / sparse < 1.3)
    }
}

@Suite("Eyeriss-V2 cost model")
struct EyerissV2CostModelTests {
    /// Stride-1 'same' taps along one dimension.
    /// size 56, kernel 3: 56 * 3 - 1 * 2 = 166; size 224, kernel 7: 224 * 7 - 3 * 4 = 1556;
    /// size 5, kernel 7: pairs (o, i) in 0..<5 with |i - o| <= 3 = 25 - 2 = 23; size 1, kernel 3: 1.
    @Test func samePaddedTaps() {
        #expect(EyerissV2CostModel.samePaddedTaps(size: 56, kernel: 3) == 166)
        #expect(EyerissV2CostModel.samePaddedTaps(size: 224, kernel: 7) == 1556)
        #expect(EyerissV2CostModel.samePaddedTaps(size: 5, kernel: 7) == 23)
        #expect(EyerissV2CostModel.samePaddedTaps(size: 1, kernel: 3) == 1)
        #expect(EyerissV2CostModel.samePaddedTaps(size: 7, kernel: 1) == 7)
    }

    /// 3x3 conv, C = K = 16, 56 x 56, weight density 0.8, input density 0.3:
    /// dense valid MACs = 16 * 16 * 166 * 166 = 7054336; valid = 0.24 * 7054336 = 1693040.64
    /// address checks: C0 = largest power of 2 <= 16 / 3 = 4; M0 = 16 -> 1 filter tile;
    ///   4 channel tiles * S 3 * 3136 = 37632
    /// cycles = floor((4 * 1693040.64 + 37632) / 192) = floor(35467.68) = 35467 -> 35467 / 200 MHz
    @Test func convolution() {
        let layer = LayerShape(name: "c", kind: .conv, inputChannels: 16, inputHeight: 56, inputWidth: 56,
                               outputChannels: 16, kernelHeight: 3, kernelWidth: 3, padding: 1)
        #expect(EyerissV2CostModel.denseValidMACs(layer) == 7_054_336)
        #expect(EyerissV2CostModel.addressCheckCycles(layer) == 37_632)
        let t = EyerissV2CostModel.layerLatencySeconds(layer, weightDensity: 0.8, inputDensity: 0.3)
        #expect(t == 35_467 / 200e6)
    }

    /// fc 1024 -> 1000, weight density 0.75, input density 0.5:
    /// valid = 0.375 * 1024000 = 384000; checks = ceil(1000 / 32) = 32 filter tiles * 1024 / 16 = 64 -> 2048
    /// cycles = floor((1536000 + 2048) / 192) = floor(8010.67) = 8010
    @Test func fullyConnected() {
        let layer = LayerShape(name: "fc", kind: .fc, inputChannels: 1024, inputHeight: 1, inputWidth: 1, outputChannels: 1000)
        #expect(EyerissV2CostModel.addressCheckCycles(layer) == 2048)
        #expect(EyerissV2CostModel.layerLatencySeconds(layer, weightDensity: 0.75, inputDensity: 0.5) == 8010 / 200e6)
    }

    /// Depthwise 3x3, C = K = groups = 32, 112 x 112, weights dense, input density 0.5:
    /// dense valid = 32 * 1 * 334 * 334 = 3569792; valid = 1784896
    /// checks: Kg = 1 -> 1 tile; C0 = 4 -> 8 channel tiles; * S 3 * 12544 = 301056
    /// cycles = floor((7139584 + 301056) / 192) = floor(38753.33) = 38753
    @Test func depthwise() {
        let layer = LayerShape(name: "dw", kind: .dwconv, inputChannels: 32, inputHeight: 112, inputWidth: 112,
                               outputChannels: 32, kernelHeight: 3, kernelWidth: 3, padding: 1, groups: 32)
        #expect(EyerissV2CostModel.denseValidMACs(layer) == 3_569_792)
        #expect(EyerissV2CostModel.addressCheckCycles(layer) == 301_056)
        #expect(EyerissV2CostModel.layerLatencySeconds(layer, weightDensity: 1, inputDensity: 0.5) == 38_753 / 200e6)
    }

    /// The alternative count uses the layer's published MACs. ResNet-50's stem (7x7, stride 2, on
    /// 3 x 224 x 224, 64 filters) has 118013952 MACs; the stride-1 count is 64 * 3 * 1556^2, ~3.9x more.
    /// Checks: C0 = 3 (C <= 3), M0 = 32 -> 2 filter tiles * 1 channel tile * S 7 * 50176 = 702464;
    /// dense published: floor((472055808 + 702464) / 192) = floor(2462282.67) = 2462282 cycles.
    @Test func publishedMACCounting() throws {
        let stem = try #require(try LayerTables.load("resnet50").first)
        let published: Double = 118_013_952
        let strideOne: Double = 64 * 3 * 1556 * 1556
        #expect(EyerissV2CostModel.denseValidMACs(stem, counting: .published) == published)
        #expect(EyerissV2CostModel.denseValidMACs(stem) == strideOne)
        #expect(EyerissV2CostModel.addressCheckCycles(stem) == 702_464)
        let latency = EyerissV2CostModel.layerLatencySeconds(stem, weightDensity: 1, inputDensity: 1, counting: .published)
        let expected: Double = 2_462_282 / 200e6
        #expect(latency == expected)
    }

    /// The address check stays below 1% of the effectual-MAC cycles for whole models at typical densities.
    @Test func addressCheckIsSmall() throws {
        for name in ["resnet50", "vgg16", "mobilenet_v1", "ssd300_resnet18_voc"] {
            var mac = 0.0, check = 0.0
            for layer in try LayerTables.load(name) {
                mac += 4 * 0.8 * 0.45 * EyerissV2CostModel.denseValidMACs(layer)
                check += EyerissV2CostModel.addressCheckCycles(layer)
            }
            #expect(check / mac < 0.01, "\(name): \(check / mac)")
        }
    }
}

@Suite("Layer tables")
struct LayerTableTests {
    @Test func shippedTablesLoad() throws {
        #expect(try LayerTables.load("resnet50").count == 54)
        #expect(try LayerTables.load("vgg16").count == 16)
        #expect(try LayerTables.load("mobilenet_v1").count == 28)
        #expect(try LayerTables.load("ssd300_resnet18_voc").count == 37)
        // Attention blocks: BERT and GPT-2 12, BART 6 encoder + 6 decoder self + 6 cross = 18.
        #expect(try LayerTables.load("bert_base_seq384").filter(\.isAttentionScore).count == 12)
        #expect(try LayerTables.load("gpt2_small_seq128").filter(\.isAttentionScore).count == 12)
        #expect(try LayerTables.load("bart_base_seq128").filter(\.isAttentionScore).count == 18)
    }

    @Test func unknownTableSuggests() {
        let error = #expect(throws: InputError.self) { try LayerTables.load("resnet5") }
        #expect(error?.hint?.contains("did you mean 'resnet50'") == true)
    }
}
