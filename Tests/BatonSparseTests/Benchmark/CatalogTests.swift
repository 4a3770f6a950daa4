import BatonCore
import Testing
@testable import BatonSparse

@Suite("Benchmark to catalog")
struct CatalogTests {
    /// Two Eyeriss-V2 files of architecture "net" and one Sanger file:
    /// net_a: inputs [1, 2], [3, 4] s          -> per-layer mean [2, 3], isolated [3, 7], mean 5
    /// net_b: inputs [2, 2], [4, 2], [6, 2] s  -> per-layer mean [4, 2], isolated [4, 6, 8], mean 6
    /// architecture estimate = (2 x [2, 3] + 3 x [4, 2]) / 5 = [16/5, 12/5] = [3.2, 2.4]
    /// SLO base = (2 x 5 + 3 x 6) / 5 = 28 / 5 = 5.6 (= mean of all five isolated latencies)
    /// net_a sparsities: [0, 0.5], [0.5, 0.5] -> mean [0.25, 0.5];
    ///   ratios input 0: [(1 - 0) / 0.75, 0.5 / 0.5] = [4/3, 1]; input 1: [0.5 / 0.75, 1] = [2/3, 1]
    static func handBenchmark() throws -> SparseBenchmark {
        let header = "sim_lat,overall-sparsity,batch-indx,layer-indx\n"
        let a = try TraceFile.parse(text: header + "1,0,0,0\n2,0.5,0,1\n3,0.5,1,0\n4,0.5,1,1\n", stem: "net_a", source: "net_a.csv")
        let b = try TraceFile.parse(text: header + "2,0,0,0\n2,0,0,1\n4,0,1,0\n2,0,1,1\n6,0,2,0\n2,0,2,1\n",
                                    stem: "net_b", source: "net_b.csv")
        let s = try TraceFile.parse(text: "overall-sparsity,50%-skip,batch-indx,layer-indx\n0.2,0.5,0,0\n0.1,0.5,1,0\n",
                                    stem: "load_balance_att_x_128", source: "s.csv")
        return try SparseBenchmark(models: [b, s, a])
    }

    @Test func architectureAveragingAndSLOBase() throws {
        let bench = try Self.handBenchmark()
        #expect(bench.modelNames == ["load_balance_att_x_128", "net_a", "net_b"])
        let workload = bench.makeCatalog(compatibility: .none)
        let tables = workload.catalog.costTables
        let a = workload.models[1], b = workload.models[2], s = workload.models[0]
        #expect(tables[a.patternEstimate].latencySeconds == [2, 3])
        #expect(tables[b.patternEstimate].latencySeconds == [4, 2])
        #expect(a.architectureEstimate == b.architectureEstimate)
        #expect(tables[a.architectureEstimate].latencySeconds == [16.0 / 5, 12.0 / 5])
        #expect(a.patternMeanIsolatedSeconds == 5)
        #expect(b.patternMeanIsolatedSeconds == 6)
        #expect(a.sloBaseSeconds == 28.0 / 5)
        #expect(b.sloBaseSeconds == 28.0 / 5)
        #expect(a.averageSparsity == [0.25, 0.5])
        #expect(workload.catalog.ratioTables[a.ratioTables[0]] == [1 / 0.75, 1])
        #expect(workload.catalog.ratioTables[a.ratioTables[1]] == [0.5 / 0.75, 1])
        // True costs per input, in file order.
        #expect(tables[b.inputTables[2]].latencySeconds == [6, 2])
        // A Sanger file is its own architecture; its monitor sparsity is 1 - density.
        #expect(s.architectureEstimate == s.patternEstimate)
        let l0 = SangerCostModel.layerLatencySeconds(density: 0.2, loadBalance: 0.5, sequenceLength: 128)
        let l1 = SangerCostModel.layerLatencySeconds(density: 0.1, loadBalance: 0.5, sequenceLength: 128)
        #expect(s.sloBaseSeconds == (l0 + l1) / 2)
        #expect(s.averageSparsity == [((1 - 0.2) + (1 - 0.1)) / 2])
        let ratio = workload.catalog.ratioTables[s.ratioTables[0]][0]
        #expect(ratio == (1 - (1 - 0.2)) / (1 - s.averageSparsity[0]))
        #expect(workload.modelNames == bench.modelNames)
        #expect(a.drawableInputs == 2 && b.drawableInputs == 3)
    }

    /// Compatibility mode: draw only the first 7 inputs, cost attention at L = 512, add remaining
    /// sums left to right; the averages still use every input (as the artifact does).
    @Test func compatibilityMode() throws {
        let bench = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 20, seed: 2)
        let plain = bench.makeCatalog(compatibility: .none)
        let compat = bench.makeCatalog(compatibility: .dystaArtifact)
        let bert = bench.models.firstIndex { $0.name.contains("bert") }!
        let model = bench.models[bert]
        #expect(plain.models[bert].drawableInputs == 20)
        #expect(compat.models[bert].drawableInputs == 7)
        let input = model.inputs[3]
        let compatTable = compat.catalog.costTables[compat.models[bert].inputTables[3]]
        let plainTable = plain.catalog.costTables[plain.models[bert].inputTables[3]]
        #expect(compatTable.latencySeconds[0] == SangerCostModel.layerLatencySeconds(
            density: input.overallSparsity[0], loadBalance: input.loadBalance[0], sequenceLength: 512))
        #expect(plainTable.latencySeconds[0] == SangerCostModel.layerLatencySeconds(
            density: input.overallSparsity[0], loadBalance: input.loadBalance[0], sequenceLength: 384))
        // sum(list[k:]) in layer order.
        for k in 0..<model.layerCount {
            var sum = 0.0
            for i in k..<model.layerCount { sum += compatTable.latencySeconds[i] }
            #expect(compatTable.remainingFastestSeconds[k] == sum)
        }
        // The pattern estimate averages all 20 inputs.
        let estimate = compat.catalog.costTables[compat.models[bert].patternEstimate]
        var sum = 0.0
        for i in 0..<20 { sum += compat.catalog.costTables[compat.models[bert].inputTables[i]].latencySeconds[5] }
        #expect(estimate.latencySeconds[5] == sum / 20)
        #expect(compat.models[bert].sloBaseSeconds > plain.models[bert].sloBaseSeconds)
        // Requests never draw an input past the seventh.
        let table = try RequestGenerator.generate(workload: compat, count: 2000, rate: .perSecond(30), sloMultiplier: 10, seed: 1)
        #expect(table.rows.allSatisfy { $0.input < 7 })
        #expect(Set(table.rows.map(\.input)) == Set(0..<7))
    }

    /// NumPy's pairwise summation, checked against values NumPy printed for
    /// a[i] = 0.1 * (i % 7) + 1 / (i + 3) (np.sum differs from Python's sum for most of these sizes).
    @Test func numpyPairwiseSum() {
        let sizes = [5, 10, 100, 129, 300, 1000, 4099]
        let numpy: [Double] = [2.0928571428571434, 4.003210678210679, 33.207082429307256, 42.05622492605224,
                               94.48929739771387, 305.6874678655414, 1236.4963237068212]
        let python: [Double] = [2.0928571428571434, 4.003210678210679, 33.20708242930726, 42.056224926052266,
                                94.48929739771386, 305.68746786554095, 1236.4963237068212]
        for (j, n) in sizes.enumerated() {
            let values = Self.testValues(n)
            #expect(ArtifactArithmetic.numpyPairwiseSum(values) == numpy[j], "n = \(n)")
            #expect(ArtifactArithmetic.pythonSum(values) == python[j], "n = \(n)")
        }
        #expect(ArtifactArithmetic.numpyMean(Self.testValues(300)) == 0.3149643246590462)
    }

    static func testValues(_ n: Int) -> [Double] {
        var values: [Double] = []
        for i in 0..<n {
            let a: Double = 0.1 * Double(i % 7)
            let b: Double = 1.0 / Double(i + 3)
            values.append(a + b)
        }
        return values
    }

    /// The catalog drives the simulator end to end (earliest arrival first, invariants checked).
    @Test func simulatesEndToEnd() throws {
        let workload = try Self.handBenchmark().makeCatalog(compatibility: .none)
        let table = try RequestGenerator.generate(workload: workload, count: 50, rate: .utilisation(0.5), sloMultiplier: 10, seed: 4)
        var simulator = Simulator(catalog: workload.catalog, platform: .single(), scheduler: EarliestArrivalFirst(),
                                  source: ListSource(try workload.makeJobs(table)),
                                  settings: SimulationSettings(checkInvariants: true))
        let result = try simulator.run()
        #expect(result.metrics.completed == 50)
        #expect(result.unfinished == 0)
    }
}

/// Earliest arrival first; ties keep the earlier admission (test-only policy).
struct EarliestArrivalFirst: Scheduler {
    var name: String { "earliest-arrival" }
    func select(for accelerator: Int, context: inout SchedulingContext) -> Selection? {
        var best = -1
        for i in context.jobs.indices where context.jobs[i].isReady {
            if best < 0 || context.jobs[i].arrivalSeconds < context.jobs[best].arrivalSeconds { best = i }
        }
        return best < 0 ? nil : Selection(jobIndex: best)
    }
}
