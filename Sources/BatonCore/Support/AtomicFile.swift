import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Writes output files so that a reader sees either the complete new file or nothing new: the
/// text goes to a hidden temporary file in the same directory (`.<name>.<pid>.partial`), which is
/// renamed over `path` only once fully written. A failed or interrupted command therefore never
/// leaves a partial file under the name it promised.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path`, replacing any existing file atomically.
    /// - Parameter field: the flag that named the path (e.g. "--out"), for the error message.
    /// - Throws: `InputError` of kind `.flag` naming the path when its directory is missing, the
    ///   path is a directory, or the file cannot be written (with the system's reason).
    public static func write(_ text: String, to path: String, field: String? = nil) throws {
        let directory = try checkDestination(path, field: field)
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(getpid()).partial")
        do {
            try writeWhole(Array(text.utf8), to: temporary)
            guard rename(temporary, path) == 0 else { throw systemError("cannot move the finished file into place") }
        } catch let reason as SystemReason {
            unlink(temporary)
            throw InputError(.flag, file: path, field: field, "cannot write file: \(reason.text)")
        }
    }

    /// Checks up front that `path` can name an output file: not empty, not a directory, in an
    /// existing directory. Commands call it before long work so a bad path fails at once.
    /// - Returns: the directory the file goes in.
    /// - Throws: `InputError` of kind `.flag` naming the path (and `field`, the flag that gave it).
    @discardableResult
    public static func checkDestination(_ path: String, field: String? = nil) throws -> String {
        guard !path.isEmpty else { throw InputError(.flag, field: field, "the output path is empty") }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(.flag, file: path, field: field, "is a directory, expected a file path")
        }
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw InputError(.flag, file: path, field: field, "directory '\(directory)' does not exist",
                             hint: "create the directory first, or choose another path")
        }
        guard isDirectory.boolValue else {
            throw InputError(.flag, file: path, field: field, "'\(directory)' is not a directory")
        }
        return directory
    }

    /// The system's reason for a failed call.
    struct SystemReason: Error { var text: String }

    static func systemError(_ what: String) -> SystemReason {
        SystemReason(text: "\(what) (\(String(cString: strerror(errno))))")
    }

    /// Creates (or truncates) `path` and writes every byte, or throws.
    private static func writeWhole(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else { throw systemError("cannot create a temporary file") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = systemError("write failed")
                close(descriptor)
                throw reason
            }
            offset += written
        }
        guard close(descriptor) == 0 else { throw systemError("close failed") }
    }
}

/// The C library's `write` (the name is taken by `AtomicFile.write` inside the enum).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
