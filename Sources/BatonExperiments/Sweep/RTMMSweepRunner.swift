import BatonCore
import BatonRTMM
import Foundation

/// The `rtmm` study's sweep runner: one point is one simulation of the real-time multi-model study.
///
/// Parameters (defaults in brackets): `scenario` [vr-gaming], `platform` [dual-4k-ws-os], `scheduler`
/// [dream], `seed` [1], `duration_ms` [2000], and DREAM's `alpha` [1], `beta` [1], `drop_tolerance` [0].
/// Metrics: frames, uxcost, uxcost_floored, energy_mj, violation_rate, drop_rate, xrbench_score.
public struct RTMMSweepRunner: SweepPointRunner {
    /// Check the engine's invariants during every point's run (`baton sweep --check`).
    public var checkInvariants: Bool

    public init(checkInvariants: Bool = false) {
        self.checkInvariants = checkInvariants
    }

    public var study: String { "rtmm" }
    public static let parameterNames = ["alpha", "beta", "drop_tolerance", "duration_ms", "platform", "scenario", "scheduler", "seed"]

    /// The built-in models, scenarios and platforms, loaded once (the cost table is large).
    private static let library = LibraryCache()

    struct Point {
        var spec: RTMMRunSpec
        var scheduler: String
        var seed: UInt64
        var dream: DreamParameters
    }

    /// Runs `body`, turning its `InputError` into a sweep-file error at parameter `name`'s line.
    static func located<T>(_ point: SweepPoint, _ name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as InputError {
            guard error.file == nil, let parameter = point.parameter(name) else { throw error }
            error.kind = .config
            error.file = point.source
            error.line = parameter.line > 0 ? parameter.line : nil
            error.field = name
            throw error
        }
    }

    func resolve(_ point: SweepPoint) throws -> Point {
        try point.requireOnly(RTMMSweepRunner.parameterNames, study: study)
        let library = try Self.library.get()
        let timeline = try Self.located(point, "scenario") { try library.timeline(named: try point.string("scenario", default: "vr-gaming")) }
        let platform = try Self.located(point, "platform") { try library.platform(named: try point.string("platform", default: "dual-4k-ws-os")) }
        let scheduler = try point.string("scheduler", default: "dream", allowed: RTMMSchedulers.names)
        let duration = try point.double("duration_ms", default: 2000, in: 1...3_600_000, requirement: "expected 1...3600000 ms")
        var dream = DreamParameters()
        dream.alpha = try point.double("alpha", default: dream.alpha, in: 0...1e6)
        dream.beta = try point.double("beta", default: dream.beta, in: 0...1e6)
        dream.dropTolerance = try point.double("drop_tolerance", default: dream.dropTolerance, in: 0...1e6)
        let spec = RTMMRunSpec(timeline: timeline, platform: platform, durationSeconds: duration / 1000,
                               options: WorkloadOptions(), checkInvariants: checkInvariants)
        return Point(spec: spec, scheduler: scheduler, seed: UInt64(try point.int("seed", default: 1, in: 0...Int.max)), dream: dream)
    }

    public func check(_ point: SweepPoint) throws { _ = try resolve(point) }

    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        let p = try resolve(point)
        let s = try RTMMRunner.runSeeds(p.spec, scheduler: p.scheduler, seeds: [p.seed], library: try Self.library.get(), dream: p.dream)
        return [("frames", .double(s.frames)), ("uxcost", .double(s.uxCost)), ("uxcost_floored", .double(s.uxCostForRatios)),
                ("energy_mj", .double(s.energyMillijoules)), ("violation_rate", .double(s.violationRate)),
                ("drop_rate", .double(s.dropRate)), ("xrbench_score", .double(s.xrbenchScore))]
    }
}

/// The built-in model library, loaded on first use (thread-safe).
struct LibraryCache: Sendable {
    private let cache = LockedCache<Int, ModelLibrary>()

    func get() throws -> ModelLibrary { try cache.value(for: 0) { try ModelLibrary.builtIn() } }
}
