@testable import BatonCore
import Foundation
import Testing

/// Destinations that are not plain files (issue 12, class 4): symbolic links are written through,
/// devices and FIFOs are written directly (never replaced by a file), `-` is standard output,
/// and a failed write is an error.
@Suite("Output destinations")
struct OutputDestinationTests {
    /// A link is followed: the target gets the text, the link stays a link.
    @Test func writesThroughASymbolicLink() throws {
        let directory = try scratchDirectory("dest-link")
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: false)
        try AtomicFile.write("old\n", to: directory + "/real/target.csv")
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.csv", withDestinationPath: "real/target.csv")
        try AtomicFile.write("new\n", to: directory + "/link.csv")
        #expect(try String(contentsOfFile: directory + "/real/target.csv", encoding: .utf8) == "new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link.csv") == "real/target.csv")
        #expect(listing(directory) == ["link.csv", "real"])
        #expect(listing(directory + "/real") == ["target.csv"])
    }

    /// A chain of links, the last one dangling: the file is created where the chain ends.
    @Test func aDanglingLinkChainCreatesItsTarget() throws {
        let directory = try scratchDirectory("dest-dangling")
        try FileManager.default.createSymbolicLink(atPath: directory + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: directory + "/b", withDestinationPath: directory + "/c.txt")
        try AtomicFile.write("x", to: directory + "/a")
        #expect(try String(contentsOfFile: directory + "/c.txt", encoding: .utf8) == "x")
        #expect(AtomicFile.resolvingLinks(directory + "/a") == directory + "/c.txt")
    }

    /// A link loop is not followed forever; it is a write error, not a hang.
    @Test func aLinkLoopIsAnError() throws {
        let directory = try scratchDirectory("dest-loop")
        try FileManager.default.createSymbolicLink(atPath: directory + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: directory + "/b", withDestinationPath: "a")
        #expect(throws: InputError.self) { try AtomicFile.write("x", to: directory + "/a") }
    }

    /// `/dev/null` is written directly and stays a character device.
    @Test func aDeviceIsWrittenDirectly() throws {
        try AtomicFile.write("discarded\n", to: "/dev/null", field: "--out")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }

    /// `/dev/full` refuses every byte: the write fails with the system's reason, exit code 64.
    @Test func aFullDeviceFails() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let error = #expect(throws: InputError.self) { try AtomicFile.write("x\n", to: "/dev/full", field: "--out") }
        #expect(error?.exitCode == 64)
        #expect(error?.field == "--out")
        #expect(error?.message.contains("No space left on device") == true)
    }

    /// `-` names standard output: it always passes the up-front check.
    @Test func dashIsStandardOutput() throws {
        #expect(try AtomicFile.checkDestination("-", field: "--out") == ".")
        #expect(AtomicFile.standardOutputPath == "-")
    }

    /// A FIFO is opened and written, not replaced by a regular file.
    @Test func aFIFOIsWrittenDirectly() async throws {
        let directory = try scratchDirectory("dest-fifo")
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> String in
            let handle = FileHandle(forReadingAtPath: fifo)
            let data = handle?.readDataToEndOfFile() ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        try AtomicFile.write("through the pipe\n", to: fifo)
        #expect(await reader.value == "through the pipe\n")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(listing(directory) == ["pipe"])
    }
}
