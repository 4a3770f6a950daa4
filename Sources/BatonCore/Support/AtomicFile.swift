import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Writes output files so that a reader sees either the complete new file or nothing new, and
/// reports every failed write or close.
///
/// Semantics of a destination path (docs/errors.md, "Outputs are complete or absent"):
/// - `-` is standard output: the text is written there (no file is created).
/// - A symbolic link is followed to its final target (also when that does not exist yet), and
///   the target is updated: the link itself is never replaced.
/// - A regular file, or a path that does not exist, is written atomically: the text goes to a
///   hidden temporary file beside the (resolved) target, `.<name>.<pid>.partial`, which is
///   renamed over it only once fully written and closed. A failed or interrupted command never
///   leaves a partial file under the name it promised.
/// - Anything else that exists (a character or block device such as `/dev/null` or
///   `/dev/stdout`, a FIFO, a socket) is opened and written directly, never replaced by a file.
/// Every `write` and `close` is checked: `/dev/full` fails with "No space left on device".
public enum AtomicFile {
    /// The path that names standard output.
    public static let standardOutputPath = "-"

    /// Writes `text` (UTF-8) to `path` with the semantics above.
    /// - Parameter field: the flag that named the path (e.g. "--out"), for the error message.
    /// - Throws: `InputError` of kind `.flag` naming the path when its directory is missing, the
    ///   path is a directory, or the file cannot be written (with the system's reason).
    public static func write(_ text: String, to path: String, field: String? = nil) throws {
        if path == standardOutputPath {
            try writeStandardOutput(text, field: field)
            return
        }
        let directory = try checkDestination(path, field: field)
        var text = text  // written from its own UTF-8 storage (no copy of the bytes)
        // Checked on the path itself (links followed by the system): `/dev/stdout` links to a
        // descriptor link whose text ("pipe:[...]") is no path.
        if isExistingNonRegularFile(path) {
            do {
                try text.withUTF8 { try writeWhole(UnsafeRawBufferPointer($0), to: path, flags: O_WRONLY, creating: "cannot open") }
            } catch let reason as SystemReason {
                throw InputError(.flag, file: path, field: field, "cannot write: \(reason.text)")
            }
            return
        }
        let target = try target(of: path, field: field)
        let name = (target as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(getpid()).partial")
        do {
            try text.withUTF8 {
                try writeWhole(UnsafeRawBufferPointer($0), to: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC,
                               creating: "cannot create a temporary file")
            }
            guard rename(temporary, target) == 0 else { throw systemError("cannot move the finished file into place") }
        } catch let reason as SystemReason {
            unlink(temporary)
            throw InputError(.flag, file: path, field: field, "cannot write file: \(reason.text)")
        }
    }

    /// Writes `text` to standard output, checking every write (a full disk or a closed pipe is an
    /// error, not a silent success).
    /// - Throws: `InputError` of kind `.flag` (exit 64) with the system's reason.
    public static func writeStandardOutput(_ text: String, field: String? = nil) throws {
        do {
            var text = text
            try text.withUTF8 { try writeAll(UnsafeRawBufferPointer($0), to: 1) }
        } catch let reason as SystemReason {
            throw InputError(.flag, field: field, "cannot write to standard output: \(reason.text)")
        }
    }

    /// Checks up front that `path` can name an output file: not empty, not a directory, in an
    /// existing directory (after following symbolic links). `-` (standard output) always passes.
    /// Commands call it before long work so a bad path fails at once.
    /// - Returns: the directory the file goes in (of the resolved target).
    /// - Throws: `InputError` of kind `.flag` naming the path (and `field`, the flag that gave it).
    @discardableResult
    public static func checkDestination(_ path: String, field: String? = nil) throws -> String {
        guard !path.isEmpty else { throw InputError(.flag, field: field, "the output path is empty") }
        if path == standardOutputPath { return "." }
        if isExistingNonRegularFile(path) { return (path as NSString).deletingLastPathComponent }
        let target = try target(of: path, field: field)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(.flag, file: path, field: field, "is a directory, expected a file path")
        }
        let parent = (target as NSString).deletingLastPathComponent
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

    /// `path` with every symbolic link along its last component followed (at most 40 links, as
    /// the system allows); a dangling link gives the path it points to; nil for a loop.
    public static func resolvingLinks(_ path: String) -> String? {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if destination.hasPrefix("/") {
                current = destination
            } else {
                let parent = (current as NSString).deletingLastPathComponent
                current = parent.isEmpty ? destination : (parent as NSString).appendingPathComponent(destination)
            }
        }
        return nil
    }

    /// `resolvingLinks(path)`, or an error naming the path when the links loop.
    static func target(of path: String, field: String?) throws -> String {
        guard let target = resolvingLinks(path) else {
            throw InputError(.flag, file: path, field: field, "too many levels of symbolic links")
        }
        return target
    }

    /// Whether `path` exists and is neither a regular file nor a directory (a device, FIFO, socket).
    static func isExistingNonRegularFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// The system's reason for a failed call.
    struct SystemReason: Error { var text: String }

    static func systemError(_ what: String) -> SystemReason {
        SystemReason(text: "\(what) (\(String(cString: strerror(errno))))")
    }

    /// Opens `path` with `flags`, writes every byte and closes it, or throws.
    private static func writeWhole(_ bytes: UnsafeRawBufferPointer, to path: String, flags: Int32, creating what: String) throws {
        let descriptor = open(path, flags, 0o666)
        guard descriptor >= 0 else { throw systemError(what) }
        do {
            try writeAll(bytes, to: descriptor)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw systemError("close failed") }
    }

    /// Writes every byte to an open descriptor (retrying short writes and interruptions), or throws.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw systemError("write failed")
            }
            if written == 0 { throw SystemReason(text: "write failed (nothing written)") }
            offset += written
        }
    }
}

/// The C library's `write` (the name is taken by `AtomicFile.write` inside the enum).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
