import BatonCore
import Foundation

/// Reads a whole UTF-8 text file, or throws an `InputError` (.file) naming it.
func readTextFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(.file, file: path, "is a directory, expected a file")
        }
        throw InputError(.file, file: path, "cannot read file (missing or unreadable)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(.file, file: path, "file is not valid UTF-8 text")
    }
    return text
}

/// Writes text to a file through a temporary file and a rename (`AtomicFile`), so readers never
/// see half a file.
func writeTextFileAtomically(_ text: String, to path: String) throws {
    try AtomicFile.write(text, to: path)
}

/// Creates a directory (and its parents) or throws an `InputError` (.file).
func createDirectory(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw InputError(.file, file: path, "cannot create directory: \(error.localizedDescription)")
    }
}

/// Joins a directory and a file name.
func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
