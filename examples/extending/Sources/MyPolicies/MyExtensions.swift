import BatonExperiments

/// Everything this package adds to Baton: one registration line each.
public struct MyExtensions: BatonExtension {
    public init() {}

    public func register(into registry: inout BatonRegistry) {
        registry.register(CriticalRatio.descriptor)
        registry.register(study: "bursty") { policies, _ in BurstyStudy(registry: policies) }
    }
}
