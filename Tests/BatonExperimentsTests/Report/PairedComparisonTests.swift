import BatonCore
import BatonExperiments
import Testing

@Suite("Paired comparisons against a baseline")
struct PairedComparisonTests {
    func sample(_ policy: String, _ seed: Int, violation: Double, antt: Double, load: Double = 0.9) -> PairedSample {
        PairedSample(context: [("utilization", .double(load))], policy: policy, seed: seed,
                     metrics: [("violation_rate", violation), ("antt", antt), ("offered_utilization", load)])
    }

    /// dysta - prema per seed: violation -0.06, -0.08, -0.07 (mean -0.07, s = 0.01, half-width
    /// t(0.975, 2) x 0.01 / sqrt(3) = 4.303 x 0.0057735 = 0.0248438); ANTT 0, -1, +1 (mean 0, one win,
    /// one loss, one tie; the interval contains 0). The offered load has no better direction: not compared.
    @Test func differencesByHand() throws {
        let samples = [
            sample("prema", 1, violation: 0.20, antt: 3), sample("prema", 2, violation: 0.30, antt: 4), sample("prema", 3, violation: 0.25, antt: 5),
            sample("dysta", 1, violation: 0.14, antt: 3), sample("dysta", 2, violation: 0.22, antt: 3), sample("dysta", 3, violation: 0.18, antt: 6),
        ]
        let rows = try PairedComparison.rows(samples, baseline: "prema")
        #expect(rows.map(\.metric) == ["violation_rate", "antt"])
        let violation = rows[0]
        #expect(violation.policy == "dysta" && violation.baseline == "prema" && violation.statistics.n == 3)
        #expect(abs(violation.statistics.mean - -0.07) < 1e-12)
        #expect(abs(violation.statistics.low - (-0.07 - 0.0248438)) < 1e-6 && abs(violation.statistics.high - (-0.07 + 0.0248438)) < 1e-6)
        #expect(violation.wins == 3 && violation.losses == 0 && violation.ties == 0 && !violation.intervalContainsZero)
        let antt = rows[1]
        #expect(antt.wins == 1 && antt.losses == 1 && antt.ties == 1 && antt.intervalContainsZero)
        #expect(PairedComparison.sentence(violation) == "dysta vs prema: violation_rate -7.00 points [-9.48, -4.52], better on 3/3 seeds")
        #expect(PairedComparison.sentence(antt).hasSuffix("better on 1/3 seeds — interval contains 0: no clear difference"))
        let table = PairedComparison.table(rows)
        #expect(table.columns == ["utilization", "scheduler", "baseline", "metric", "seeds", "difference", "difference_sd",
                                  "difference_ci_low", "difference_ci_high", "wins", "losses", "ties", "interval_contains_0"])
        #expect(table.rows[1][12] == "yes")
    }

    /// Pairs are formed within a context only, and the context values that vary prefix the sentences.
    @Test func contextsAndMissingBaseline() throws {
        let samples = [sample("prema", 1, violation: 0.2, antt: 3, load: 0.9), sample("dysta", 1, violation: 0.1, antt: 2, load: 0.9),
                       sample("prema", 1, violation: 0.5, antt: 9, load: 1.2), sample("dysta", 1, violation: 0.3, antt: 4, load: 1.2)]
        let rows = try PairedComparison.rows(samples, baseline: "prema", metrics: ["violation_rate"])
        #expect(rows.count == 2)
        #expect(abs(rows[1].statistics.mean - -0.2) < 1e-12)
        #expect(PairedComparison.summaryLines(rows) == [
            "utilization=0.9: dysta vs prema: violation_rate -10.0 points (no interval: 1 seed), better on 1/1 seeds",
            "utilization=1.2: dysta vs prema: violation_rate -20.0 points (no interval: 1 seed), better on 1/1 seeds"])
        let error = #expect(throws: InputError.self) { try PairedComparison.rows(samples, baseline: "edf") }
        #expect(error?.field == "--baseline")
    }
}
