import BatonCore
import BatonPolicies
import BatonExperiments

/// Everything that defines one `baton run` of the sparse study, in one place (MLPerf-LoadGen-style
/// settings struct). Grid: schedulers x loads x SLO multipliers x seeds.
public struct SparseRunPlan: Sendable, Equatable {
    /// Where the traces come from.
    public enum Workload: Sendable, Hashable {
        /// Baton's shipped synthetic benchmark for a pool.
        case pool(SparsePool, inputsPerFile: Int, benchmarkSeed: UInt64)
        /// A directory of trace CSVs in the Dysta artifact's formats.
        case traces(directory: String)
    }

    /// How the arrival rate is given.
    public enum Load: Sendable, Equatable {
        /// Requests per second.
        case rates([Double])
        /// Target utilisation u: rate = u / mean isolated latency of a request.
        case utilizations([Double])
        /// Recorded request tables, each replayed exactly (their deadlines are used as they are); one
        /// load per table, in the order given.
        case requestTables(paths: [String])
    }

    public var workload: Workload
    public var schedulers: [String]
    public var load: Load
    /// SLO multipliers (deadline = arrival + m x the architecture's mean isolated latency).
    public var sloMultipliers: [Double]
    /// Requests per run.
    public var requests: Int
    /// Seeds (the study uses 1...5); each seed gives its own request table.
    public var seeds: [Int]
    /// Reference-compatibility mode.
    public var compatibility: SimulationSettings.Compatibility
    /// Policy parameters (`beta=0.02`, or `dysta.beta=0.02` for one policy), validated against
    /// each policy's declared parameters when the plan runs.
    public var parameters: [ParameterAssignment]
    /// The latency model of the shipped CNN pool's layers (the attention pool is costed by Sanger's).
    public var cnnCostModel: CNNCostModel = .eyerissV2
    /// One row per seed instead of the mean over seeds.
    public var perSeed: Bool
    /// Replay request tables even when their recorded provenance (workload, mode) differs from the plan's.
    public var allowProvenanceMismatch = false
    /// How the 95% intervals of the mean-over-seeds table are formed.
    public var interval: IntervalMethod = .studentT
    /// Check engine invariants during every run.
    public var checkInvariants: Bool

    public init(workload: Workload = .pool(.attention, inputsPerFile: SparseRunPlan.defaultInputsPerFile, benchmarkSeed: 1),
                schedulers: [String] = SparseRunPlan.studySchedulers,
                load: Load = .rates([30]), sloMultipliers: [Double] = [10], requests: Int = 1000,
                seeds: [Int] = Array(1...5), compatibility: SimulationSettings.Compatibility = .none,
                parameters: [ParameterAssignment] = [],
                perSeed: Bool = false, checkInvariants: Bool = false) {
        self.workload = workload
        self.schedulers = schedulers
        self.load = load
        self.sloMultipliers = sloMultipliers
        self.requests = requests
        self.seeds = seeds
        self.compatibility = compatibility
        self.parameters = parameters
        self.perSeed = perSeed
        self.checkInvariants = checkInvariants
    }

    /// The state-of-the-art schedulers the Dysta study compared with and counted for its headline
    /// claim (FCFS and SJF ran too, as simple references).
    public static let stateOfTheArt = ["prema", "planaria", "sdrm3"]
    /// The metrics the study's claims are about (summary sentences of paired comparisons).
    public static let headlineMetrics = ["violation_rate", "antt"]
    /// The schedulers of the study's trade-off figure.
    public static let studySchedulers = ["fcfs", "sjf", "prema", "planaria", "sdrm3", "dysta"]
    /// Inputs per trace file in the shipped benchmark.
    public static let defaultInputsPerFile = 200
}
