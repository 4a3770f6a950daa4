import BatonCore
import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Shipped example sweeps and deployment files")
struct ExampleSweepsTests {
    static var root: String {
        var path = testSourceDirectory()
        for _ in 0..<2 { path = (path as NSString).deletingLastPathComponent }
        return path
    }

    @Test func examplesParse() throws {
        let dir = ExampleSweepsTests.root + "/examples/sweeps"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 4)
        for name in names {
            let spec = try SweepSpec.load(path: dir + "/" + name)
            #expect(spec.name + ".yaml" == name)
            if spec.study == "synthetic" {
                for point in spec.points() { try SyntheticSweepRunner().check(point) }
            }
        }
        #expect(try SweepSpec.load(path: dir + "/synthetic-large.yaml").pointCount == 1000)
        #expect(try SweepSpec.load(path: dir + "/synthetic-rate.yaml").pointCount == 150)
    }

    /// The Kubernetes ConfigMap's sweep is a valid synthetic sweep; the Job's --shards equals its
    /// completions; the Slurm script passes its shard to baton through the environment.
    @Test func deploymentFilesAgree() throws {
        let job = try readText(ExampleSweepsTests.root + "/deploy/kubernetes/baton-sweep-job.yaml")
        #expect(job.contains("completionMode: Indexed"))
        #expect(job.contains("completions: 4 ") && job.contains("--shards 4"))
        #expect(job.contains("shard-${JOB_COMPLETION_INDEX}"))
        let block = try #require(job.components(separatedBy: "sweep.yaml: |\n").last?.components(separatedBy: "---").first)
        let yaml = block.split(separator: "\n").map { String($0.dropFirst(4)) }.joined(separator: "\n")
        let spec = try SweepSpec.parse(text: yaml, source: "configmap")
        for point in spec.points() { try SyntheticSweepRunner().check(point) }
        let slurm = try readText(ExampleSweepsTests.root + "/deploy/slurm/baton-sweep.sbatch")
        #expect(slurm.contains("#SBATCH --array="))
        #expect(slurm.contains("sweep \"$SWEEP\" --out \"$shard_dir\""))
        #expect(!slurm.contains("--shard "))  // the shard comes from SLURM_ARRAY_TASK_ID / _COUNT
    }
}
