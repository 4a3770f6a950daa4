import BatonCore
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Nice scales, number labels, colours, column labels")
struct ScaleAndPaletteTests {
    /// raw step = range / (ticks - 1), rounded up to 1, 2, 2.5, 5 or 10 x 10^k.
    @Test(arguments: [(0.186, 0.2), (3, 5), (2.2, 2.5), (1, 1), (7, 10), (0.0004, 0.0005), (45, 50)] as [(Double, Double)])
    func niceSteps(raw: Double, step: Double) {
        #expect(abs(NiceScale.niceStep(raw) - step) < 1e-12 * step)
    }

    @Test func scalesByHand() {
        // 0...0.93, 6 ticks: raw 0.186 -> 0.2; 0 ... 1.0.
        let a = NiceScale(minimum: 0, maximum: 0.93)
        #expect(a.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(a.ticks.map { a.label($0) } == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        // 50...250, 7 ticks: raw 33.3 -> 50.
        let b = NiceScale(minimum: 50, maximum: 250, targetTicks: 7)
        #expect(b.ticks == [50, 100, 150, 200, 250])
        // A single value 1 widens to 0.9...1.1, raw 0.04 -> 0.05.
        let c = NiceScale(minimum: 1, maximum: 1)
        #expect(c.lower == 0.9 && c.upper == 1.1 && c.step == 0.05)
        #expect(c.ticks.first == 0.9 && c.ticks.count == 5)
        // 0...30000: raw 6000 -> 10000; k labels.
        let d = NiceScale(minimum: 0, maximum: 30_000)
        #expect(d.ticks.map { d.label($0) } == ["0", "10k", "20k", "30k"])
        #expect(d.label(20_000, suffixes: false) == "20000")
        // includeZero stretches 5...9 down to 0.
        #expect(NiceScale(minimum: 5, maximum: 9, includeZero: true).lower == 0)
    }

    @Test func compactNumbers() {
        #expect(compactNumber(0.123456) == "0.1235")
        #expect(compactNumber(1234.5) == "1235")
        #expect(compactNumber(123_456) == "123.5k")
        #expect(compactNumber(2_500_000, significant: 3) == "2.5M")
        #expect(compactNumber(0) == "0")
        #expect(compactNumber(-0.5) == "-0.5")
    }

    @Test func knownSchedulersHaveFixedDistinctColours() {
        // Every registered policy has its own colour; related ones (same name before the first '-')
        // differ in marker shape, and any two colours are at least 45 apart in RGB (dysta-static
        // #a50f15 and dysta-hw #7f2704: sqrt(38^2 + 24^2 + 17^2) = 48.1 is the closest pair).
        let names = PolicyRegistry.builtIn.names
        #expect(names.allSatisfy { SchedulerPalette.knownColor($0) != nil })
        #expect(Set(SchedulerPalette.known.map(\.color)).count == SchedulerPalette.known.count)
        let styles = SchedulerPalette.knownStyles
        for family in Set(styles.map { $0.name.split(separator: "-")[0] }) {
            let shapes = styles.filter { $0.name.split(separator: "-")[0] == family }.map(\.shape)
            #expect(Set(shapes).count == shapes.count, "family \(family) repeats a marker shape")
        }
        func rgb(_ hex: String) -> [Double] {
            let v = Int(hex.dropFirst(), radix: 16)!
            return [Double(v >> 16), Double((v >> 8) & 255), Double(v & 255)]
        }
        for (i, a) in styles.enumerated() {
            for b in styles[(i + 1)...] {
                let d = zip(rgb(a.color), rgb(b.color)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                #expect(d >= 45, "\(a.name) and \(b.name) are too alike")
            }
        }
        #expect(SchedulerPalette.isBound("dysta-oracle") && !SchedulerPalette.isBound("dysta"))
        // Sixteen Gantt models get sixteen different colours.
        let models = (1...16).map { "model\($0)" }
        #expect(Set(SchedulerPalette.categoryColors(for: models).values).count == 16)
        #expect(SchedulerPalette.color("dysta") == "#d62728")
        #expect(SchedulerPalette.color("DYSTA") == "#d62728")
        #expect(SchedulerPalette.colors(for: ["fcfs", "dysta"])["dysta"] == "#d62728")
        for name in ["fcfs", "sjf", "sjf-sparse", "prema", "prema-sparse", "planaria", "sdrm3", "sdrm3-sparse", "dysta",
                     "dysta-naive", "dysta-oracle", "edf", "xrbench", "herald", "dream", "dream-no-drop", "dream-no-pref", "dream-fixed"] {
            #expect(SchedulerPalette.knownColor(name) != nil, "\(name)")
        }
    }

    @Test func fallbackColoursAreDeterministicAndDistinctWithinAChart() {
        let names = ["average", "last-one", "last-n", "regression", "none"]
        let colors = SchedulerPalette.colors(for: names)
        #expect(Set(names.compactMap { colors[$0] }).count == 5)
        #expect(SchedulerPalette.colors(for: names.reversed()) == colors)
        #expect(SchedulerPalette.color("my-policy") == SchedulerPalette.color("my-policy"))
        // An unknown name never takes the colour of a known scheduler in the same chart.
        let mixed = SchedulerPalette.colors(for: ["dysta", "mine", "yours"])
        #expect(Set(mixed.values).count == 3)
    }

    @Test func legendOrder() {
        #expect(SchedulerPalette.legendOrder(["zeta", "dysta", "fcfs", "alpha"]) == ["fcfs", "dysta", "alpha", "zeta"])
        #expect(SchedulerPalette.legendOrder(["10", "2", "1.5"]) == ["1.5", "2", "10"])
    }

    @Test func columnLabels() {
        #expect(ColumnLabels.label("violation_rate") == ("SLO violation rate (%)", 100))
        #expect(ColumnLabels.label("turnaround_p99_s") == ("Turnaround p99 (s)", 1))
        #expect(ColumnLabels.label("latency_ms").title == "Latency (ms)")
        #expect(ColumnLabels.label("energy_mj").title == "Energy (mJ)")
        #expect(ColumnLabels.label("queue_depth").title == "Queue depth")
    }
}
