import BatonCore
import BatonExperiments
import Testing

@Suite("Grid runner and run records")
struct GridRunnerTests {
    struct Squares: SweepPointRunner {
        var study: String { "squares" }
        func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
            let x = try point.int("x")
            if x == 7 { throw InputError(.config, field: "x", "seven is refused") }
            return [("square", .int(x * x))]
        }
    }

    func points(_ values: ClosedRange<Int>) -> [SweepPoint] {
        values.map { SweepPoint(index: $0, parameters: [SweepParameter(name: "x", value: .int($0))]) }
    }

    /// Results come back in point order, identical for any number of threads.
    @Test func resultsInPointOrderForAnyJobs() throws {
        let one = try GridRunner.run(points(0...5), runner: Squares(), jobs: 1)
        let three = try GridRunner.run(points(0...5), runner: Squares(), jobs: 3)
        #expect(one.map { $0[0].1 } == [0, 1, 4, 9, 16, 25])
        #expect(three.map { $0[0].1 } == one.map { $0[0].1 })
    }

    /// A failing point's error names its key; no result is returned.
    @Test func failureNamesThePoint() {
        let error = #expect(throws: InputError.self) { try GridRunner.run(points(5...9), runner: Squares(), jobs: 2) }
        #expect(error?.message == "point x=7: seven is refused")
    }

    struct Record: RunRecord {
        var scheduler: String, seed: Int, value: Double
        var parameterFields: [(name: String, value: ResultValue)] { [("scheduler", .text(scheduler)), ("seed", .int(seed))] }
        var metricFields: [(name: String, value: Double)] { [("violation_rate", value)] }
    }

    /// Means over seeds by hand: a: (0.1 + 0.3) / 2 = 0.2 over 2 seeds, s = sqrt(0.02) = 0.1414214,
    /// half-width t(0.975, 1) x s / sqrt(2) = 12.706 x 0.1 = 1.2706: [-1.0706, 1.4706];
    /// b: 0.5 over 1 finite seed (the NaN is left out), no sd or interval.
    @Test func meanOverSeedsGroupsByEveryOtherParameter() {
        let records = [Record(scheduler: "a", seed: 1, value: 0.1), Record(scheduler: "b", seed: 1, value: 0.5),
                       Record(scheduler: "a", seed: 2, value: 0.3), Record(scheduler: "b", seed: 2, value: .nan)]
        let table = RecordTable.meanOverSeeds(records)
        #expect(table.columns == ["scheduler", "seeds", "violation_rate", "violation_rate_sd", "violation_rate_ci_low", "violation_rate_ci_high"])
        #expect(table.rows[0][0] == "a" && table.rows[0][1] == .int(2))
        let expected = [0.2, 0.1414213562, -1.0706, 1.4706]
        for (i, value) in expected.enumerated() { #expect(abs((table.rows[0][2 + i].doubleValue ?? 0) - value) < 1e-9) }
        #expect(table.rows[1] == ["b", .int(2), .double(0.5), "", "", ""])
        #expect(RecordTable.perSeed(records).rows.count == 4)
    }
}
