@testable import BatonCore
import Foundation
import PropertyBased
import Testing

@Suite("Atomic output files")
struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let directory = try scratchDirectory("atomic-replace")
        let path = directory + "/out.csv"
        try AtomicFile.write("a,b\n1,2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n")
        try AtomicFile.write("a,b\n3,4\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n3,4\n")
        #expect(listing(directory) == ["out.csv"])
    }

    @Test func emptyTextGivesAnEmptyFile() throws {
        let directory = try scratchDirectory("atomic-empty")
        try AtomicFile.write("", to: directory + "/empty.txt")
        #expect(FileManager.default.contents(atPath: directory + "/empty.txt") == Data())
    }

    @Test func missingDirectoryIsAFlagErrorNamingIt() throws {
        let directory = try scratchDirectory("atomic-missing")
        let error = #expect(throws: InputError.self) {
            try AtomicFile.write("x", to: directory + "/nope/out.csv", field: "--out")
        }
        #expect(error?.kind == .flag)
        #expect(error?.field == "--out")
        #expect(error?.message.contains("does not exist") == true)
        #expect(listing(directory).isEmpty)
    }

    @Test func aDirectoryIsNotAFilePath() throws {
        let directory = try scratchDirectory("atomic-directory")
        let error = #expect(throws: InputError.self) { try AtomicFile.write("x", to: directory) }
        #expect(error?.message.contains("is a directory") == true)
        #expect(throws: InputError.self) { try AtomicFile.write("x", to: "") }
        #expect(throws: InputError.self) { try AtomicFile.checkDestination(directory + "/a-file/x.csv") }
    }

    /// A write that fails after the checks (here the temporary name is taken by a directory)
    /// leaves neither the target nor a partial file, and an existing target keeps its old text.
    @Test func aFailedWriteLeavesTheOldFileAlone() throws {
        let directory = try scratchDirectory("atomic-failure")
        let path = directory + "/out.csv"
        try AtomicFile.write("old\n", to: path)
        let blocker = directory + "/.out.csv.\(ProcessInfo.processInfo.processIdentifier).partial"
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        let error = #expect(throws: InputError.self) { try AtomicFile.write("new\n", to: path) }
        #expect(error?.message.contains("cannot write file") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try FileManager.default.removeItem(atPath: blocker)
        #expect(listing(directory) == ["out.csv"])
    }

    /// Any text (control, multi-byte and CSV characters, up to a few thousand) reads back unchanged.
    @Test func roundTripsAnyText() async throws {
        let directory = try scratchDirectory("atomic-property")
        await propertyCheck(count: 50, input: Gen.uint64()) { seed in
            var random = SeededRandomTestSource(seed: seed)
            let text = fuzzText(&random, maxLength: 3000)
            recordingErrors {
                let path = directory + "/text.txt"
                try AtomicFile.write(text, to: path)
                let data = try #require(FileManager.default.contents(atPath: path))
                #expect(String(decoding: data, as: UTF8.self) == text)
                #expect(listing(directory) == ["text.txt"])
            }
        }
    }
}
