import ArgumentParser

extension BatonCommand {
    /// Every subcommand of `baton`, in the order `--help` lists them.
    static let allSubcommands: [ParsableCommand.Type] = [
        ReproduceCommand.self,
        ListCommand.self,
        RunCommand.self,
        ExperimentCommand.self,
        RTMMCommand.self,
        BenchmarkCommand.self,
        RequestsCommand.self,
        BenchCommand.self,
        SweepCommand.self,
        MergeCommand.self,
        PlotCommand.self,
        ReportCommand.self,
        TimelineCommand.self,
    ]
}
