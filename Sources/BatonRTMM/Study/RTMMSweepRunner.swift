import BatonCore
import BatonPolicies
import BatonExperiments
import Foundation

/// The real-time study's run parameters, each declared once: sweep keys, `baton list parameters`
/// and `docs/parameters.md` come from here.
public enum RTMMStudyParameters {
    public static let scenario = ParameterDeclaration(
        "scenario", .text, default: "vr-gaming", help: "Scenario or timeline (built-in or from config).")
    public static let platform = ParameterDeclaration(
        "platform", .text, default: "dual-4k-ws-os", help: "Platform (built-in or from config).")
    public static let scheduler = ParameterDeclaration(
        "scheduler", .text, default: "dream", help: "The policy (any registered name; `baton list policies`).")
    public static let seed = ParameterDeclaration(
        "seed", .integer(0...Int.max), default: 1, help: "Seed of the frames' random draws and of a policy's own randomness.")
    public static let duration = ParameterDeclaration(
        "duration_ms", .real(1e-3...1e11), default: 2000, unit: "ms",
        help: "Frames are generated for this long (at most the engine's time limit, 1e8 s, and 50 million frames).")
    public static let config = ParameterDeclaration(
        "config", .text, default: "", unit: "paths",
        help: "YAML files (comma-separated, relative to the working folder) with users' models, scenarios and platforms.")

    public static let period = ParameterDeclaration(
        "period", .choice(PeriodMode.allCases.map(\.rawValue)), default: "integer-ms",
        help: "Frame periods: integer-ms (XRBench: 1000/FPS whole milliseconds) or exact.")
    public static let jitter = ParameterDeclaration(
        "jitter_ms", .real(0...1e11), default: 0, unit: "ms", help: "Delay each frame's arrival by a uniform draw below this.")
    public static let costVariation = ParameterDeclaration(
        "cost_variation", .real(0...2), default: 0, help: "Per-input layer-cost spread (log-normal sigma; 0 = none).")

    /// Every real-time run parameter, in listing order.
    public static let all = [scenario, platform, scheduler, seed, duration, config, period, jitter, costVariation]
}

/// The `rtmm` study's sweep runner: one point is one simulation of the real-time multi-model study.
///
/// Run parameters: `RTMMStudyParameters` (scenario, platform, scheduler, seed, duration_ms, config);
/// every other parameter is a policy parameter (for example DREAM's `alpha`, `beta`,
/// `drop_tolerance`). Metrics: frames, uxcost, uxcost_floored, energy_mj, violation_rate,
/// drop_rate, xrbench_score (see `RTMMSummary.metricNames`).
public struct RTMMSweepRunner: SweepPointRunner {
    /// Check the engine's invariants during every point's run (`baton sweep --check`).
    public var checkInvariants: Bool
    /// The policies a point may name.
    public var registry: PolicyRegistry

    /// The models, scenarios and platforms of points without `config` (nil: the built-in ones).
    public var library: ModelLibrary?

    public init(checkInvariants: Bool = false, registry: PolicyRegistry = .builtIn, library: ModelLibrary? = nil) {
        self.checkInvariants = checkInvariants
        self.registry = registry
        self.library = library
    }

    public var summary: String { "Real-time multi-model study (DREAM): XRBench scenarios on multi-accelerator platforms." }
    public var parameters: [ParameterDeclaration] { RTMMStudyParameters.all }
    public var study: String { "rtmm" }
    typealias Study = RTMMStudyParameters

    /// Model libraries (built-in plus the point's config files), loaded once per config list.
    private static let libraries = LockedCache<String, ModelLibrary>()

    struct Point {
        var spec: RTMMRunSpec
        var scheduler: String
        var seed: UInt64
        var parameters: ParameterValues
        var library: ModelLibrary
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
        let configs = point.has("config") ? try point.string(Study.config) : ""
        let library = try configs.isEmpty && self.library != nil ? self.library! : Self.libraries.value(for: configs) {
            let paths = configs.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let builtIn = try ModelLibrary.builtIn()
            return paths.isEmpty ? builtIn : try ConfigLoader.load(paths: paths, into: builtIn)
        }
        let timeline = try Self.located(point, "scenario") { try library.timeline(named: try point.string(Study.scenario)) }
        let platform = try Self.located(point, "platform") { try library.platform(named: try point.string(Study.platform)) }
        let scheduler = try point.string(Study.scheduler)
        let line = point.parameter("scheduler").map(\.line) ?? 0
        let policy = try registry.descriptor(scheduler, kind: .config, file: point.source, line: line > 0 ? line : nil, field: "scheduler")
        let parameters = try point.policyParameters(for: policy, studyParameters: Study.all, registry: registry, study: study)
        let duration = try point.double(Study.duration)
        let sigma = try point.double(Study.costVariation)
        let jitterMs = try point.double(Study.jitter)
        if jitterMs >= duration {
            let line = point.parameter("jitter_ms").map(\.line) ?? 0
            throw InputError(.config, file: point.source, line: line > 0 ? line : nil, field: "jitter_ms",
                             "the jitter (\(ResultValue.format(jitterMs)) ms) must be shorter than the duration (\(ResultValue.format(duration)) ms)")
        }
        let options = WorkloadOptions(periodMode: PeriodMode(rawValue: try point.string(Study.period)) ?? .integerMilliseconds,
                                      jitterSeconds: jitterMs / 1000,
                                      costVariation: sigma > 0 ? CostVariation(sigma: sigma) : nil)
        let spec = RTMMRunSpec(timeline: timeline, platform: platform, durationSeconds: duration / 1000,
                               options: options, checkInvariants: checkInvariants)
        return Point(spec: spec, scheduler: scheduler, seed: UInt64(try point.int(Study.seed)), parameters: parameters, library: library)
    }

    public func check(_ point: SweepPoint) throws { _ = try resolve(point) }

    /// What the point runs (scenario, platform, duration, workload options).
    public func spec(_ point: SweepPoint) throws -> RTMMRunSpec { try resolve(point).spec }

    /// The point's run, typed (with `observer` also receiving its schedule, for traces).
    public func result(_ point: SweepPoint, observer: (any SimulationObserver)? = nil) throws -> RTMMRunResult {
        let p = try resolve(point)
        return try RTMMRunner.run(p.spec, scheduler: p.scheduler, seed: p.seed, library: p.library,
                                  parameters: p.parameters, registry: registry, observer: observer)
    }

    /// The run's metrics (`RTMMSummary.metricNames`).
    public func run(_ point: SweepPoint) throws -> [(String, ResultValue)] {
        RTMMSummary([try result(point)]).metricFields.map { ($0.name, .double($0.value)) }
    }
}
