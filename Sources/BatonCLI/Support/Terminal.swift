#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the standard streams.
enum Terminal {
    /// Writes text to standard error.
    static func error(_ text: String) {
        fputs(text.hasSuffix("\n") ? text : text + "\n", stderr)
    }

    /// Writes text to standard output as is.
    static func output(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// Whether standard error is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
