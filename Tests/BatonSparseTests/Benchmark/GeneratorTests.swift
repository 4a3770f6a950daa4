import BatonCore
import Foundation
import Testing
@testable import BatonSparse

@Suite("Synthetic trace generator")
struct GeneratorTests {
    static func texts(_ bench: SparseBenchmark) -> [String] { bench.models.map(TraceFile.text) }

    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() throws {
        for pool in SparsePool.allCases {
            let a = try SparseBenchmark.generate(pool: pool, inputsPerFile: 6, seed: 7)
            let b = try SparseBenchmark.generate(pool: pool, inputsPerFile: 6, seed: 7)
            let c = try SparseBenchmark.generate(pool: pool, inputsPerFile: 6, seed: 8)
            #expect(Self.texts(a) == Self.texts(b))
            #expect(a.modelNames == c.modelNames)
            for (x, y) in zip(Self.texts(a), Self.texts(c)) { #expect(x != y) }
        }
    }

    /// The benchmark's identity is the profile plus the seed: these pinned files (profile
    /// baton-sparse-v1, seed 1, 2 inputs per file) change only if the profile or the generator does.
    /// (Box-Muller and the log-normal factors use the C library's log, cos and exp; the files
    /// were made on Linux with glibc.)
    @Test func pinnedProfileOutput() throws {
        let attention = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 2, seed: 1)
        let gpt2 = try #require(attention.models.first { $0.name == "load_balance_gpt2_glue_128" })
        #expect(TraceFile.text(gpt2) == Fixtures.text("generated/load_balance_gpt2_glue_128.csv"))
        let cnn = try SparseBenchmark.generate(pool: .cnn, inputsPerFile: 2, seed: 1)
        let mobilenet = try #require(cnn.models.first { $0.name == "mobilenet_filter_sparse20" })
        #expect(TraceFile.text(mobilenet) == Fixtures.text("generated/mobilenet_filter_sparse20.csv"))
        #expect(SparsityProfile.published.name == "baton-sparse-v1")
    }

    @Test func fileNamesAndArchitectures() throws {
        let attention = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 2, seed: 1)
        #expect(attention.modelNames == ["load_balance_bart_glue_128", "load_balance_bert_squad_384", "load_balance_gpt2_glue_128"])
        #expect(attention.models.map(\.layerCount) == [18, 12, 12])
        #expect(attention.models.allSatisfy { $0.architecture == $0.name })
        let cnn = try SparseBenchmark.generate(pool: .cnn, inputsPerFile: 2, seed: 1,
                                               options: SparseBenchmarkOptions(weightSets: [.sparse20, .sparse60]))
        #expect(cnn.models.count == 24)
        #expect(cnn.modelNames.contains("ssd300_resnet18_block4_sparse60"))
        let ssd = cnn.models.first { $0.name == "ssd300_resnet18_filter_sparse20" }
        #expect(ssd?.architecture == "ssd300")
        #expect(ssd?.pattern == "resnet18_filter_sparse20")
        #expect(Set(cnn.models.map(\.architecture)) == ["mobilenet", "resnet50", "ssd300", "vgg16"])
    }

    /// Written traces read back to the same benchmark (numbers round-trip exactly).
    @Test func writeThenLoadRoundTrips() throws {
        let directory = Fixtures.scratchDirectory("round-trip")
        for pool in SparsePool.allCases {
            let bench = try SparseBenchmark.generate(pool: pool, inputsPerFile: 3, seed: 11)
            let paths = try bench.write(to: directory + "/" + pool.rawValue)
            #expect(paths.count == bench.models.count)
            let loaded = try SparseBenchmark.load(directory: directory + "/" + pool.rawValue)
            #expect(loaded == bench)
        }
    }

    @Test func badOptions() {
        #expect(throws: InputError.self) { try SparseBenchmark.generate(pool: .cnn, inputsPerFile: 0, seed: 1) }
        #expect(throws: InputError.self) {
            try SparseBenchmark.generate(pool: .cnn, inputsPerFile: 2, seed: 1, options: SparseBenchmarkOptions(lowLightShare: 1.5))
        }
        #expect(throws: InputError.self) {
            try SparseBenchmark.generate(pool: .cnn, inputsPerFile: 2, seed: 1, options: SparseBenchmarkOptions(weightSets: []))
        }
    }

    // MARK: The profile's statistics land in their anchored ranges (docs/benchmark-sparse.md).

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
    }

    /// BERT attention density 0.08-0.27 (Sanger, MICRO 2021); GPT-2 / BART within 0.15-0.40 (docs).
    @Test func attentionDensities() throws {
        let bench = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 200, seed: 3)
        for model in bench.models {
            let range: ClosedRange<Double> = model.name.contains("bert") ? 0.08...0.27 : 0.15...0.40
            for k in 0..<model.layerCount {
                let layerMean = Self.mean(model.inputs.map { $0.overallSparsity[k] })
                #expect(range.contains(layerMean), "\(model.name) layer \(k): \(layerMean)")
            }
            let all = model.inputs.flatMap(\.overallSparsity)
            #expect(all.allSatisfy { $0 > 0 && $0 <= 1 })
            #expect(model.inputs.flatMap(\.loadBalance).allSatisfy { $0 > 0 && $0 <= 1 })
            // Sparsity moves a whole input's latency by a few percent, never by more than ~20%.
            let isolated = model.inputs.map { $0.latencySeconds.reduce(0, +) }
            let spread = (isolated.max()! - isolated.min()!) / Self.mean(isolated)
            #expect(spread > 0.02 && spread < 0.2, "\(model.name): \(spread)")
        }
    }

    /// ReLU CNN input-activation density: 1 at the image, 0.2-0.9 deeper; low light sparser and wider;
    /// weight sparsity 0.20 / 0.225 / 0.25 by depth with the first and depthwise layers dense.
    @Test func cnnDensities() throws {
        let bench = try SparseBenchmark.generate(pool: .cnn, inputsPerFile: 200, seed: 3)
        for model in bench.models {
            let normal = Array(model.inputs.prefix(100)), dark = Array(model.inputs.suffix(100))
            #expect(model.inputs.allSatisfy { $0.overallSparsity[0] == 0 })
            for k in 1..<model.layerCount {
                let layerMean = Self.mean(normal.map { 1 - $0.overallSparsity[k] })
                #expect((0.2...0.9).contains(layerMean), "\(model.name) layer \(k): \(layerMean)")
            }
            func inputMeans(_ inputs: [SparseInput]) -> [Double] {
                inputs.map { Self.mean($0.overallSparsity.dropFirst().map { 1 - $0 }) }
            }
            #expect(Self.mean(inputMeans(dark)) < Self.mean(inputMeans(normal)), "\(model.name)")
            #expect(Self.standardDeviation(inputMeans(dark).map { $0 / Self.mean(inputMeans(dark)) })
                    > Self.standardDeviation(inputMeans(normal).map { $0 / Self.mean(inputMeans(normal)) }), "\(model.name)")
        }
        let layers = try LayerTables.load("mobilenet_v1")
        let weights = SparseBenchmark.weightDensities(layers, set: .sparse20)
        #expect(weights[0] == 1)
        for (k, layer) in layers.enumerated() where layer.kind == .dwconv { #expect(weights[k] == 1) }
        #expect(Set(weights.dropFirst().filter { $0 < 1 }) == [0.8, 0.775, 0.75])
        #expect(weights.last == 0.75)
        #expect(Set(SparseBenchmark.weightDensities(layers, set: .sparse60).filter { $0 < 1 }).count == 3)
        // Filter pruning zeroes channels: its activations are sparser than unstructured pruning's.
        let unstructured = bench.models.first { $0.name == "resnet50_unstructured_sparse20" }!
        let filter = bench.models.first { $0.name == "resnet50_filter_sparse20" }!
        #expect(Self.mean(filter.inputs.flatMap(\.overallSparsity)) > Self.mean(unstructured.inputs.flatMap(\.overallSparsity)))
    }

    /// Layers of one input are correlated (the shared per-input factor), which is what makes the
    /// run-time monitor useful.
    @Test func layersAreCorrelated() throws {
        let bench = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 200, seed: 5)
        let bert = bench.models.first { $0.name.contains("bert") }!
        let a = bert.inputs.map { $0.overallSparsity[1] }, b = bert.inputs.map { $0.overallSparsity[9] }
        let ma = Self.mean(a), mb = Self.mean(b)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
        }
        let correlation = sab / (saa * sbb).squareRoot()
        #expect(correlation > 0.5 && correlation < 0.95)
    }
}
