import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import Foundation

/// Shared plumbing of the sweep, merge, plot, report and timeline subcommands.
enum ReportsCLI {
    /// Runs a command body, printing Baton's own errors (with file, line, field and hint) to
    /// standard error and exiting with their documented code (docs/errors.md).
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as InputError {
            printError(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as SweepPointFailure {
            printError(error.description)
            throw ExitCode(1)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The command line as typed (program name shown as `baton`), shell-quoted where needed.
    static var commandLine: String {
        (["baton"] + CommandLine.arguments.dropFirst().map(quote)).joined(separator: " ")
    }

    static func quote(_ argument: String) -> String {
        let safe = argument.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_./=:,@%+".unicodeScalars.contains($0)
        }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Writes text to a file, or throws an `InputError` naming it.
    static func write(_ text: String, to path: String) throws {
        try AtomicFile.write(text, to: path, field: "--out")
    }
}
