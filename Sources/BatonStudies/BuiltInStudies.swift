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
        for model in CNNCostModel.builtIn { registry.register(model, named: model.name) }
        registry.register(study: "sparse") {
            SparseSweepRunner(checkInvariants: $1, registry: $0.policies, costModels: $0.components(CNNCostModel.self))
        }
        registry.register(study: "rtmm") { RTMMSweepRunner(checkInvariants: $1, registry: $0.policies) }
        return registry
    }
}
