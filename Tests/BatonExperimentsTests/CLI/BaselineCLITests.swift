import BatonCore
import Testing

/// `--baseline` on `run` and `rtmm run`: a paired comparison table and one sentence per headline metric.
@Suite("Baseline comparisons on the command line")
struct BaselineCLITests {
    @Test func sparseRunComparesWithTheBaseline() throws {
        let out = try BatonProcess.run(["run", "--pool", "cnn", "--inputs", "5", "--requests", "40", "--seeds", "3",
                                        "--schedulers", "prema,dysta", "--utilizations", "1.2", "--baseline", "prema", "--quiet"])
        #expect(out.exitCode == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Paired differences against prema"))
        #expect(out.stdout.contains("dysta vs prema: violation_rate "))
        #expect(out.stdout.contains("dysta vs prema: antt "))
        let csv = try BatonProcess.run(["run", "--pool", "cnn", "--inputs", "5", "--requests", "40", "--seeds", "3",
                                        "--schedulers", "prema,dysta", "--utilizations", "1.2", "--baseline", "prema", "--quiet",
                                        "--format", "csv"])
        #expect(csv.stdout.hasPrefix("workload,rate,utilization,slo,requests_csv,requests,compat,cost_model,scheduler,baseline,metric,seeds,difference,"))
        #expect(csv.stderr.contains("dysta vs prema: violation_rate"))
    }

    /// Experiments add a paired-comparison table; experiments without per-seed schedulers refuse it.
    @Test func experimentsTakeABaseline() throws {
        let out = try BatonProcess.run(["experiment", "dysta-breakdown", "--pool", "cnn", "--quick", "--quiet", "--baseline", "prema"])
        #expect(out.exitCode == 0, "\(out.stderr)")
        #expect(out.stdout.contains("### Paired differences against prema"))
        #expect(out.stdout.contains("dysta vs prema: violation_rate "))
        let refused = try BatonProcess.run(["experiment", "headline-claims", "--quick", "--quiet", "--baseline", "prema"])
        #expect(refused.exitCode == 64 && refused.stderr.contains("does not take a baseline"))
    }

    @Test func baselineMustBeAmongTheSchedulers() throws {
        let out = try BatonProcess.run(["run", "--inputs", "5", "--requests", "40", "--schedulers", "fcfs,dysta", "--baseline", "prema", "--quiet"])
        #expect(out.exitCode != 0)
        #expect(out.stderr.contains("--baseline") && out.stderr.contains("prema"))
        let rtmm = try BatonProcess.run(["rtmm", "run", "--scenario", "vr-gaming", "--platform", "single-4k-ws", "--schedulers", "edf,dream",
                                         "--duration-ms", "200", "--seeds", "2", "--baseline", "edf", "--quiet", "--no-per-model"])
        #expect(rtmm.exitCode == 0, "\(rtmm.stderr)")
        #expect(rtmm.stdout.contains("dream vs edf: uxcost "))
    }
}
