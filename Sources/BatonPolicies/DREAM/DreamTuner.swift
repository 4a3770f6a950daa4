import Foundation
import BatonCore

/// DREAM's online tuning of alpha, beta and the drop tolerance (a reconstruction): sign-based
/// simultaneous-perturbation finite differences on the UXCost measured per window.
///
/// Time is cut into windows of `tuningWindowSeconds`; a window's UXCost is that of the frames that
/// ended (finished or dropped) in it, with both terms floored at `1 / (2 frames)` (`UXCost.ratioValue`).
/// Windows come in pairs: the first runs with the parameters `theta + c * delta`, the second with
/// `theta - c * delta`, where `delta` has a random sign (+1 or -1) per tuned coordinate and `c` is
/// the step. After the pair, the finite difference `U+ - U-` estimates the gradient along `delta`,
/// and theta moves one step against it, `theta -= step * sign(U+ - U-) * delta` (theta lands on the
/// better probe), unless the two differ by less than the dead band. alpha and beta are tuned as
/// log2 values, the tolerance linearly; all stay within their ranges. Windows in which no frame ended are skipped.
public struct DreamTuner: Sendable {
    /// The tuned coordinates: log2 alpha, log2 beta, drop tolerance.
    public struct Point: Sendable, Equatable {
        public var log2Alpha: Double
        public var log2Beta: Double
        public var tolerance: Double

        public var alpha: Double { exp2(log2Alpha) }
        public var beta: Double { exp2(log2Beta) }
    }

    /// One measured window.
    public struct WindowRecord: Sendable, Equatable {
        /// End of the window, seconds.
        public var endSeconds: Double
        /// Parameters the window ran with (probe point).
        public var probe: Point
        /// Centre after this window's update.
        public var center: Point
        /// The window's UXCost (floored V).
        public var uxCost: Double
        /// Frames that ended in the window.
        public var frames: Int
    }

    private let parameters: DreamParameters
    private let tuneAlpha: Bool, tuneBeta: Bool, tuneTolerance: Bool
    /// Current centre of the search.
    public private(set) var center: Point
    private var delta = Point(log2Alpha: 0, log2Beta: 0, tolerance: 0)
    private var probeSign = 1.0
    private var plusCost = 0.0
    private var random: SeededRandom
    private var windowEnd: Double
    private var frames = 0, violations = 0
    private var energy = 0.0, minimumEnergy = 0.0
    /// Every measured window, in order.
    public private(set) var history: [WindowRecord] = []

    public init(parameters: DreamParameters) {
        self.parameters = parameters
        tuneAlpha = true
        tuneBeta = parameters.beta > 0
        tuneTolerance = parameters.drop
        center = Point(log2Alpha: log2(parameters.alpha), log2Beta: parameters.beta > 0 ? log2(parameters.beta) : 0,
                       tolerance: parameters.dropTolerance)
        random = SeededRandom(seed: parameters.tuningSeed, stream: "dream-tuning")
        windowEnd = parameters.tuningWindowSeconds
        history.reserveCapacity(64)
        drawDirection()
        refreshCurrent()
    }

    /// The parameters in force now (the current probe point). Kept from the last change of the
    /// centre, direction or sign, with its alpha and beta (`currentAlpha`, `currentBeta`): a
    /// decision reads them, and working them out each time (four `log2` and two `exp2`) took
    /// about 3% of a DREAM decision at 4,096 frames.
    public private(set) var current = Point(log2Alpha: 0, log2Beta: 0, tolerance: 0)
    /// `current.alpha`.
    public private(set) var currentAlpha = 1.0
    /// `current.beta`.
    public private(set) var currentBeta = 1.0

    /// Works out `current`, `currentAlpha` and `currentBeta` from the centre, direction and sign.
    private mutating func refreshCurrent() {
        current = Point(log2Alpha: clampLog2(center.log2Alpha + probeSign * parameters.tuningStepLog2 * delta.log2Alpha, parameters.alphaRange),
                        log2Beta: clampLog2(center.log2Beta + probeSign * parameters.tuningStepLog2 * delta.log2Beta, parameters.betaRange),
                        tolerance: clamp(center.tolerance + probeSign * parameters.toleranceStep * delta.tolerance, parameters.toleranceRange))
        currentAlpha = current.alpha
        currentBeta = current.beta
    }

    /// Records a frame that ended at `time`; closes the windows that ended before it.
    public mutating func record(endedAt time: Double, energyMillijoules: Double, minimumEnergyMillijoules: Double,
                                violated: Bool) {
        if time >= windowEnd { closeWindows(before: time) }
        frames += 1
        if violated { violations += 1 }
        energy += energyMillijoules
        minimumEnergy += minimumEnergyMillijoules
    }

    private mutating func closeWindows(before time: Double) {
        let width = parameters.tuningWindowSeconds
        if frames > 0 {
            let probe = current
            let cost = UXCost(frames: frames, violations: violations, energyMillijoules: energy,
                              minimumEnergyMillijoules: minimumEnergy).ratioValue
            if probeSign > 0 {
                plusCost = cost
                probeSign = -1
            } else {
                let difference = plusCost - cost
                let scale = max(plusCost, cost)
                if scale > 0, abs(difference) / scale > parameters.tuningDeadBand {
                    let sign: Double = difference > 0 ? 1 : -1
                    center.log2Alpha = clampLog2(center.log2Alpha - parameters.tuningStepLog2 * sign * delta.log2Alpha, parameters.alphaRange)
                    center.log2Beta = clampLog2(center.log2Beta - parameters.tuningStepLog2 * sign * delta.log2Beta, parameters.betaRange)
                    center.tolerance = clamp(center.tolerance - parameters.toleranceStep * sign * delta.tolerance, parameters.toleranceRange)
                }
                probeSign = 1
                drawDirection()
            }
            history.append(WindowRecord(endSeconds: windowEnd, probe: probe, center: center, uxCost: cost, frames: frames))
            frames = 0; violations = 0; energy = 0; minimumEnergy = 0
        }
        refreshCurrent()
        let skipped = ((time - windowEnd) / width).rounded(.down)
        windowEnd += (skipped + 1) * width
    }

    private mutating func drawDirection() {
        func sign() -> Double { random.next() & 1 == 0 ? 1 : -1 }
        delta.log2Alpha = tuneAlpha ? sign() : 0
        delta.log2Beta = tuneBeta ? sign() : 0
        delta.tolerance = tuneTolerance ? sign() : 0
    }

    private func clampLog2(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        min(max(value, log2(range.lowerBound)), log2(range.upperBound))
    }

    private func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        min(max(value, range.lowerBound), range.upperBound)
    }
}
