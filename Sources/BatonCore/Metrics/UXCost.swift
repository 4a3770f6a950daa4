/// UXCost, Baton's definition of DREAM's "energy-delay-product equivalent for real-time work"
/// (DREAM's exact formula is not public): `UXCost = E_norm * V`.
///
/// - `V` = (frames finished after their deadline + frames dropped) / frames;
/// - `E_norm` = energy spent / (sum over frames of the lowest isolated energy of that frame's
///   model on any accelerator of the platform);
/// - for ratios and geometric means `V` is floored at `1 / (2 * frames)`, so that a run without
///   violations still compares by its energy.
public struct UXCost: Sendable, Equatable {
    /// Frames counted (completed + dropped).
    public var frames: Int
    /// Frames finished late or dropped.
    public var violations: Int
    /// Energy spent, millijoules.
    public var energyMillijoules: Double
    /// Sum over frames of the model's lowest isolated energy, millijoules.
    public var minimumEnergyMillijoules: Double

    public init(frames: Int, violations: Int, energyMillijoules: Double, minimumEnergyMillijoules: Double) {
        self.frames = frames
        self.violations = violations
        self.energyMillijoules = energyMillijoules
        self.minimumEnergyMillijoules = minimumEnergyMillijoules
    }

    /// Violation rate V (0 without frames).
    public var violationRate: Double { frames == 0 ? 0 : Double(violations) / Double(frames) }
    /// V floored at 1 / (2 * frames).
    public var flooredViolationRate: Double { frames == 0 ? 0 : max(violationRate, 1 / (2 * Double(frames))) }
    /// Normalised energy E_norm (0 when the floor is 0).
    public var normalizedEnergy: Double { minimumEnergyMillijoules > 0 ? energyMillijoules / minimumEnergyMillijoules : 0 }
    /// UXCost = E_norm * V.
    public var value: Double { normalizedEnergy * violationRate }
    /// UXCost with the floored V, for ratios and geometric means.
    public var flooredValue: Double { normalizedEnergy * flooredViolationRate }
    /// UXCost with both terms floored at `1 / (2 * frames)`, used for ratios and geometric means in
    /// Baton's experiments. The energy floor is Baton's addition (the spec floors only V): it keeps a
    /// run that dropped every frame before it spent any energy (E_norm = 0) out of the zeros.
    public var ratioValue: Double {
        guard frames > 0 else { return 0 }
        return max(normalizedEnergy, 1 / (2 * Double(frames))) * flooredViolationRate
    }
}
