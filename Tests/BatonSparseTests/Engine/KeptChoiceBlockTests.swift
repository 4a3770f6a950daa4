import BatonCore
import BatonPolicies
@testable import BatonSparse
import PropertyBased
import Testing

/// Blocks grown through `Scheduler.keepsChoice` (Dysta below 128 jobs on one accelerator), whose
/// job the engine advances ahead and whose progress `completeBlock` then adopts, give the run that
/// layer-by-layer decisions give: every metric bit for bit against `index=linear` (which neither
/// keeps choices nor grows blocks), without an observer (with one the engine advances the job
/// layer by layer, which the indexed-against-linear schedule tests cover).
@Suite("Blocks grown while a choice is kept")
struct KeptChoiceBlockTests {
    static let names = ["dysta", "dysta-naive", "dysta-oracle", "dysta-static", "dysta-dynamic"]

    /// The figures of a run that any difference in the schedule or the jobs' progress would move.
    static func fingerprint(_ metrics: RunMetrics) -> [Double] {
        [Double(metrics.completed), Double(metrics.late), metrics.normalizedTurnaroundSum, metrics.lastFinishSeconds,
         metrics.energyMillijoules, metrics.endSeconds] + metrics.acceleratorBusySeconds + metrics.turnarounds.percentiles([0.5, 0.9, 0.99, 1])
    }

    @Test func sameRunAsLayerByLayerDecisions() async throws {
        await propertyCheck(count: 40, input: Gen.uint64(), Gen.int(in: 5...120), Gen.bool) { seed, jobs, energies in
            let workload = RandomWorkload(seed: seed, accelerators: 1, jobs: jobs, arrivalRate: seed % 2 == 0 ? 0.3 : 0.9,
                                          ties: seed % 3 == 0, energies: energies)
            for name in Self.names {
                for beta in ["0.01", "0.5"] {
                    recordingErrors {
                        let kept = try IndexedPolicyTests.make(name, index: "indexed", assignments: [("beta", beta)], mode: .none)
                        let linear = try IndexedPolicyTests.make(name, index: "linear", assignments: [("beta", beta)], mode: .none)
                        let keptRun = try workload.runUnobserved(kept), linearRun = try workload.runUnobserved(linear)
                        let same = Self.fingerprint(keptRun.metrics) == Self.fingerprint(linearRun.metrics)
                            && keptRun.metrics.perModel == linearRun.metrics.perModel
                        #expect(same, "\(name) beta \(beta), seed \(seed), \(jobs) jobs, energies \(energies)")
                        // Fewer decisions when blocks grew (never more).
                        #expect(keptRun.metrics.decisions <= linearRun.metrics.decisions)
                    }
                }
            }
        }
    }
}
