import BatonExperiments
import BatonStudies

/// Writes an experiment's files into an output directory (tables, summary, plots) and the
/// directory's manifest (command, version, experiments, seeds) for `baton report`.
enum ExperimentFiles {
    static func write(_ output: ExperimentOutput, to directory: String) throws {
        try output.write(to: directory)
    }

    static func writeManifest(experiments: [String], quick: Bool, seeds override: Int? = nil, to directory: String) throws {
        let seeds = Set(experiments.flatMap { ExperimentCatalog.seeds(of: $0, quick: quick, override: override) }).sorted()
        try ExperimentManifest(command: ReportsCLI.commandLine, experiments: experiments, seeds: seeds, quick: quick)
            .write(to: directory)
    }
}
