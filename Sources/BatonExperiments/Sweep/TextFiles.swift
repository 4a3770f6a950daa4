import BatonCore
import Foundation

/// Reads a whole UTF-8 text file, or throws an `InputError` naming it, of `kind`: `.file` (65)
/// for data files, `.config` (66) for YAML configurations and sweep files (docs/errors.md).
func readTextFile(_ path: String, kind: InputError.Kind = .file) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(kind, file: path, "is a directory, expected a file")
        }
        throw InputError(kind, file: path, "cannot read file (missing or unreadable)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(kind, file: path, "file is not valid UTF-8 text")
    }
    return text
}

/// Writes text to a file through a temporary file and a rename (`AtomicFile`), so readers never
/// see half a file.
func writeTextFileAtomically(_ text: String, to path: String) throws {
    try AtomicFile.write(text, to: path)
}

/// Creates an output directory (and its parents) or throws an `InputError` (.flag, exit 64: the
/// output path given by `field` is unusable, e.g. an existing file is in the way).
func createDirectory(_ path: String, field: String = "--out") throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
        throw InputError(.flag, file: path, field: field, "is a file, expected a directory")
    }
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw InputError(.flag, file: path, field: field, "cannot create directory: \(error.localizedDescription)")
    }
}

/// Joins a directory and a file name.
func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
