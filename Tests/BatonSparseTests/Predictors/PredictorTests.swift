import BatonCore
import Testing
@testable import BatonSparse

@Suite("Predictors")
struct PredictorTests {
    /// x = [1, 2, 3], y = [2, 4, 5]: mean x = 2, mean y = 11/3, Sxx = 2,
    /// Sxy = (-1)(2 - 11/3) + 0 + (1)(5 - 11/3) = 5/3 + 4/3 = 3 -> slope 1.5, intercept 11/3 - 3 = 2/3.
    @Test func leastSquaresOnHandData() {
        let line = GammaRegression.fitLine(x: [1, 2, 3], y: [2, 4, 5])
        #expect(close(line.slope, 1.5))
        #expect(close(line.intercept, 2.0 / 3))
        // Constant x: slope 0, intercept = mean y; no data: gamma 1.
        let flat = GammaRegression.fitLine(x: [1, 1], y: [2, 4])
        #expect(flat.slope == 0 && flat.intercept == 3)
        let none = GammaRegression.fitLine(x: [], y: [])
        #expect(none.slope == 0 && none.intercept == 1)
    }

    @Test func splitIsEveryFifth() throws {
        let split = RegressionSplit.standard
        #expect((0..<10).filter(split.isHeldOut) == [4, 9])
        #expect(try RegressionSplit(heldOutEvery: 2).isHeldOut(1))
        #expect(throws: InputError.self) { try RegressionSplit(heldOutEvery: 1) }
    }

    /// Five inputs of a 2-layer model; layer-1 latency is exactly proportional to layer 0's density:
    /// s0 = [0, 0.2, 0.4, 0.6, 0.5], mean 0.34 -> ratio x_i = (1 - s0_i) / 0.66;
    /// t1 = [1, 0.8, 0.6, 0.4, 0.5] ms, mean 0.66 ms -> y_i = t1_i / 0.66 ms = x_i.
    /// The fit on inputs 0-3 is y = x, and it predicts held-out input 4 exactly.
    static func proportionalWorkload() throws -> SparseWorkload {
        var text = "sim_lat,overall-sparsity,batch-indx,layer-indx\n"
        let s0 = [0, 0.2, 0.4, 0.6, 0.5], t1 = [0.001, 0.0008, 0.0006, 0.0004, 0.0005]
        for i in 0..<5 { text += "0.002,\(s0[i]),\(i),0\n\(t1[i]),0.5,\(i),1\n" }
        let model = try TraceFile.parse(text: text, stem: "lin_unstructured", source: "lin.csv")
        return try SparseBenchmark(models: [model]).makeCatalog(compatibility: .none)
    }

    @Test func regressionRecoversProportionality() throws {
        let workload = try Self.proportionalWorkload()
        let predictor = try GammaRegression.fit(workload: workload)
        guard case .regression(let fitted) = predictor else {
            Issue.record("expected a regression predictor")
            return
        }
        let coefficients = try #require(fitted[workload.models[0].patternEstimate])
        #expect(coefficients.slopes.count == 1)
        #expect(close(coefficients.slopes[0], 1, 1e-9))
        #expect(abs(coefficients.intercepts[0]) < 1e-9)
        let table = try PredictorAccuracy.evaluate(workload: workload, predictors: [predictor])
        #expect(table.rows.count == 2)  // one position + the summary
        #expect(table.value(0, "samples") == .int(1))
        #expect(abs(table.value(0, "mean_signed_error_s")?.doubleValue ?? 1) < 1e-15)
        #expect(table.value(1, "layers_run") == .text("all"))
    }

    /// Three layers, inputs 0 (training) and 1 (held out, every 2nd):
    /// sparsities: input 0 [0, 0.5, 0.5], input 1 [0, 0.3, 0.7] -> mean [0, 0.4, 0.6]
    /// input 1 ratios: [1, 0.7 / 0.6 = 7/6, 0.3 / 0.4 = 0.75]
    /// latencies: input 0 [1, 2, 3], input 1 [1, 4, 1] -> mean [1, 3, 2];
    /// average remaining after 1 layer 5, after 2 layers 2; input 1 truly has 5 and 1 left.
    /// average:  after 1: gamma 1 -> 5, error 0; after 2: gamma 13/12 -> 13/6, error 7/6
    /// last-one: after 1: gamma 1 -> error 0;    after 2: gamma 7/6 -> 7/3, error 4/3
    /// summary (average): signed (0 + 7/6) / 2 = 7/12, relative (0 + 7/6) / 2 = 7/12,
    /// MSE (49/36) / 2 = 49/72, RMSE sqrt(49/72).
    @Test func accuracyOnHandData() throws {
        let text = "sim_lat,overall-sparsity,batch-indx,layer-indx\n"
            + "1,0,0,0\n2,0.5,0,1\n3,0.5,0,2\n1,0,1,0\n4,0.3,1,1\n1,0.7,1,2\n"
        let model = try TraceFile.parse(text: text, stem: "hand_x", source: "hand.csv")
        let workload = try SparseBenchmark(models: [model]).makeCatalog(compatibility: .none)
        let split = try RegressionSplit(heldOutEvery: 2)
        let table = try PredictorAccuracy.evaluate(workload: workload, predictors: [.average, .lastOne], split: split)
        #expect(table.columns == PredictorAccuracy.columns)
        #expect(table.rows.count == 6)  // 2 predictors x (2 positions + summary)
        func value(_ row: Int, _ column: String) -> Double { table.value(row, column)?.doubleValue ?? .nan }
        #expect(table.value(0, "predictor") == .text("average"))
        #expect(table.value(0, "layers_run") == .int(1))
        #expect(close(value(0, "mean_signed_error_s"), 0))
        #expect(close(value(1, "mean_signed_error_s"), 7.0 / 6))
        #expect(close(value(1, "mean_relative_error"), 7.0 / 6))
        #expect(close(value(2, "mean_signed_error_s"), 7.0 / 12))
        #expect(close(value(2, "mean_relative_error"), 7.0 / 12))
        #expect(close(value(2, "mse_s2"), 49.0 / 72))
        #expect(close(value(2, "rmse_s"), (49.0 / 72).squareRoot()))
        #expect(table.value(3, "predictor") == .text("last-one"))
        #expect(close(value(4, "mean_signed_error_s"), 4.0 / 3))
        #expect(close(value(4, "rmse_s"), 4.0 / 3))
    }

    @Test func standardPredictorsOnGeneratedTraces() throws {
        let workload = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 40, seed: 1).makeCatalog(compatibility: .none)
        let names = ["load_balance_bert_squad_384", "load_balance_gpt2_glue_128"]
        let table = try PredictorAccuracy.evaluate(workload: workload, models: names)
        // 2 models x 4 predictors x (11 positions + summary).
        #expect(table.rows.count == 2 * 4 * 12)
        #expect(Set(table.rows.map { $0[1] }) == [.text("average"), .text("last-one"), .text("last-n"), .text("regression")])
        #expect(table.rows.allSatisfy { ($0[7].doubleValue ?? -1) >= 0 })
        let error = #expect(throws: InputError.self) { try PredictorAccuracy.evaluate(workload: workload, models: ["bert"]) }
        #expect(error?.message.contains("unknown model") == true)
    }
}
