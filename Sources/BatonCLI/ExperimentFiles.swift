import BatonExperiments

/// Writes an experiment's files into an output directory (tables, summary, plots).
enum ExperimentFiles {
    static func write(_ output: ExperimentOutput, to directory: String) throws {
        try output.write(to: directory)
    }
}
