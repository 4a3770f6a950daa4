/// The results of one simulation run, accumulated as jobs finish (memory does not grow with the
/// number of requests: latency percentiles come from a `LatencyDistribution`: exact up to 65,536 jobs, then
/// three significant digits).
public struct RunMetrics: Sendable {
    /// Jobs that entered the system.
    public internal(set) var admitted: Int = 0
    /// Jobs that finished all their layers.
    public internal(set) var completed: Int = 0
    /// Jobs dropped.
    public internal(set) var dropped: Int = 0
    /// Completed jobs that finished after their deadline.
    public internal(set) var late: Int = 0
    /// Jobs still in the system when the run ended: `admitted == completed + dropped + unfinished`.
    public internal(set) var unfinished: Int = 0
    /// Sum over completed jobs of (finish - arrival) / isolated latency.
    public internal(set) var normalizedTurnaroundSum: Double = 0
    /// Earliest arrival among admitted jobs.
    public internal(set) var firstArrivalSeconds: Double = .infinity
    /// Latest finish among completed jobs.
    public internal(set) var lastFinishSeconds: Double = 0
    /// Total energy of every layer run, millijoules.
    public internal(set) var energyMillijoules: Double = 0
    /// Busy time of each accelerator, seconds.
    public var acceleratorBusySeconds: [Double] { perAccelerator.map(\.busySeconds) }
    /// Number of layers each accelerator ran.
    public var acceleratorLayers: [Int] { perAccelerator.map(\.layers) }
    /// Busy time and layers per accelerator, in one array (one write per layer run).
    private var perAccelerator: [(busySeconds: Double, layers: Int)]
    /// Per-model results, indexed like `WorkloadCatalog.modelNames`.
    public internal(set) var perModel: [ModelStats]
    /// Simulated time at the end of the run.
    public internal(set) var endSeconds: Double = 0
    /// Number of scheduling decisions taken.
    public internal(set) var decisions: Int = 0
    /// Turnaround times of completed jobs.
    public internal(set) var turnarounds = LatencyDistribution()

    public init(accelerators: Int, models: Int) {
        perAccelerator = [(busySeconds: Double, layers: Int)](repeating: (0, 0), count: accelerators)
        perModel = [ModelStats](repeating: ModelStats(), count: models)
    }

    // MARK: Derived figures

    /// Jobs counted for rates: completed + dropped.
    public var counted: Int { completed + dropped }
    /// Fraction of counted jobs that finished late or were dropped.
    public var violationRate: Double { counted == 0 ? 0 : Double(late + dropped) / Double(counted) }
    /// Fraction of counted jobs that were dropped.
    public var dropRate: Double { counted == 0 ? 0 : Double(dropped) / Double(counted) }
    /// Average normalised turnaround time over completed jobs (1 is ideal).
    public var antt: Double { completed == 0 ? 0 : normalizedTurnaroundSum / Double(completed) }
    /// System throughput: completed jobs / (last finish - first arrival), jobs per second.
    public var throughput: Double {
        let span = lastFinishSeconds - firstArrivalSeconds
        return completed == 0 || span <= 0 ? 0 : Double(completed) / span
    }
    /// Turnaround percentile (0...100, nearest rank) of completed jobs, seconds (exact up to
    /// 65,536 jobs, three significant digits beyond).
    public func turnaroundPercentile(_ percentile: Double) -> Double {
        turnarounds.percentile(percentile)
    }
    /// Utilisation of each accelerator: busy time / (end - first arrival).
    public var acceleratorUtilization: [Double] {
        let span = endSeconds - (firstArrivalSeconds.isFinite ? firstArrivalSeconds : 0)
        return acceleratorBusySeconds.map { span > 0 ? $0 / span : 0 }
    }
    /// XRBench score: 100 x mean over models (with counted frames) of S_m.
    public var xrbenchScore: Double {
        let scored = perModel.filter { $0.counted > 0 }
        guard !scored.isEmpty else { return 0 }
        return 100 * scored.map(\.xrbenchScore).reduce(0, +) / Double(scored.count)
    }

    // MARK: Recording (engine)

    mutating func recordAdmission(_ spec: JobSpec) {
        admitted += 1
        perModel[spec.model].jobs += 1
        if spec.arrivalSeconds < firstArrivalSeconds { firstArrivalSeconds = spec.arrivalSeconds }
    }

    mutating func recordLayer(accelerator: Int, seconds: Double, energy: Double, model: Int) {
        perAccelerator[accelerator].busySeconds += seconds
        perAccelerator[accelerator].layers += 1
        if energy != 0 {
            energyMillijoules += energy
            perModel[model].energyMillijoules += energy
        }
    }

    mutating func recordFinish(_ job: JobState, at time: Double) {
        completed += 1
        let turnaround = time - job.arrivalSeconds
        normalizedTurnaroundSum += turnaround / job.isolatedTrueSeconds
        if time > lastFinishSeconds { lastFinishSeconds = time }
        let isLate = time > job.deadlineSeconds
        if isLate { late += 1 }
        turnarounds.record(turnaround)
        let model = job.spec.model
        perModel[model].completed += 1
        if isLate { perModel[model].late += 1 }
        perModel[model].turnaroundSumSeconds += turnaround
        let terms = ModelStats.xrbenchTerms(finishSeconds: time, deadlineSeconds: job.deadlineSeconds,
                                            energyMillijoules: job.energyMillijoules)
        perModel[model].xrbenchScoreSum += terms.realTime * terms.energy
    }

    /// Records the jobs left in the system at the end of the run (by model), closing the accounting.
    mutating func recordUnfinished(models: some Sequence<Int>) {
        for model in models {
            unfinished += 1
            perModel[model].unfinished += 1
        }
    }

    mutating func recordDrop(_ spec: JobSpec) {
        dropped += 1
        perModel[spec.model].dropped += 1
    }

    /// Overrides the ANTT sum and finish time (used by a compatibility mode that averages its own way).
    mutating func setEnd(_ time: Double) { endSeconds = time }
}
