import BatonCore
import BatonExperiments
import Testing

@Suite("Seed statistics: mean, sd and 95% intervals")
struct SeedStatisticsTests {
    /// 1...5: mean 3, s = sqrt(10 / 4) = 1.5811388; t(0.975, 4) = 2.776, so the half-width is
    /// 2.776 x 1.5811388 / sqrt(5) = 2.776 x 0.7071068 = 1.9629284: [1.0370716, 4.9629284].
    @Test func studentTByHand() {
        let s = SeedStatistics([1, 2, 3, 4, 5])
        #expect(s.n == 5 && s.mean == 3)
        #expect(abs(s.standardDeviation - 1.5811388300841898) < 1e-12)
        #expect(abs(s.low - 1.0370716) < 1e-6 && abs(s.high - 4.9629284) < 1e-6)
        #expect(s.cells.count == 4 && s.cells[0] == .double(3))
    }

    /// Non-finite values mean "no value"; one value has no sd or interval (empty cells).
    @Test func missingValuesAndOneSeed() {
        let s = SeedStatistics([.nan, 7, .infinity])
        #expect(s.n == 1 && s.mean == 7)
        #expect(s.cells == [.double(7), .text(""), .text(""), .text("")])
        #expect(!s.contains(7))
    }

    /// Bootstrap of {0, 10}: a resampled mean is 0 (p = 1/4), 5 (1/2) or 10 (1/4), so with 2000
    /// resamples the 2.5th percentile is 0 and the 97.5th is 10. Identical values give a zero-width
    /// interval; the same seed gives the same interval.
    @Test func bootstrapByHand() {
        let two = SeedStatistics([0, 10], method: .bootstrap(resamples: 2000, seed: 1))
        #expect(two.mean == 5 && two.low == 0 && two.high == 10)
        let flat = SeedStatistics([2, 2, 2], method: .bootstrap(resamples: 500, seed: 3))
        #expect(flat.low == 2 && flat.high == 2)
        let values = [0.11, 0.13, 0.09, 0.16, 0.12, 0.10]
        let a = SeedStatistics(values, method: .bootstrap(resamples: 2000, seed: 7))
        #expect(a == SeedStatistics(values, method: .bootstrap(resamples: 2000, seed: 7)))
        #expect(a.low <= a.mean && a.mean <= a.high)
        // The percentile bootstrap is narrower than t for few seeds, never wider than the data's range.
        #expect(a.low >= 0.09 && a.high <= 0.16)
    }

    @Test func parsingTheFlag() throws {
        #expect(try IntervalMethod(parsing: "t") == .studentT)
        #expect(try IntervalMethod(parsing: "bootstrap") == .bootstrap(resamples: 2000, seed: 1))
        let error = #expect(throws: InputError.self) { try IntervalMethod(parsing: "jackknife") }
        #expect(error?.field == "--interval")
    }

    @Test func columnNamingRule() {
        #expect(SeedStatistics.columnNames("antt") == ["antt", "antt_sd", "antt_ci_low", "antt_ci_high"])
    }

    /// The terminal form: `mean [low, high]` in the mean's cell, sd kept, the ends folded in.
    @Test func compactDisplay() {
        let table = ResultTable(columns: ["scheduler", "seeds", "antt", "antt_sd", "antt_ci_low", "antt_ci_high"], rows: [
            ["edf", 2, 0.2, 0.1, -1.0706, 1.4706],
            ["fcfs", 1, 0.5, "", "", ""],
        ])
        let compact = IntervalDisplay.compact(table)
        #expect(compact.columns == ["scheduler", "seeds", "antt", "antt_sd"])
        #expect(compact.rows[0][2] == .text("0.2000 [-1.0706, 1.4706]"))
        #expect(compact.rows[1][2] == .text("0.5000"))
    }
}
