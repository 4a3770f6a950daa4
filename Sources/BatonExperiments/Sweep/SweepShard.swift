import BatonCore

/// A slice of a sweep for one machine: the points whose index mod `count` equals `index`
/// (0-based `index`, so shards 0/N ... (N-1)/N together cover every point exactly once).
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    /// This shard, 0-based.
    public var index: Int
    /// Number of shards.
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, count <= SweepLimits.maxPoints else {
            throw InputError(.flag, field: "--shard", "shard count \(count) must be from 1 to \(SweepLimits.maxPoints)")
        }
        guard (0..<count).contains(index) else {
            throw InputError(.flag, field: "--shard", "shard index \(index) must be from 0 to \(count - 1)",
                             hint: "shard indices are 0-based: 0/\(count) ... \(count - 1)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses "I/N" (0-based I).
    public static func parse(_ text: String, field: String = "--shard") throws -> SweepShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw InputError(.flag, field: field, "'\(text)' is not a shard", hint: "write I/N, e.g. 0/4 (I is 0-based)")
        }
        return try SweepShard(index: index, count: count)
    }

    /// Whether the point at `pointIndex` belongs to this shard.
    @inlinable public func contains(_ pointIndex: Int) -> Bool { pointIndex % count == index }

    /// "I/N".
    public var description: String { "\(index)/\(count)" }

    /// The shard to run, from (in order) an explicit `--shard I/N`; Slurm job arrays
    /// (`SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`; the index is the task id minus
    /// `SLURM_ARRAY_TASK_MIN`, 0 when unset, so `--array=1-8` works too); or a Kubernetes Indexed
    /// Job (`JOB_COMPLETION_INDEX`) with `--shards N`. Nil: run every point.
    public static func resolve(explicit: String?, shards: Int?, environment: [String: String]) throws -> SweepShard? {
        if let explicit {
            let shard = try parse(explicit)
            if let shards, shards != shard.count {  // contradictory (issue 12): refuse, do not pick one
                throw InputError(.flag, field: "--shards", "--shard \(explicit) and --shards \(shards) disagree on the number of shards",
                                 hint: "give only --shard I/N, or --shards N with JOB_COMPLETION_INDEX")
            }
            return shard
        }
        if let id = environment["SLURM_ARRAY_TASK_ID"], let total = environment["SLURM_ARRAY_TASK_COUNT"] {
            guard let task = Int(id), let count = Int(total) else {
                throw InputError(.flag, field: "SLURM_ARRAY_TASK_ID", "Slurm array variables are not numbers ('\(id)', '\(total)')")
            }
            var minimum = 0
            if let text = environment["SLURM_ARRAY_TASK_MIN"] {
                guard let value = Int(text) else {
                    throw InputError(.flag, field: "SLURM_ARRAY_TASK_MIN", "'\(text)' is not a number")
                }
                minimum = value
            }
            if let shards, shards != count {
                throw InputError(.flag, field: "--shards", "--shards \(shards) disagrees with SLURM_ARRAY_TASK_COUNT=\(count)")
            }
            return try SweepShard(index: task - minimum, count: count)
        }
        if let text = environment["JOB_COMPLETION_INDEX"] {
            guard let shards else {
                throw InputError(.flag, field: "--shards", "JOB_COMPLETION_INDEX is set but --shards N is missing",
                                 hint: "pass the Job's completions count as --shards N")
            }
            guard let index = Int(text) else {
                throw InputError(.flag, field: "JOB_COMPLETION_INDEX", "'\(text)' is not a number")
            }
            return try SweepShard(index: index, count: shards)
        }
        if let shards, shards != 1 {
            throw InputError(.flag, field: "--shards",
                             "--shards \(shards) needs a shard index from --shard, Slurm or JOB_COMPLETION_INDEX")
        }
        return nil
    }
}
