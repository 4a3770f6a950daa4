import BatonExperiments
import BatonSparse

/// Everything this package adds to Baton: one registration line each.
public struct MyExtensions: BatonExtension {
    public init() {}

    public func register(into registry: inout BatonRegistry) {
        registry.register(CriticalRatio.descriptor)
        registry.register(FasterEyeriss.model, named: FasterEyeriss.model.name)
        registry.register(study: "bursty") { registry, _ in BurstyStudy(registry: registry.policies) }
    }
}
