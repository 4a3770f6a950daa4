import BatonCore
import BatonPolicies

/// Policy parameters as the sparse-study tests give them (alpha, beta, a predictor object, mode).
struct TestPolicyOptions {
    var alpha: Double = 1
    var beta: Double = 0.01
    var predictor: GammaPredictor = .average
    var compatibility: SimulationSettings.Compatibility = .none
}

/// Builds sparse-study policies through the registry, as `baton run` does.
enum TestPolicies {
    /// The Dysta study's policies and Dysta's variants, in listing order.
    static let sparseNames = [
        "fcfs", "sjf", "sjf-sparse", "prema", "prema-sparse", "planaria",
        "sdrm3", "sdrm3-sparse", "dysta", "dysta-naive", "dysta-oracle", "dysta-static", "dysta-dynamic",
    ]

    /// Policy `name` from the built-in registry with `options` (only the parameters it declares).
    static func make(_ name: String, options: TestPolicyOptions = TestPolicyOptions()) throws -> any Scheduler {
        let registry = PolicyRegistry.builtIn
        let descriptor = try registry.descriptor(name)
        var values = ParameterValues(descriptor.parameters)
        let declared = Set(descriptor.parameters.map(\.name))
        if declared.contains("alpha") { try values.set("alpha", .double(options.alpha), owner: name) }
        if declared.contains("beta") { try values.set("beta", .double(options.beta), owner: name) }
        let predictor = options.predictor
        return try registry.make(name, parameters: values, compatibility: options.compatibility,
                                 resolvePredictor: { _, _ in predictor })
    }
}
