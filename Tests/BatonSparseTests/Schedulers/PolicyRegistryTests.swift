import BatonCore
import BatonPolicies
import Testing

@Suite("Policy registry and parameter declarations")
struct PolicyRegistryTests {
    let registry = PolicyRegistry.builtIn

    /// Each study's own comparison set, read from the registry (one home for both lists).
    @Test func studyComparisonSets() {
        #expect(registry.studyPolicies("sparse") == ["fcfs", "sjf", "prema", "planaria", "sdrm3", "dysta"])
        #expect(registry.studyPolicies("rtmm") == ["fcfs", "edf", "xrbench", "herald", "prema", "planaria", "sdrm3", "dream"])
    }

    /// Every registered policy builds with its defaults, under its own name, once per name.
    @Test func everyPolicyBuildsUnderItsName() throws {
        #expect(Set(registry.names).count == registry.names.count)
        for name in registry.names { #expect(try registry.make(name).name == name) }
    }

    /// `beta=0.02` reaches every listed policy that declares beta; `dysta.beta` only dysta.
    @Test func assignmentsReachTheirPolicies() throws {
        let names = ["dysta", "dysta-naive", "fcfs"]
        let all = try registry.parameterValues(for: names, assignments: [try ParameterAssignment.parse("beta=0.02")])
        #expect(all[0].double("beta") == 0.02 && all[1].double("beta") == 0.02)
        let one = try registry.parameterValues(for: names, assignments: [try ParameterAssignment.parse("dysta.beta=0.5")])
        #expect(one[0].double("beta") == 0.5 && one[1].double("beta") == 0.01)
    }

    /// Unknown or invalid parameters are input errors naming the parameter, with suggestions.
    @Test func badAssignmentsAreErrors() throws {
        let typo = #expect(throws: InputError.self) {
            try registry.parameterValues(for: ["dysta"], assignments: [try ParameterAssignment.parse("bta=1")])
        }
        #expect(typo?.hint?.contains("did you mean 'beta'") == true)
        let negative = #expect(throws: InputError.self) {
            try registry.parameterValues(for: ["sdrm3"], assignments: [try ParameterAssignment.parse("alpha=-1")])
        }
        #expect(negative?.field == "alpha")
        #expect(negative?.message.contains("out of range") == true)
        let elsewhere = #expect(throws: InputError.self) {
            try registry.parameterValues(for: ["fcfs"], assignments: [try ParameterAssignment.parse("dysta.beta=1")])
        }
        #expect(elsewhere?.message.contains("does not use") == true)
        #expect(throws: InputError.self) { try ParameterAssignment.parse("beta") }
        #expect(throws: InputError.self) { try registry.make("dream", compatibility: .dystaArtifact) }
    }

    /// The declaration checks each kind: reals in range, whole numbers, choices, flags.
    @Test func declarationsValidateTheirKinds() throws {
        let real = ParameterDeclaration("x", .real(0...1), default: 0.5, help: "")
        #expect(try real.validate("0.25") == .double(0.25))
        #expect(throws: InputError.self) { try real.validate("nan") }
        #expect(throws: InputError.self) { try real.validate(2) }
        let whole = ParameterDeclaration("n", .integer(1...3), default: 1, help: "")
        #expect(try whole.validate(.double(2)) == .int(2))
        #expect(throws: InputError.self) { try whole.validate(.double(2.5)) }
        let choice = ParameterDeclaration("c", .choice(["a", "b"]), default: "a", help: "")
        #expect(try choice.validate("b") == .text("b"))
        #expect(throws: InputError.self) { try choice.validate("z") }
        let flag = ParameterDeclaration("f", .flag, default: "false", help: "")
        #expect(try flag.validate("yes") == .text("true"))
        #expect(throws: InputError.self) { try flag.validate("maybe") }
    }

    /// A package's policy registered by name replaces nothing else and is built like a built-in.
    @Test func registeringAPolicy() throws {
        var mine = registry
        mine.register(PolicyDescriptor(name: "newest-first", summary: "Latest arrival first.") { _ in EDF() })
        #expect(mine.names.last == "newest-first")
        #expect(try mine.make("newest-first").name == "edf")
        #expect(mine.names.count == registry.names.count + 1)
    }
}
