import BatonCore
import BatonPolicies
import Foundation
@testable import BatonSparse
import PropertyBased
import Testing

/// Replaying a generated request table gives the same runs as generating it.
@Suite("Request-table replay")
struct RequestReplayPropertyTests {
    /// Small workloads of both pools in both modes, built once.
    static let workloads: [(SparseWorkload, SimulationSettings.Compatibility)] = {
        var out: [(SparseWorkload, SimulationSettings.Compatibility)] = []
        for mode in [SimulationSettings.Compatibility.none, .dystaArtifact] {
            for pool in SparsePool.allCases {
                let options = SparseBenchmarkOptions(compatibility: mode)
                if let benchmark = try? SparseBenchmark.generate(pool: pool, inputsPerFile: 9, seed: 7, options: options) {
                    out.append((benchmark.makeCatalog(compatibility: mode), mode))
                }
            }
        }
        return out
    }()

    /// For a random workload (pool, mode), seed, count, load and SLO multiplier, and for every
    /// sparse scheduler, three sources give the identical schedule (every layer's job, start and
    /// end, every finish) and identical metrics: the on-the-fly `RequestStream`, the generated
    /// `RequestTable`'s jobs, and that table written as CSV (atomically, to a file), read back
    /// with `RequestTable.read` and turned into jobs.
    @Test func replayingTheWrittenTableGivesTheSameRuns() async throws {
        #expect(Self.workloads.count == 4)
        let directory = Fixtures.scratchDirectory("replay-property")
        await propertyCheck(count: 20, input: Gen.uint64(in: 1...1_000_000), Gen.int(in: 0...3), Gen.int(in: 1...40),
                            Gen.double(in: 0.2...1.6), Gen.double(in: 1...50)) { seed, which, count, utilisation, slo in
            let (workload, mode) = Self.workloads[which % Self.workloads.count]
            recordingErrors {
                let rate = RequestRate.utilisation(utilisation)
                let table = try RequestGenerator.generate(workload: workload, count: count, rate: rate,
                                                          sloMultiplier: slo, seed: seed)
                let path = directory + "/requests-\(seed).csv"
                try table.write(to: path)
                let replayed = try RequestTable.read(path: path, workload: workload)
                #expect(replayed == table)
                let tableJobs = try workload.makeJobs(table)
                let replayedJobs = try workload.makeJobs(replayed)
                #expect(replayedJobs == tableJobs)

                let settings = SimulationSettings(compatibility: mode, checkInvariants: true)
                let options = TestPolicyOptions(compatibility: mode)
                for name in TestPolicies.sparseNames {
                    let streamLog = ScheduleLog(jobs: count), tableLog = ScheduleLog(jobs: count), replayLog = ScheduleLog(jobs: count)
                    let stream = try RequestStream(workload: workload, count: count, rate: rate, sloMultiplier: slo, seed: seed)
                    let a = try simulate(try TestPolicies.make(name, options: options), catalog: workload.catalog,
                                          source: stream, settings: settings, observer: streamLog)
                    let b = try simulate(try TestPolicies.make(name, options: options), catalog: workload.catalog,
                                          source: ListSource(tableJobs), settings: settings, observer: tableLog)
                    let c = try simulate(try TestPolicies.make(name, options: options), catalog: workload.catalog,
                                          source: ListSource(replayedJobs), settings: settings, observer: replayLog)
                    #expect(tableLog.layers.count > 0, "\(name)")
                    #expect(streamLog.layers == tableLog.layers, "\(name) \(mode): stream vs table")
                    #expect(replayLog.layers == tableLog.layers, "\(name) \(mode): replay vs table")
                    #expect(streamLog.finishes == tableLog.finishes && replayLog.finishes == tableLog.finishes, "\(name)")
                    for result in [a, c] {
                        #expect(result.metrics.antt == b.metrics.antt, "\(name)")
                        #expect(result.metrics.violationRate == b.metrics.violationRate, "\(name)")
                        #expect(result.metrics.throughput == b.metrics.throughput, "\(name)")
                        #expect(result.metrics.decisions == b.metrics.decisions, "\(name)")
                        #expect(result.metrics.completed == count && result.unfinished == 0, "\(name)")
                    }
                }
                try FileManager.default.removeItem(atPath: path)
            }
        }
        #expect(listingOf(directory).isEmpty)
    }
}

/// Names in a directory, sorted (hidden ones included).
func listingOf(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}
