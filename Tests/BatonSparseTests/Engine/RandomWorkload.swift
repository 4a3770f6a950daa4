import BatonCore
@testable import BatonSparse

/// A random small workload for engine property tests: a few models of 1-5 layers with random
/// per-accelerator costs, two inputs each (true costs and monitor ratios), pattern-aware and
/// per-architecture estimates, Poisson-like arrivals, priorities 1/3/9 and random deadlines.
struct RandomWorkload {
    var catalog: WorkloadCatalog
    var specs: [JobSpec]
    var platform: Platform

    /// - Parameters:
    ///   - scale: multiplies every time (costs, arrivals, deadlines); use powers of two for
    ///     bit-exact scaling.
    ///   - oneAtATime: arrivals spaced so that each job arrives after the previous one finished
    ///     running alone on accelerator 0 (a single job in the system at any time).
    ///   - arrivalRate: mean arrivals per (unscaled) second; above about 0.3 per accelerator jobs
    ///     queue up.
    ///   - ties: arrivals rounded down to even seconds and deadlines to whole seconds after them, so
    ///     that many jobs share an arrival and a deadline (tie rules at work).
    ///   - burst: every job arrives at time 0, with a deadline of four times its isolated latency
    ///     (whole seconds): groups of identical jobs, as a burst of requests at one instant gives.
    ///   - priorities: the priorities drawn from, uniformly.
    ///   - energies: random per-layer energies too (0 otherwise), for policies that weigh energy.
    ///   - deadlineScale: multiplies each relative deadline (long deadlines keep long queues
    ///     under policies that drop hopeless jobs).
    init(seed: UInt64, accelerators: Int, jobs: Int, scale: Double = 1, oneAtATime: Bool = false, arrivalRate: Double = 0.8,
         ties: Bool = false, burst: Bool = false, priorities: [Double] = [1, 3, 9], energies: Bool = false,
         deadlineScale: Double = 1) {
        var random = SeededRandom(seed: seed, stream: "engine-property")
        let modelCount = 3
        let inputsPerModel = 2
        var tables: [CostTable] = []
        var ratioTables: [[Double]] = []
        var layerCounts: [Int] = []
        // Per model: pattern table, architecture table, then per input: true table + ratios.
        var patternTable: [Int] = []
        var architectureTable: [Int] = []
        var trueTables: [[Int]] = []
        var ratioIndex: [[Int]] = []
        func costs(_ layers: Int) -> [Double] {
            (0..<(layers * accelerators)).map { _ in (0.1 + 2.9 * random.nextUnit()) * scale }
        }
        func table(_ layers: Int) -> CostTable {
            let latencies = costs(layers)
            return CostTable(layerCount: layers, acceleratorCount: accelerators, latencySeconds: latencies,
                             energyMillijoules: energies ? latencies.map { _ in 0.5 + 4.5 * random.nextUnit() } : nil)
        }
        for _ in 0..<modelCount {
            let layers = 1 + random.nextInt(below: 5)
            layerCounts.append(layers)
            patternTable.append(tables.count)
            tables.append(table(layers))
            architectureTable.append(tables.count)
            tables.append(table(layers))
            var inputs: [Int] = []
            var ratios: [Int] = []
            for _ in 0..<inputsPerModel {
                inputs.append(tables.count)
                tables.append(table(layers))
                ratios.append(ratioTables.count)
                ratioTables.append((0..<layers).map { _ in 0.5 + 1.5 * random.nextUnit() })
            }
            trueTables.append(inputs)
            ratioIndex.append(ratios)
        }
        var arrival = 0.0
        var specs: [JobSpec] = []
        for id in 0..<jobs {
            let model = random.nextInt(below: modelCount)
            let input = random.nextInt(below: inputsPerModel)
            let table = trueTables[model][input]
            let alone = tables[table].total(accelerator: 0)
            let priority = priorities[random.nextInt(below: priorities.count)]
            let slackFactor = (0.5 + 3.5 * random.nextUnit()) * deadlineScale
            let released = burst ? 0 : ties ? 2 * (arrival / 2).rounded(.down) : arrival
            let deadline = burst ? (4 * alone).rounded() : released + (ties ? (slackFactor * alone).rounded() : slackFactor * alone)
            specs.append(JobSpec(requestID: id, model: model, arrivalSeconds: released, deadlineSeconds: deadline,
                                 priority: priority, trueCosts: table, patternEstimate: patternTable[model],
                                 architectureEstimate: architectureTable[model],
                                 observedRatios: ratioIndex[model][input]))
            if oneAtATime {
                // Layer by layer, as the engine adds them, so the next arrival is bit-exact.
                for k in 0..<layerCounts[model] { arrival += tables[table].latency(layer: k, accelerator: 0) }
                if random.nextInt(below: 2) == 0 { arrival += random.nextUnit() * scale }
            } else {
                arrival += random.nextExponential(rate: arrivalRate) * scale
            }
        }
        catalog = WorkloadCatalog(modelNames: ["m0", "m1", "m2"], costTables: tables, ratioTables: ratioTables)
        self.specs = specs
        platform = Platform(name: "random", accelerators: (0..<accelerators).map {
            Accelerator(name: "acc\($0)", dataflow: "test")
        })
    }

    /// Runs `scheduler` on this workload (any platform), recording the schedule into `log`.
    func run(_ scheduler: any Scheduler, compatibility: SimulationSettings.Compatibility = .none,
             log: ScheduleLog) throws -> RunResult {
        try runOpened(scheduler, compatibility: compatibility, log: log)
    }

    /// Runs `scheduler` with no observer (the engine's planned blocks apply only then), with
    /// invariant checks.
    func runUnobserved(_ scheduler: any Scheduler) throws -> RunResult {
        try runOpened(scheduler, compatibility: .none, log: nil)
    }

    private func runOpened<Policy: Scheduler>(_ policy: Policy, compatibility: SimulationSettings.Compatibility,
                                              log: ScheduleLog?) throws -> RunResult {
        var simulator = Simulator(catalog: catalog, platform: platform, scheduler: policy, source: ListSource(specs),
                                  settings: SimulationSettings(compatibility: compatibility, checkInvariants: true))
        simulator.observer = log
        return try simulator.run()
    }
}
