import Foundation

/// Runs the built `baton` executable in a child process (for CLI-level tests).
struct BatonProcess {
    /// Output of one run.
    struct Outcome {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// The `baton` binary next to the test bundle (swift test builds it), or nil if absent.
    static var binary: URL? {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("baton"))
        candidates.append(bundle.appendingPathComponent("baton"))
        for argument in CommandLine.arguments.prefix(1) {
            candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("baton"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `baton` with `arguments` in `directory`, with no standard input.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        guard let binary else { throw BatonProcessError.binaryMissing }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(exitCode: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}

enum BatonProcessError: Error, CustomStringConvertible {
    case binaryMissing
    var description: String { "the baton executable was not found next to the test bundle" }
}

/// The repository's root folder (from this file's path).
func repositoryRoot(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}
