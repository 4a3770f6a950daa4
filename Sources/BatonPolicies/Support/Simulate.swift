import BatonCore

/// Runs one simulation with any policy, opening the existential so that the simulator is
/// specialised for the concrete policy type.
/// - Parameters:
///   - policy: a policy, typically from `PolicyRegistry.make`.
///   - platform: the accelerators (one by default).
///   - observer: receives the schedule as it happens (nil for none).
/// - Throws: `InputError` (kind `.flag`, field `compatibility`) when a reference-compatible
///   policy's mode differs from `settings.compatibility`; otherwise what `Simulator.run` throws.
public func simulate<Source: JobSource>(_ policy: any Scheduler, catalog: WorkloadCatalog, platform: Platform = .single(),
                                       source: Source, settings: SimulationSettings = SimulationSettings(),
                                       observer: (any SimulationObserver)? = nil) throws -> RunResult {
    if let compatible = policy as? any ReferenceCompatiblePolicy, compatible.compatibility != settings.compatibility {
        throw InputError(.flag, field: "compatibility",
                         "scheduler '\(compatible.name)' was built for compatibility '\(compatible.compatibility.rawValue)' but the simulation uses '\(settings.compatibility.rawValue)'",
                         hint: "pass the same mode to PolicyRegistry.make and SimulationSettings")
    }
    if settings.compatibility != .none, !(policy is any ReferenceCompatiblePolicy) {
        throw InputError(.flag, field: "compatibility", "scheduler '\(policy.name)' has no '\(settings.compatibility.rawValue)' mode")
    }
    return try policy.simulateSpecialized(catalog: catalog, platform: platform, source: source,
                                          settings: settings, observer: observer).0
}
