import BatonCore
import Foundation
import Testing
@testable import BatonSparse

@Suite("Trace files")
struct TraceFileTests {
    /// The golden Sanger trace: 2 inputs x 2 attention layers.
    static let sanger = SparseModel(
        name: "load_balance_tiny_test_128", architecture: "load_balance_tiny_test_128", pattern: "attention",
        format: .sanger, sequenceLength: 128, layerCount: 2, inputs: [
            SparseInput(batchIndex: 0, latencySeconds: [
                SangerCostModel.layerLatencySeconds(density: 0.125, loadBalance: 0.5, sequenceLength: 128),
                SangerCostModel.layerLatencySeconds(density: 0.2, loadBalance: 0.75, sequenceLength: 128),
            ], overallSparsity: [0.125, 0.2], loadBalance: [0.5, 0.75]),
            SparseInput(batchIndex: 1, latencySeconds: [
                SangerCostModel.layerLatencySeconds(density: 0.1, loadBalance: 1, sequenceLength: 128),
                SangerCostModel.layerLatencySeconds(density: 0.3, loadBalance: 0.6, sequenceLength: 128),
            ], overallSparsity: [0.1, 0.3], loadBalance: [1, 0.6]),
        ])

    /// The golden Eyeriss-V2 trace: 2 inputs x 3 layers.
    static let eyeriss = SparseModel(
        name: "tiny_unstructured_sparse20", architecture: "tiny", pattern: "unstructured_sparse20",
        format: .eyerissV2, layerCount: 3, inputs: [
            SparseInput(batchIndex: 0, latencySeconds: [0.001, 0.0025, 1.5e-05], overallSparsity: [0, 0.5, 0.625]),
            SparseInput(batchIndex: 1, latencySeconds: [0.0011, 0.002, 2e-05], overallSparsity: [0, 0.55, 0.7]),
        ])

    @Test func goldenSangerBytes() {
        #expect(TraceFile.text(Self.sanger) == Fixtures.text("traces/load_balance_tiny_test_128.csv"))
    }

    @Test func goldenEyerissBytes() {
        #expect(TraceFile.text(Self.eyeriss) == Fixtures.text("traces/tiny_unstructured_sparse20.csv"))
    }

    @Test func goldenFilesReadBack() throws {
        let sanger = try TraceFile.read(path: Fixtures.path("traces/load_balance_tiny_test_128.csv"))
        #expect(sanger == Self.sanger)
        let eyeriss = try TraceFile.read(path: Fixtures.path("traces/tiny_unstructured_sparse20.csv"))
        #expect(eyeriss == Self.eyeriss)
        let bench = try Fixtures.tinyBenchmark()
        #expect(bench.modelNames == ["load_balance_tiny_test_128", "tiny_unstructured_sparse20"])
    }

    /// Compatibility mode costs Sanger rows at L = 512 whatever the name says.
    @Test func compatibilityCostsAt512() throws {
        let compat = SparseBenchmarkOptions(compatibility: .dystaArtifact)
        let model = try TraceFile.read(path: Fixtures.path("traces/load_balance_tiny_test_128.csv"), options: compat)
        #expect(model.sequenceLength == 128)
        #expect(model.costedSequenceLength == 512)
        #expect(model.inputs[0].latencySeconds[0]
                == SangerCostModel.layerLatencySeconds(density: 0.125, loadBalance: 0.5, sequenceLength: 512))
    }

    @Test func sangerNameWithoutSequenceLength() {
        let text = "overall-sparsity,50%-skip,batch-indx,layer-indx\n0.2,0.5,0,0\n"
        let error = traceError(text, stem: "load_balance_bert_squad")
        #expect(error?.field == "file name")
        // In compatibility mode every attention model is costed at 512, so no length is needed.
        #expect(traceError(text, stem: "load_balance_bert_squad",
                           options: SparseBenchmarkOptions(compatibility: .dystaArtifact)) == nil)
    }

    @Test func extraKnownSangerColumnsAreAccepted() throws {
        let text = "50%-no-skip,50%-skip,25%-no-skip,25%-skip,overall-sparsity,batch-indx,layer-indx\n0.3,0.5,0.2,0.4,0.2,0,0\n"
        let model = try TraceFile.parse(text: text, stem: "load_balance_x_y_64", source: "x.csv")
        #expect(model.inputs[0].loadBalance == [0.5])
        #expect(model.inputs[0].overallSparsity == [0.2])
    }

    /// Inputs are ordered by first appearance, rows may come in any order.
    @Test func rowsInAnyOrder() throws {
        let text = "sim_lat,overall-sparsity,batch-indx,layer-indx\n0.2,0.5,7,1\n0.1,0.4,3,0\n0.3,0,7,0\n0.4,0.1,3,1\n"
        let model = try TraceFile.parse(text: text, stem: "net_unstructured_sparse20", source: "t.csv")
        #expect(model.inputs.map(\.batchIndex) == [7, 3])
        #expect(model.inputs[0].latencySeconds == [0.3, 0.2])
        #expect(model.inputs[1].overallSparsity == [0.4, 0.1])
        #expect(model.architecture == "net")
        #expect(model.pattern == "unstructured_sparse20")
    }

    /// Windows line ends and a byte-order mark are accepted.
    @Test func crlfAndByteOrderMark() throws {
        let text = "\u{FEFF}sim_lat,overall-sparsity,batch-indx,layer-indx\r\n0.1,0.5,0,0\r\n0.2,0.25,0,1\r\n"
        let model = try TraceFile.parse(text: text, stem: "net_x", source: "crlf.csv")
        #expect(model.format == .eyerissV2)
        #expect(model.inputs[0].latencySeconds == [0.1, 0.2])
        #expect(model.inputs[0].overallSparsity == [0.5, 0.25])
    }

    // MARK: Errors name the line and the field.

    static let eyerissHeader = "sim_lat,overall-sparsity,batch-indx,layer-indx\n"

    @Test func missingColumn() {
        let error = traceError("sim_lat,overall-sparsity,batch-indx\n0.1,0.5,0\n")
        #expect(error?.line == 1)
        #expect(error?.field == "layer-indx")
        #expect(error?.message == "missing column")
    }

    @Test func unexpectedColumn() {
        let error = traceError("sim_lat,overall-sparsity,batch-indx,layer-indx,foo\n0.1,0.5,0,0,1\n")
        #expect(error?.line == 1)
        #expect(error?.field == "foo")
    }

    @Test func unknownHeader() {
        let error = traceError("latency,sparsity\n0.1,0.5\n")
        #expect(error?.line == 1)
        #expect(error?.message == "unrecognised trace header")
    }

    @Test func notANumber() {
        let error = traceError(Self.eyerissHeader + "0.1,0.5,0,0\nnan,0.5,0,1\n")
        #expect(error?.line == 3)
        #expect(error?.field == "sim_lat")
        let word = traceError(Self.eyerissHeader + "0.1,abc,0,0\n")
        #expect(word?.line == 2)
        #expect(word?.field == "overall-sparsity")
    }

    @Test func zeroOrNegativeLatency() {
        let zero = traceError(Self.eyerissHeader + "0.1,0.5,0,0\n0,0.5,0,1\n")
        #expect(zero?.line == 3)
        #expect(zero?.field == "sim_lat")
        let negative = traceError(Self.eyerissHeader + "-0.1,0.5,0,0\n")
        #expect(negative?.line == 2)
        #expect(negative?.field == "sim_lat")
    }

    @Test func densityOutOfRange() {
        // Eyeriss-V2 sparsity 1 means density 0.
        let eyeriss = traceError(Self.eyerissHeader + "0.1,1,0,0\n")
        #expect(eyeriss?.field == "overall-sparsity")
        #expect(eyeriss?.line == 2)
        let sanger = traceError("overall-sparsity,50%-skip,batch-indx,layer-indx\n0.2,0.5,0,0\n1.5,0.5,1,0\n",
                                stem: "load_balance_a_b_128")
        #expect(sanger?.field == "overall-sparsity")
        #expect(sanger?.line == 3)
        let balance = traceError("overall-sparsity,50%-skip,batch-indx,layer-indx\n0.2,0,0,0\n", stem: "load_balance_a_b_128")
        #expect(balance?.field == "50%-skip")
    }

    @Test func gapInLayerIndices() {
        let error = traceError(Self.eyerissHeader + "0.1,0.5,0,0\n0.1,0.5,0,2\n0.1,0.5,1,0\n0.1,0.5,1,2\n")
        #expect(error?.field == "layer-indx")
        #expect(error?.line == 3)
        #expect(error?.message.contains("no row has layer 1") == true)
    }

    @Test func inputMissingLayer() {
        let error = traceError(Self.eyerissHeader + "0.1,0.5,0,0\n0.1,0.5,0,1\n0.1,0.5,1,0\n")
        #expect(error?.field == "layer-indx")
        #expect(error?.line == 4)
        #expect(error?.message.contains("input 1 has no row for layer 1") == true)
    }

    @Test func duplicateRow() {
        let error = traceError(Self.eyerissHeader + "0.1,0.5,0,0\n0.1,0.5,0,0\n")
        #expect(error?.line == 3)
        #expect(error?.field == "layer-indx")
    }

    @Test func badUTF8NamesTheLine() throws {
        let directory = Fixtures.scratchDirectory("bad-utf8")
        let path = directory + "/net_unstructured_sparse20.csv"
        var bytes = Array(Self.eyerissHeader.utf8) + Array("0.1,0.5,0,0\n".utf8)
        bytes += [0x30, 0x2E, 0x32, 0xFF, 0x2C, 0x30, 0x2C, 0x31, 0x2C, 0x30, 0x0A]  // "0.2\xFF,0,1,0"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let error = #expect(throws: InputError.self) { try TraceFile.read(path: path) }
        #expect(error?.line == 3)
        #expect(error?.file == path)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func missingFileAndEmptyDirectory() {
        let missing = #expect(throws: InputError.self) { try TraceFile.read(path: "/nonexistent/x.csv") }
        #expect(missing?.file == "/nonexistent/x.csv")
        let empty = Fixtures.scratchDirectory("empty")
        let error = #expect(throws: InputError.self) { try SparseBenchmark.load(directory: empty) }
        #expect(error?.message.contains("no .csv") == true)
    }

    @Test func architectureLayerCountsMustAgree() {
        let a = SparseModel(name: "net_a", architecture: "net", pattern: "a", format: .eyerissV2, layerCount: 1,
                            inputs: [SparseInput(batchIndex: 0, latencySeconds: [1], overallSparsity: [0])])
        let b = SparseModel(name: "net_b", architecture: "net", pattern: "b", format: .eyerissV2, layerCount: 2,
                            inputs: [SparseInput(batchIndex: 0, latencySeconds: [1, 1], overallSparsity: [0, 0])])
        let error = #expect(throws: InputError.self) { try SparseBenchmark(models: [a, b]) }
        #expect(error?.file == "net_b")
    }
}
