import BatonTestSupport
import BatonCore
import Foundation
import Testing

/// The CSV stream: dialect, line numbers, errors, and records straddling chunk boundaries.
@Suite("CSV stream")
struct CSVStreamTests {
    /// Every record (fields and line) of a stream.
    static func records(_ stream: CSVStream, header: [String]) throws -> [([String], Int)] {
        try stream.readHeader(required: header)
        var out: [([String], Int)] = []
        while try stream.next() { out.append(((0..<stream.fieldCount).map { stream.text($0) }, stream.line)) }
        return out
    }

    /// Writes `text` to a temporary file; each `~` becomes the byte 0xFF (never valid UTF-8).
    static func temporaryFile(_ text: String) throws -> String {
        let path = ScratchSpace.uniqueFile("csvstream", suffix: ".csv")
        try Data(text.utf8.map { $0 == UInt8(ascii: "~") ? 0xFF : $0 }).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("LF, CRLF and lone CR line ends, a BOM, blank lines, trimmed and quoted fields")
    func dialect() throws {
        let text = "\u{FEFF}a, b\r\n1 ,\"x, \"\"y\"\"\"\r\n\n  \n2,\"two\nlines\"\r3,\t z \n"
        let rows = try Self.records(CSVStream(text: text, source: "t"), header: ["a", "b"])
        #expect(rows.map(\.0) == [["1", "x, \"y\""], ["2", "two\nlines"], ["3", "z"]])
        #expect(rows.map(\.1) == [2, 5, 7])
    }

    @Test("Records that straddle reads give the same fields and lines for every chunk size")
    func chunkBoundaries() throws {
        var random = SeededRandom(seed: 3)
        let alphabet = Array("ab1.,\"\n\r ")
        for _ in 0..<60 {
            var body = "x,y\r\n"
            for _ in 0..<(5 + random.nextInt(below: 20)) {
                let quoted = random.nextInt(below: 3) == 0
                var field = ""
                for _ in 0..<random.nextInt(below: 6) {
                    let c = alphabet[random.nextInt(below: alphabet.count)]
                    if !quoted, c == "," || c == "\"" || c == "\n" || c == "\r" { continue }
                    field.append(c == "\"" ? "\"\"" : String(c))
                }
                let first = quoted ? "\"\(field)\"" : field.trimmingCharacters(in: .whitespaces)
                body += "\(first),\(random.nextInt(below: 100))" + ["\n", "\r\n", "\r"][random.nextInt(below: 3)]
            }
            let expected = try Self.records(CSVStream(text: body, source: "m"), header: ["x", "y"])
            let path = try Self.temporaryFile(body)
            defer { try? FileManager.default.removeItem(atPath: path) }
            for chunk in [1, 2, 3, 5, 8, 64] {
                let rows = try Self.records(CSVStream(path: path, chunkBytes: chunk), header: ["x", "y"])
                #expect(rows.map(\.0) == expected.map(\.0), "chunk \(chunk)")
                #expect(rows.map(\.1) == expected.map(\.1), "chunk \(chunk)")
            }
        }
    }

    @Test("Errors name the source, line and field", arguments: [
        ("a,b\n1,2\n3\n", 3, "expected 2 fields, found 1"),
        ("a,b\n1,\"2\n", 2, "a quoted field is not closed"),
        ("a,b\n1,\"2\"x\n", 2, "unexpected text after a quoted field"),
        ("a,b\n1,2\n~1,2\n", 3, "not valid UTF-8"),
    ])
    func errors(text: String, line: Int, message: String) throws {
        let path = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunk in [1, 4, CSVStream.chunkBytes] {
            do {
                _ = try Self.records(CSVStream(path: path, chunkBytes: chunk), header: ["a", "b"])
                Issue.record("no error for \(text.debugDescription)")
            } catch let error as InputError {
                #expect(error.line == line)
                #expect(error.file == path)
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    @Test("Typed fields: numbers, whole numbers, empty values")
    func typedFields() throws {
        let stream = CSVStream(text: "n,i,s\n2.5,3.0,\nx,4,y\n", source: "f.csv")
        try stream.readHeader(required: ["n", "i", "s"])
        #expect(try stream.next())
        #expect(try stream.double(0, "n") == 2.5)
        #expect(try stream.int(1, "i") == 3)
        #expect(throws: InputError.self) { try stream.string(2, "s") }
        #expect(try stream.next())
        do {
            _ = try stream.double(0, "n")
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.line == 3 && error.field == "n")
            #expect(error.description.contains("'x' is not a number"))
        }
        #expect(try !stream.next())
    }

    @Test("Empty files and bad headers")
    func headers() {
        for (text, message) in [("", "file is empty"), (" \n\n", "file is empty"), ("a,,b\n", "empty column name"),
                                ("a,a\n", "appears twice"), ("a\n1\n", "missing column"), ("a,b,c\n", "unexpected column")] {
            #expect(throws: InputError.self, "\(text.debugDescription)") {
                try CSVStream(text: text, source: "h").readHeader(required: ["a", "b"])
            }
            do {
                try CSVStream(text: text, source: "h").readHeader(required: ["a", "b"])
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }
}

@Suite("CSV stream: leading comment lines")
struct CSVStreamCommentTests {
    @Test("Leading # lines are kept apart from the header and counted as lines, for every chunk size")
    func comments() throws {
        let text = "\u{FEFF}# made: here\r\n# seed: 3\ra,b\n1,2\n#3,4\n"
        let path = try CSVStreamTests.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunk in [1, 2, 5, CSVStream.chunkBytes] {
            let stream = try CSVStream(path: path, chunkBytes: chunk)
            let rows = try CSVStreamTests.records(stream, header: ["a", "b"])
            #expect(stream.leadingComments == ["# made: here", "# seed: 3"], "chunk \(chunk)")
            #expect(rows.map(\.0) == [["1", "2"], ["#3", "4"]], "chunk \(chunk)")  // only leading lines are comments
            #expect(rows.map(\.1) == [4, 5], "chunk \(chunk)")
        }
    }
}
