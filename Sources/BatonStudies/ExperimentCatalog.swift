import BatonCore
import BatonExperiments
import BatonRTMM
import BatonSparse

/// Options shared by every built-in experiment.
public struct ExperimentOptions: Sendable, Equatable {
    /// Pools for sparse-study experiments.
    public var pools: [SparsePool]
    /// CI-sized runs (fewer requests, seeds, frames).
    public var quick: Bool
    /// Check engine invariants during every run.
    public var checkInvariants: Bool
    /// Runs at once (threads); results do not depend on it.
    public var jobs: Int = 1
    /// Seeds 1...K instead of the experiment's own count (`--seeds`), where it takes seeds.
    public var seeds: Int?
    /// Adds the paired comparison of every other scheduler against this one (`--baseline`; the
    /// sparse simulation experiments, dream-uxcost and dream-ablation).
    public var baseline: String?

    public init(pools: [SparsePool] = SparsePool.allCases, quick: Bool = false, checkInvariants: Bool = false) {
        self.pools = pools
        self.quick = quick
        self.checkInvariants = checkInvariants
    }
}

/// The built-in experiments by name, for `baton experiment` and `baton reproduce`.
public enum ExperimentCatalog {
    /// Every experiment name with a one-line description, in listing order.
    public static var entries: [(name: String, title: String)] {
        SparseExperimentName.allCases.map { ($0.rawValue, $0.title) }
            + [(DystaHardwareExperiment.name, DystaHardwareExperiment.title)]
            + DreamExperimentName.allCases.map { ($0.rawValue, $0.title) }
            + [(CrossStudyExperiment.name, CrossStudyExperiment.title)]
            + [(HeadlineClaims.name, HeadlineClaims.title)]
    }

    /// The seeds experiment `name` uses (the sparse study's grids; DREAM's runs), for the manifest.
    public static func seeds(of name: String, quick: Bool, override: Int? = nil) -> [Int] {
        if let override, name != CrossStudyExperiment.name, name != DystaHardwareExperiment.name { return Array(1...max(1, override)) }
        if name == HeadlineClaims.name { return quick ? [1, 2] : Array(1...HeadlineClaims.seedSteps.last!) }
        if let sparse = SparseExperimentName(rawValue: name) {
            return SparseExperimentGrid.of(sparse, pool: .attention, quick: quick).seeds
        }
        if name == DystaHardwareExperiment.name { return DystaHardwareExperiment.Grid.of(quick: quick).seeds }
        return quick ? [1] : Array(1...5)
    }

    /// Runs experiment `name`.
    /// - Parameter registry: the policies and studies (a package's own too).
    public static func run(_ name: String, options: ExperimentOptions, registry: BatonRegistry = .builtIn,
                           progress: ProgressReporter? = nil) throws -> [ExperimentOutput] {
        if options.baseline != nil, name == HeadlineClaims.name || name == CrossStudyExperiment.name || name == DystaHardwareExperiment.name
            || name == SparseExperimentName.predictor.rawValue {
            throw InputError(.flag, field: "--baseline", "\(name) does not take a baseline",
                             hint: "use it with the sparse simulation experiments, dream-uxcost or dream-ablation")
        }
        if name == HeadlineClaims.name {
            return [try HeadlineClaims.run(quick: options.quick, seeds: options.seeds, registry: registry, jobs: options.jobs, progress: progress)]
        }
        if name == CrossStudyExperiment.name {
            return [try CrossStudyExperiment.run(quick: options.quick, registry: registry, jobs: options.jobs, progress: progress)]
        }
        if let sparse = SparseExperimentName(rawValue: name) {
            let pools = sparse == .predictor ? options.pools.filter { $0 == .attention } + options.pools.filter { $0 != .attention } : options.pools
            return try pools.map {
                try SparseExperimentRunner.run(sparse, pool: $0, quick: options.quick,
                                               checkInvariants: options.checkInvariants, jobs: options.jobs, seeds: options.seeds,
                                               baseline: sparse == .predictor ? nil : options.baseline, progress: progress)
            }
        }
        if name == DystaHardwareExperiment.name {
            return try options.pools.map {
                try DystaHardwareExperiment.run(pool: $0, quick: options.quick, checkInvariants: options.checkInvariants, progress: progress)
            }
        }
        if let dream = DreamExperimentName(rawValue: name) {
            return [try DreamExperimentRunner.run(dream, quick: options.quick, seeds: options.seeds, baseline: options.baseline,
                                                  progress: progress)]
        }
        throw unknownNameError("experiment", name, known: entries.map(\.name))
    }
}
