import BatonExperiments
import BatonStudies

/// Writes an experiment's files into an output directory (tables, summary, plots) and the
/// directory's manifest (command, version, experiments, seeds) for `baton report`.
enum ExperimentFiles {
    static func write(_ output: ExperimentOutput, to directory: String, figure: FigureOptions = FigureOptions()) throws {
        try output.write(to: directory, figure: figure)
        if !output.plots.isEmpty, RasterExport.toolPath == nil, !noticeShown.value {
            noticeShown.value = true
            Terminal.error(RasterExport.missingMessage)
        }
    }

    /// Whether the missing-converter note was shown (once per process).
    private static let noticeShown = Once()
    final class Once: @unchecked Sendable { var value = false }

    static func writeManifest(experiments: [String], quick: Bool, seeds override: Int? = nil, to directory: String) throws {
        let seeds = Set(experiments.flatMap { ExperimentCatalog.seeds(of: $0, quick: quick, override: override) }).sorted()
        try ExperimentManifest(command: ReportsCLI.commandLine, experiments: experiments, seeds: seeds, quick: quick)
            .write(to: directory)
    }
}
