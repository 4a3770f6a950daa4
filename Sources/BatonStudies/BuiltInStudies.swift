import BatonCore
import BatonExperiments
import BatonPolicies
import BatonRTMM
import BatonSparse

extension BatonRegistry {
    /// Baton's built-in policies and studies: `synthetic`, `sparse` (the Dysta study) and `rtmm`
    /// (the DREAM study).
    public static var builtIn: BatonRegistry {
        var registry = BatonRegistry(policies: .builtIn)
        registry.register(study: "sparse") { SparseSweepRunner(checkInvariants: $1, registry: $0) }
        registry.register(study: "rtmm") { RTMMSweepRunner(checkInvariants: $1, registry: $0) }
        return registry
    }
}
