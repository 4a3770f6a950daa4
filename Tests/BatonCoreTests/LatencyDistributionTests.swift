import Testing
@testable import BatonCore

@Suite("Latency distribution")
struct LatencyDistributionTests {
    /// Exact mode, nearest rank: for 1..10 ms, p50 is rank ceil(5) = 5 -> 5 ms; p99 rank ceil(9.9) = 10.
    @Test func exactNearestRank() {
        var d = LatencyDistribution()
        for ms in [7, 1, 10, 3, 5, 2, 9, 4, 8, 6] { d.record(Double(ms) * 1e-3) }
        #expect(d.count == 10)
        #expect(d.percentile(50) == 5e-3)
        #expect(d.percentile(99) == 10e-3)
        #expect(d.percentile(0) == 1e-3)
        #expect(LatencyDistribution().percentile(50) == 0)
    }

    /// Bucket arithmetic: below 1,024 ns one bucket per ns; 1,024 ns is the first bucket of the
    /// octave [1024, 2048) with width 2 ns, so 1,025 ns shares its bucket and 1,026 ns does not.
    @Test func bucketBoundaries() {
        #expect(LatencyDistribution.bucket(of: 5e-9) == 5)
        #expect(LatencyDistribution.bucket(of: 1024e-9) == 1024)
        #expect(LatencyDistribution.bucket(of: 1025e-9) == 1024)
        #expect(LatencyDistribution.bucket(of: 1026e-9) == 1025)
        #expect(LatencyDistribution.bucket(of: 2048e-9) == 1024 + 512)
        #expect((LatencyDistribution.value(ofBucket: 1024) * 1e9).rounded() == 1025)
    }

    /// Folded mode keeps three significant digits: 100,000 values 1..100,000 us.
    @Test func foldedPercentilesWithinOnePermille() {
        var d = LatencyDistribution()
        for i in 1...100_000 { d.record(Double(i) * 1e-6) }
        for (p, expected) in [(50.0, 0.05), (99.0, 0.099), (99.9, 0.0999)] {
            let value = d.percentile(p)
            #expect(abs(value - expected) / expected < 1e-3, "p\(p): \(value)")
        }
    }
}

@Suite("Latency distribution selection")
struct LatencyDistributionSelectionTests {
    /// Quickselect returns exactly what a full sort puts at each rank, duplicates included.
    @Test func selectEqualsSort() {
        var random = SeededRandom(seed: 4, stream: "select")
        for n in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<n).map { _ in Double(random.nextInt(below: 50)) * 0.25 }
            let sorted = values.sorted()
            for k in Set([0, n / 2, n - 1, (n * 99) / 100]) {
                var copy = values
                #expect(LatencyDistribution.select(k, in: &copy) == sorted[k], "n \(n), k \(k)")
            }
        }
    }
}
