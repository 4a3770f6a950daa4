import ArgumentParser
import BatonCore
import Foundation

/// The `baton` command: simulate, compare and reproduce multi-DNN schedulers.
struct BatonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Simulate and compare schedulers for many DNN inferences sharing accelerators.",
        discussion: """
        Baton rebuilds two studies: sparse multi-DNN scheduling (Dysta, MICRO 2023) and real-time \
        multi-model scheduling (DREAM, ASPLOS 2023), on data shipped in the package.

        Start with `baton reproduce --quick`, then `baton run --help` and `baton rtmm run --help`.
        Exit codes: 0 success, 1 other failure, 64 bad flag, 65 bad data file, 66 bad config, \
        67 a documented limit exceeded, 70 an engine invariant failed (a bug; please report).
        """,
        version: BatonVersion.current,
        subcommands: BatonCommand.allSubcommands
    )

    /// Parses the command line, runs the command, and maps Baton's errors to exit codes.
    static func runMain() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            Terminal.error(error.description)
            Foundation.exit(error.exitCode)
        } catch let error as InvariantViolation {
            Terminal.error("internal error: engine invariant violated: \(error.description)")
            Foundation.exit(70)
        } catch {
            exit(withError: error)
        }
    }
}
