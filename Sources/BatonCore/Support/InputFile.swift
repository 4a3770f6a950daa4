import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a user's data file whole, with the checks every reader needs: the path exists and is a
/// regular file, it is within `SimulationLimits.maxDataFileBytes` (checked before reading, so a
/// huge file is refused instead of exhausting memory), and its text is UTF-8 (the first invalid
/// line is named).
public enum InputFile {
    /// The size of the file at `path` in bytes.
    /// - Throws: `InputError` (kind `.file`) if the path is missing, a directory or unreadable.
    public static func size(_ path: String, expected what: String = "a CSV file") throws -> Int {
        switch status(path) {
        case .missing: throw InputError(.file, file: path, "file does not exist")
        case .unreadable: throw InputError(.file, file: path, "cannot read file (unreadable)")
        case .directory: throw InputError(.file, file: path, "is a directory, expected \(what)")
        case .file(let bytes): return bytes
        }
    }

    /// What is at a path, from one `stat` call.
    public enum Status: Equatable, Sendable {
        /// Nothing (or a path through something that is not a directory).
        case missing
        /// Something that cannot be examined (e.g. a folder on the way without search permission).
        case unreadable
        case directory
        /// Anything else (a regular file, a device, a pipe) with its size in bytes.
        case file(bytes: Int)
    }

    /// What is at `path`, from one `stat` call. (Foundation's `attributesOfItem` costs about a
    /// millisecond on its first call, which looks up the owner's account: a tenth of a command's
    /// start-up.)
    public static func status(_ path: String) -> Status {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .directory }
        return .file(bytes: Int(info.st_size))
    }

    /// Checks that `path` is a readable file within `SimulationLimits.maxDataFileBytes` and returns
    /// its size in bytes.
    /// - Throws: `InputError`: kind `.file` if the file is missing, a directory or unreadable; kind
    ///   `.limit` if it exceeds `maxDataFileBytes`.
    @discardableResult
    public static func checkReadable(_ path: String, expected what: String = "a CSV file") throws -> Int {
        let bytes = try size(path, expected: what)
        guard bytes <= SimulationLimits.maxDataFileBytes else {
            throw InputError(.limit, file: path,
                             "file is \(bytes) bytes, over the limit of \(SimulationLimits.maxDataFileBytes) bytes",
                             hint: "split the data or use fewer inputs (see docs/limits.md)")
        }
        return bytes
    }

    /// Opens the file at `path` as a CSV stream, after the checks of `checkReadable`.
    public static func csvStream(_ path: String, expected what: String = "a CSV file",
                                 chunkBytes: Int = CSVStream.chunkBytes) throws -> CSVStream {
        try checkReadable(path, expected: what)
        return try CSVStream(path: path, chunkBytes: chunkBytes)
    }

    /// Reads the file at `path` as UTF-8 text (a leading byte-order mark is kept; CSV parsing drops it).
    /// - Throws: `InputError`: kind `.file` if the file is missing, a directory, unreadable or not
    ///   UTF-8 (naming the first bad line); kind `.limit` if it exceeds `maxDataFileBytes`.
    public static func text(_ path: String, expected what: String = "a CSV file") throws -> String {
        try checkReadable(path, expected: what)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.file, file: path, "cannot read file (unreadable)")
        }
        return try decodeUTF8(data, source: path)
    }

    /// Decodes UTF-8, naming the line of the first invalid byte sequence.
    public static func decodeUTF8(_ data: Data, source: String) throws -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        var line = 1
        for chunk in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil {
                throw InputError(.file, file: source, line: line, "line is not valid UTF-8 text",
                                 hint: "save the file as UTF-8")
            }
            line += 1
        }
        throw InputError(.file, file: source, "file is not valid UTF-8 text", hint: "save the file as UTF-8")
    }
}
