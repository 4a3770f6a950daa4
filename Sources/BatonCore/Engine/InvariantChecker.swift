/// An engine invariant that did not hold (a bug in Baton or in a scheduler).
public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    /// What went wrong, with the time and the job or accelerator involved.
    public var description: String

    public init(description: String) { self.description = description }
}

/// Checks the engine's invariants as a run goes (`SimulationSettings.checkInvariants`):
/// every job ends (finishes or is dropped) exactly once; an accelerator never runs two layers at
/// once; a job never runs on two accelerators at once; time never goes backwards (outside a
/// compatibility mode); per accelerator, busy time (block end minus start) equals the sum of the
/// latencies of the layers it ran, up to the rounding of the clock arithmetic; total energy
/// equals the sum of the energies of the layers run; jobs and frames are accounted for, in total
/// and per model: released (admitted) = completed + dropped + unfinished.
struct InvariantChecker {
    let monotonicTime: Bool
    private var ended: [Bool] = []
    private var lastTime = -Double.infinity
    private var acceleratorFreeAt: [Double]
    private var intervalBusySeconds: [Double]
    private var layerLatencySum: [Double]
    /// Per accelerator, the rounding the clock arithmetic may add to busy time: a block's end is
    /// its start plus each latency in turn, so each addition may round by half an ulp of the end.
    private var roundingAllowance: [Double]
    private var layerEnergySum = 0.0
    /// Per model, jobs admitted and jobs ended, as the checker saw them (independent of the metrics).
    private var admittedPerModel: [Int] = []
    private var endedPerModel: [Int] = []

    init(accelerators: Int, monotonicTime: Bool) {
        self.monotonicTime = monotonicTime
        acceleratorFreeAt = [Double](repeating: -Double.infinity, count: accelerators)
        intervalBusySeconds = [Double](repeating: 0, count: accelerators)
        layerLatencySum = [Double](repeating: 0, count: accelerators)
        roundingAllowance = [Double](repeating: 0, count: accelerators)
    }

    mutating func clock(_ time: Double) throws {
        if monotonicTime && time < lastTime {
            throw InvariantViolation(description: "time went backwards from \(lastTime) s to \(time) s")
        }
        lastTime = time
    }

    mutating func admitted(serial: Int, model: Int) {
        if ended.count <= serial { ended.append(contentsOf: repeatElement(false, count: serial + 1 - ended.count)) }
        count(model, in: &admittedPerModel)
    }

    private func count(_ model: Int, in counts: inout [Int]) {
        if counts.count <= model { counts.append(contentsOf: repeatElement(0, count: model + 1 - counts.count)) }
        counts[model] += 1
    }

    mutating func blockStarted(accelerator: Int, serial: Int, start: Double, end: Double,
                               busySeconds: Double, layers: Int, runningOn: [Int]) throws {
        // When the clock may go backwards (a compatibility mode), an earlier start is legal as
        // long as the accelerator runs nothing now.
        if runningOn[accelerator] >= 0 || (monotonicTime && start < acceleratorFreeAt[accelerator]) {
            throw InvariantViolation(description:
                "accelerator \(accelerator) starts job #\(serial) at \(start) s while busy until \(acceleratorFreeAt[accelerator]) s")
        }
        for (other, running) in runningOn.enumerated() where running == serial && other != accelerator {
            throw InvariantViolation(description:
                "job #\(serial) starts on accelerator \(accelerator) at \(start) s while running on accelerator \(other)")
        }
        if serial < ended.count, ended[serial] {
            throw InvariantViolation(description: "job #\(serial) runs at \(start) s after it ended")
        }
        acceleratorFreeAt[accelerator] = end
        intervalBusySeconds[accelerator] += busySeconds
        // One rounding per layer added, the migration, and the subtractions giving busySeconds.
        roundingAllowance[accelerator] += Double(layers + 3) * max(abs(end), abs(start)).ulp
    }

    /// The scheduler holds `accelerator` from `start` to `end` with no job (scheduler-busy time):
    /// the accelerator must run nothing then, and it is not busy time.
    mutating func held(accelerator: Int, start: Double, end: Double, runningOn: [Int]) throws {
        if runningOn[accelerator] >= 0 || (monotonicTime && start < acceleratorFreeAt[accelerator]) || !(end > start) {
            throw InvariantViolation(description:
                "accelerator \(accelerator) is held by the scheduler from \(start) s to \(end) s while busy until \(acceleratorFreeAt[accelerator]) s")
        }
        acceleratorFreeAt[accelerator] = end
    }

    /// Frame and job accounting closes, in total and per model: released (admitted, as seen
    /// here) = completed + dropped + unfinished, and ended (as seen here) = completed + dropped.
    private func checkAccounting(_ metrics: RunMetrics, unfinished: Int) throws {
        if metrics.unfinished != unfinished || metrics.admitted != metrics.completed + metrics.dropped + metrics.unfinished {
            throw InvariantViolation(description: "\(metrics.admitted) jobs released but \(metrics.completed) completed + "
                + "\(metrics.dropped) dropped + \(metrics.unfinished) unfinished (\(unfinished) left in the system)")
        }
        for (model, stats) in metrics.perModel.enumerated() {
            let released = model < admittedPerModel.count ? admittedPerModel[model] : 0
            let ended = model < endedPerModel.count ? endedPerModel[model] : 0
            if stats.jobs != released || released != stats.completed + stats.dropped + stats.unfinished
                || ended != stats.completed + stats.dropped {
                throw InvariantViolation(description: "model \(model): \(released) jobs released (\(stats.jobs) recorded) but "
                    + "\(stats.completed) completed + \(stats.dropped) dropped + \(stats.unfinished) unfinished, \(ended) ended")
            }
        }
    }

    mutating func layerRan(accelerator: Int, latency: Double, energy: Double) {
        layerLatencySum[accelerator] += latency
        layerEnergySum += energy
    }

    mutating func jobEnded(serial: Int, model: Int, at time: Double) throws {
        if serial >= ended.count {
            throw InvariantViolation(description: "job #\(serial) ended at \(time) s but was never admitted")
        }
        if ended[serial] {
            throw InvariantViolation(description: "job #\(serial) ended twice (second time at \(time) s)")
        }
        ended[serial] = true
        count(model, in: &endedPerModel)
    }

    func finish(metrics: RunMetrics, unfinished: Int) throws {
        let endedCount = ended.lazy.filter { $0 }.count
        if endedCount + unfinished != metrics.admitted {
            throw InvariantViolation(description:
                "\(metrics.admitted) jobs admitted but \(endedCount) ended and \(unfinished) remain")
        }
        if metrics.completed + metrics.dropped != endedCount {
            throw InvariantViolation(description:
                "\(metrics.completed) completed + \(metrics.dropped) dropped != \(endedCount) ended")
        }
        try checkAccounting(metrics, unfinished: unfinished)
        for a in 0..<layerLatencySum.count {
            let tolerance = 1e-9 * max(1, layerLatencySum[a]) + roundingAllowance[a]
            if abs(intervalBusySeconds[a] - layerLatencySum[a]) > tolerance
                || abs(metrics.acceleratorBusySeconds[a] - layerLatencySum[a]) > tolerance {
                throw InvariantViolation(description:
                    "accelerator \(a): busy \(intervalBusySeconds[a]) s but its layers sum to \(layerLatencySum[a]) s")
            }
        }
        let perModelEnergy = metrics.perModel.reduce(0) { $0 + $1.energyMillijoules }
        let tolerance = 1e-9 * max(1, layerEnergySum)
        if abs(metrics.energyMillijoules - layerEnergySum) > tolerance || abs(perModelEnergy - layerEnergySum) > tolerance {
            throw InvariantViolation(description:
                "energy \(metrics.energyMillijoules) mJ but the layers run sum to \(layerEnergySum) mJ")
        }
    }
}
