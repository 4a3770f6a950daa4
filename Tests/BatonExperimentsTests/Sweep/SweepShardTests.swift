import BatonCore
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Sweep shards")
struct SweepShardTests {
    @Test func parsesAndSelects() throws {
        let shard = try SweepShard.parse("1/4")
        #expect(shard.index == 1 && shard.count == 4 && shard.description == "1/4")
        #expect((0..<10).filter(shard.contains) == [1, 5, 9])
    }

    @Test(arguments: ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"])
    func rejectsBadShards(text: String) throws {
        let error = try #require(throws: InputError.self) { try SweepShard.parse(text) }
        #expect(error.kind == .flag && error.field == "--shard")
    }

    @Test func resolvesFromEnvironment() throws {
        // Explicit wins.
        #expect(try SweepShard.resolve(explicit: "0/2", shards: nil, environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"])
                == SweepShard(index: 0, count: 2))
        // Slurm array 0-3.
        #expect(try SweepShard.resolve(explicit: nil, shards: nil, environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"])
                == SweepShard(index: 3, count: 4))
        // Slurm array 1-4: index = id - min.
        #expect(try SweepShard.resolve(explicit: nil, shards: nil, environment: [
            "SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"]) == SweepShard(index: 3, count: 4))
        // Kubernetes Indexed Job.
        #expect(try SweepShard.resolve(explicit: nil, shards: 5, environment: ["JOB_COMPLETION_INDEX": "2"]) == SweepShard(index: 2, count: 5))
        // Nothing set.
        #expect(try SweepShard.resolve(explicit: nil, shards: nil, environment: [:]) == nil)
        #expect(try SweepShard.resolve(explicit: nil, shards: 1, environment: [:]) == nil)
    }

    @Test func environmentErrors() throws {
        #expect(throws: InputError.self) { try SweepShard.resolve(explicit: nil, shards: nil, environment: ["JOB_COMPLETION_INDEX": "2"]) }
        #expect(throws: InputError.self) { try SweepShard.resolve(explicit: nil, shards: 3, environment: [:]) }
        #expect(throws: InputError.self) { try SweepShard.resolve(explicit: nil, shards: 3, environment: ["JOB_COMPLETION_INDEX": "3"]) }
        #expect(throws: InputError.self) {
            try SweepShard.resolve(explicit: nil, shards: 2, environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
        }
    }
}
