@testable import BatonCore
import Foundation
import PropertyBased
import Testing

@Suite("Reading input files")
struct InputFileTests {
    @Test func missingDirectoryAndNonUTF8AreFileErrors() throws {
        let directory = try scratchDirectory("input-file")
        let missing = #expect(throws: InputError.self) { try InputFile.text(directory + "/nope.csv") }
        #expect(missing?.kind == .file && missing?.message == "file does not exist")
        let folder = #expect(throws: InputError.self) { try InputFile.text(directory) }
        #expect(folder?.message.contains("is a directory") == true)
        // Line 3 holds a lone 0xE9 (Latin-1 'é').
        let path = directory + "/latin1.csv"
        try Data(Array("a,b\n1,2\n3,".utf8) + [0xE9]).write(to: URL(fileURLWithPath: path))
        let bad = #expect(throws: InputError.self) { try InputFile.text(path) }
        #expect(bad?.kind == .file && bad?.line == 3 && bad?.message.contains("UTF-8") == true)
    }

    /// One `stat` tells a missing path (also one through a file), a directory and a file's size.
    @Test func statusOfAPath() throws {
        let directory = try scratchDirectory("input-file-status")
        let path = directory + "/seven.csv"
        try Data("a\n1\n2\n3".utf8).write(to: URL(fileURLWithPath: path))
        #expect(InputFile.status(path) == .file(bytes: 7))
        #expect(try InputFile.size(path) == 7)
        #expect(InputFile.status(directory) == .directory)
        #expect(InputFile.status(directory + "/nope.csv") == .missing)
        #expect(InputFile.status(path + "/inside.csv") == .missing)  // through a file
        let through = #expect(throws: InputError.self) { try InputFile.size(path + "/inside.csv") }
        #expect(through?.message == "file does not exist")
    }

    /// A file over `maxDataFileBytes` is refused from its size alone, before it is read (the test
    /// file is sparse: it takes no disk space and would take a GiB of memory if it were read).
    @Test func oversizedFileIsALimitErrorBeforeReading() throws {
        let directory = try scratchDirectory("input-file-huge")
        let path = directory + "/huge.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("a\n1\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(SimulationLimits.maxDataFileBytes) + 1)
        try handle.close()
        let error = #expect(throws: InputError.self) { try CSVTable.read(path: path, required: ["a"]) }
        #expect(error?.kind == .limit)
        #expect(error?.exitCode == 67)
        #expect(error?.file == path)
        try FileManager.default.removeItem(atPath: path)
    }
}

@Suite("CSV reading never crashes")
struct CSVFuzzTests {
    /// Random text made of CSV-relevant characters either parses into a table whose rows all have
    /// the header's width, with increasing line numbers, or fails with an `InputError` of kind
    /// `.file` that names the source; it never crashes or throws anything else.
    @Test func randomTextParsesOrFailsCleanly() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SeededRandomTestSource(seed: seed)
            let header = random.int(below: 2) == 0 ? "a,b\n" : ""
            let text = header + fuzzText(&random, maxLength: 200)
            do {
                let table = try CSVTable.parse(text: text, source: "fuzz.csv", required: [], allowUnknownColumns: true)
                #expect(table.rows.allSatisfy { $0.count == table.header.count })
                #expect(zip(table.lineNumbers, table.lineNumbers.dropFirst()).allSatisfy { $0 < $1 })
                for row in table.rows.indices {
                    for name in table.header {
                        // Typed access only ever returns a finite number or throws an InputError.
                        if let value = try? table.double(row, name) { #expect(value.isFinite) }
                        _ = try? table.int(row, name)
                    }
                }
            } catch let error as InputError {
                #expect(error.kind == .file)
                #expect(error.file == "fuzz.csv")
            } catch {
                Issue.record("unexpected error type for seed \(seed): \(error)")
            }
        }
    }

    /// Valid numeric tables written with shortest round-trip numbers read back exactly.
    @Test func numbersRoundTrip() async {
        await propertyCheck(count: 100, input: Gen.double(in: -1e12...1e12).array(of: 1...20)) { values in
            recordingErrors {
                let text = "x\n" + values.map { ResultValue.format($0) + "\n" }.joined()
                let table = try CSVTable.parse(text: text, source: "numbers.csv", required: ["x"])
                #expect(try (0..<values.count).map { try table.double($0, "x") } == values)
            }
        }
    }
}
