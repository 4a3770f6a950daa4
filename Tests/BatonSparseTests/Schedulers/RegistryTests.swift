import BatonCore
import BatonPolicies
@testable import BatonSparse
import Testing

@Suite("Sparse scheduler registry")
struct RegistryTests {
    @Test func namesInCommandLineOrder() {
        #expect(TestPolicies.sparseNames == [
            "fcfs", "sjf", "sjf-sparse", "prema", "prema-sparse", "planaria",
            "sdrm3", "sdrm3-sparse", "dysta", "dysta-naive", "dysta-oracle", "dysta-static", "dysta-dynamic",
        ])
    }

    /// Every name builds a policy of that name; pattern-aware estimates for dysta, dysta-oracle and
    /// the -sparse variants; the monitor (the given predictor) for dysta and the -sparse variants.
    @Test func everyNameBuildsWithItsEstimatesAndMonitor() throws {
        let pattern: Set = ["dysta", "dysta-oracle", "dysta-static", "sjf-sparse", "prema-sparse", "sdrm3-sparse"]
        let monitored: Set = ["dysta", "dysta-dynamic", "sjf-sparse", "prema-sparse", "sdrm3-sparse"]
        for name in TestPolicies.sparseNames {
            for mode in SimulationSettings.Compatibility.allCases {
                let options = TestPolicyOptions(predictor: .lastOne, compatibility: mode)
                let scheduler = try TestPolicies.make(name, options: options)
                #expect(scheduler.name == name)
                #expect(scheduler.estimateKind == (pattern.contains(name) ? .pattern : .architecture), "\(name)")
                #expect(scheduler.predictor == (monitored.contains(name) ? .lastOne : GammaPredictor.none), "\(name)")
                let policy = try #require(scheduler as? any ReferenceCompatiblePolicy)
                #expect(policy.compatibility == mode)
            }
        }
    }

    @Test func defaultsAndParametersArePassedOn() throws {
        let defaults = TestPolicyOptions()
        #expect(defaults.alpha == 1 && defaults.beta == 0.01 && defaults.predictor == .average)
        #expect(defaults.compatibility == .none)
        let sdrm3 = try #require(try TestPolicies.make("sdrm3-sparse", options: TestPolicyOptions(alpha: 2.5)) as? SDRM3)
        #expect(sdrm3.alpha == 2.5 && sdrm3.sparse)
        let dysta = try #require(try TestPolicies.make("dysta-oracle", options: TestPolicyOptions(beta: 0.5)) as? Dysta)
        #expect(dysta.beta == 0.5 && dysta.variant == .oracle)
    }

    @Test func unknownNameSuggestsTheClosest() {
        let error = #expect(throws: InputError.self) { try TestPolicies.make("dysat") }
        #expect(error?.kind == .flag)
        #expect(error?.message == "unknown scheduler 'dysat'")
        #expect(error?.hint?.hasPrefix("did you mean 'dysta'?") == true)
    }

    @Test func badParametersAreInputErrors() {
        let cases: [(String, TestPolicyOptions, String)] = [
            ("sdrm3", TestPolicyOptions(alpha: -1), "alpha"),
            ("sdrm3-sparse", TestPolicyOptions(alpha: .nan), "alpha"),
            ("dysta", TestPolicyOptions(beta: .infinity), "beta"),
            ("dysta-naive", TestPolicyOptions(beta: -0.5), "beta"),
        ]
        for (name, options, field) in cases {
            let error = #expect(throws: InputError.self) { try TestPolicies.make(name, options: options) }
            #expect(error?.field == field, "\(name)")
            #expect(error?.kind == .flag)
        }
        // Parameters a policy does not declare are not applied (TestPolicies sets only declared ones).
        #expect((try? TestPolicies.make("fcfs", options: TestPolicyOptions(alpha: -1, beta: -1))) != nil)
    }

    /// runSparse refuses a policy built for another compatibility mode than the simulation's.
    @Test func runSparseChecksTheCompatibilityMode() throws {
        let (catalog, specs) = makeWorkload([TestJob(arrival: 0, layers: [1])])
        let scheduler = try TestPolicies.make("fcfs", options: artifact())
        let error = #expect(throws: InputError.self) {
            try simulate(scheduler, catalog: catalog, source: ListSource(specs), settings: SimulationSettings())
        }
        #expect(error?.field == "compatibility")
    }

    /// runSparse gives the same result as a directly built simulator of the concrete type.
    @Test func runSparseMatchesDirectSimulator() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [2, 6, 6], deadline: 10, pattern: [2, 2, 2], ratios: [3, 3, 3]),
            TestJob(arrival: 1, layers: [5], deadline: 9),
        ]
        let (catalog, specs) = makeWorkload(jobs)
        let viaRegistry = try simulate(try TestPolicies.make("dysta"), catalog: catalog, source: ListSource(specs))
        var direct = Simulator(catalog: catalog, platform: .single(), scheduler: Dysta(.standard),
                               source: ListSource(specs))
        let expected = try direct.run()
        #expect(viaRegistry.scheduler == "dysta")
        #expect(viaRegistry.metrics.antt == expected.metrics.antt)
        #expect(viaRegistry.metrics.late == expected.metrics.late)
        #expect(viaRegistry.metrics.endSeconds == expected.metrics.endSeconds)
    }
}
