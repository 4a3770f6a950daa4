import BatonCore
import Foundation

/// One layer of a benchmark model, as listed in the shipped layer tables (resource folder
/// `layers`; see its README): a convolution, a depthwise convolution, a fully connected layer, or
/// (in the transformer tables) a GEMM or a batched attention matmul.
public struct LayerShape: Sendable, Equatable {
    /// Layer kind.
    public enum Kind: String, Sendable, Equatable {
        case conv, dwconv, fc, matmul
    }

    public var name: String
    public var kind: Kind
    public var inputChannels: Int
    public var inputHeight: Int
    public var inputWidth: Int
    public var outputChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var stride: Int
    public var padding: Int
    public var groups: Int
    /// True MACs of the layer as published (not the artifact's stride-1 count).
    public var macs: Int

    public init(name: String, kind: Kind, inputChannels: Int, inputHeight: Int, inputWidth: Int,
                outputChannels: Int, kernelHeight: Int = 1, kernelWidth: Int = 1, stride: Int = 1,
                padding: Int = 0, groups: Int = 1, macs: Int = 0) {
        self.name = name
        self.kind = kind
        self.inputChannels = inputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.outputChannels = outputChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        self.groups = groups
        self.macs = macs
    }

    /// Whether this row is the score matmul (`qk`) of an attention block; one per attention layer.
    public var isAttentionScore: Bool {
        kind == .matmul && (name.hasSuffix(".qk") || name.hasSuffix("_qk"))
    }
}

/// The layer tables shipped in the package (resource folder `layers`).
public enum LayerTables {
    /// Names of the shipped tables (file stems).
    public static let names = [
        "bart_base_seq128", "bert_base_seq384", "bert_base_seq512", "gpt2_small_seq128",
        "mobilenet_v1", "mobilenet_v2", "resnet50", "ssd300_resnet18_voc", "vgg16",
    ]

    /// Shipped tables already parsed (they never change within a process).
    private static let loaded = LockedCache<String, [LayerShape]>()

    /// Loads a shipped table by stem (e.g. "resnet50"), parsing each table once per process.
    public static func load(_ name: String) throws -> [LayerShape] {
        try loaded.value(for: name) { try loadUncached(name) }
    }

    private static func loadUncached(_ name: String) throws -> [LayerShape] {
        guard names.contains(name) else {
            throw unknownNameError("layer table", name, known: names, kind: .config)
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "layers")
            ?? Bundle.module.url(forResource: name, withExtension: "csv") else {
            throw InputError(.file, file: "layers/\(name).csv", "layer table missing from the package resources")
        }
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw InputError(.file, file: url.path, "cannot read layer table")
        }
        return try parse(text: text, source: url.path)
    }

    /// Parses a layer table (`idx,name,type,C_in,H_in,W_in,K_out,R,S,stride,pad,groups,H_out,W_out,MACs`).
    public static func parse(text: String, source: String) throws -> [LayerShape] {
        let columns = ["idx", "name", "type", "C_in", "H_in", "W_in", "K_out", "R", "S", "stride", "pad",
                       "groups", "H_out", "W_out", "MACs"]
        let table = try CSVTable.parse(text: text, source: source, required: columns)
        var layers: [LayerShape] = []
        layers.reserveCapacity(table.rows.count)
        for row in 0..<table.rows.count {
            let index = try table.int(row, "idx", in: 0...Int.max)
            guard index == layers.count else {
                throw table.error(row, "idx", "layer index \(index) out of order (expected \(layers.count))")
            }
            let typeText = try table.string(row, "type")
            guard let kind = LayerShape.Kind(rawValue: typeText) else {
                throw table.error(row, "type", "unknown layer type '\(typeText)'", hint: "expected conv, dwconv, fc or matmul")
            }
            let positive = 1...Int.max
            layers.append(LayerShape(
                name: try table.string(row, "name"), kind: kind,
                inputChannels: try table.int(row, "C_in", in: positive),
                inputHeight: try table.int(row, "H_in", in: positive),
                inputWidth: try table.int(row, "W_in", in: positive),
                outputChannels: try table.int(row, "K_out", in: positive),
                kernelHeight: try table.int(row, "R", in: positive),
                kernelWidth: try table.int(row, "S", in: positive),
                stride: try table.int(row, "stride", in: positive),
                padding: try table.int(row, "pad", in: 0...Int.max),
                groups: try table.int(row, "groups", in: positive),
                macs: try table.int(row, "MACs", in: 0...Int.max)))
        }
        return layers
    }
}
