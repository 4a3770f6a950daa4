import BatonCore
import Foundation

/// Writing to the standard streams.
enum Terminal {
    /// Writes text to standard error (a newline is added if missing).
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes text to standard output as is; a failed write (a full disk, a closed pipe) is an
    /// `InputError` (exit 64), never a silent success or a crash.
    static func output(_ text: String) throws {
        try AtomicFile.writeStandardOutput(text)
    }

    /// Whether standard error is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
