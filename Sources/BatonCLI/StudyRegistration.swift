import BatonExperiments

/// Registers the experiments of studies outside BatonExperiments' own sparse set.
enum StudyRegistration {
    static func registerAll() {}
}
