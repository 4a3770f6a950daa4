import BatonCore
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Result files")
struct ResultFilesTests {
    @Test func jsonLineRoundTrip() throws {
        let table = ResultTable(columns: ["point", "n", "x", "s", "bad"], rows: [
            ["a=1", 3, 0.1, "tab\there \"q\" \\ é 🎉", .double(.infinity)],
        ])
        let line = String(table.jsonLines().dropLast())
        let fields = try JSONLineParser.parse(line)
        #expect(fields.map(\.0) == table.columns)
        #expect(fields[1].1 == .int(3))
        #expect(fields[2].1 == .double(0.1))
        #expect(fields[3].1 == .text("tab\there \"q\" \\ é 🎉"))
        #expect(fields[4].1.doubleValue?.isNaN == true)  // null
    }

    @Test func parsesEscapesAndLiterals() throws {
        let fields = try JSONLineParser.parse(#" { "a" : "\u00e9\ud83c\udf89\/" , "b": true, "c": -1.5e3, "d": 12, "e": "plain é🎉", "f": "" } "#)
        #expect(fields.map(\.1) == [.text("é🎉/"), .text("true"), .double(-1500), .int(12), .text("plain é🎉"), .text("")])
    }

    @Test(arguments: [
        ("{\"a\":1", 7), ("{\"a\":[1]}", 6), ("{\"a\":1} x", 9), ("[1]", 1), ("{\"a\":\"\\q\"}", 9),
    ] as [(String, Int)])
    func reportsColumns(line: String, column: Int) throws {
        let failure = try #require(throws: JSONLineParser.Failure.self) { try JSONLineParser.parse(line) }
        #expect(failure.column == column)
    }

    /// Lines end at LF; a CR before it (Windows line ends) is space; blank lines are skipped and
    /// still counted for the line numbers.
    @Test func readsJSONLinesWithWindowsLineEnds() throws {
        let located = try ResultFileReader.jsonLinesLocated(text: "{\"a\":1}\r\n\r\n{\"a\":2.5}\r\n", source: "r.jsonl")
        #expect(located.table.rows == [[1], [2.5]])
        #expect(located.lines == [1, 3])
    }

    @Test func readsJSONLinesWithColumnUnion() throws {
        let table = try ResultFileReader.jsonLines(text: "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"c\":0.5}\n{\"a\":", source: "r.jsonl")
        #expect(table.columns == ["a", "b", "c"])
        #expect(table.rows == [[1, "x", ""], [2, "", 0.5]])
    }

    /// Keys in another order than the columns', and a key given twice (the last value wins).
    @Test func readsJSONLinesWithKeysInAnyOrder() throws {
        let table = try ResultFileReader.jsonLines(text: "{\"a\":1,\"b\":2}\n{\"b\":3,\"a\":4}\n{\"a\":5,\"a\":6,\"c\":7}\n{\"c\":8,\"b\":9,\"a\":10}\n",
                                                   source: "r.jsonl")
        #expect(table.columns == ["a", "b", "c"])
        #expect(table.rows == [[1, 2, ""], [4, 3, ""], [6, "", 7], [10, 9, 8]])
    }

    /// A key no earlier row had becomes a column only once its line parses: the remains of an
    /// interrupted last line add none. Escaped keys match the columns spelled plainly.
    @Test func readsJSONLinesNewKeysOnlyFromWholeLines() throws {
        let table = try ResultFileReader.jsonLines(text: "{\"a\":1}\n{\"\\u0061\":2,\"b\":3}\n{\"a\":4,\"zz\":5,", source: "r.jsonl")
        #expect(table.columns == ["a", "b"])
        #expect(table.rows == [[1, ""], [2, 3]])
        // A new key given twice: one column, the last value.
        let twice = try ResultFileReader.jsonLines(text: "{\"a\":1}\n{\"a\":2,\"n\":3,\"n\":4}\n", source: "r.jsonl")
        #expect(twice.columns == ["a", "n"])
        #expect(twice.rows == [[1, ""], [2, 4]])
    }

    /// Fields come in order with their positions; a key is its bytes in place unless it holds an
    /// escape.
    @Test func fieldsComeWithPositionsAndKeys() throws {
        var line = #"{"plain":1,"esc\"aped":"x","é":2.5}"#
        var seen: [(Int, String, Bool, ResultValue)] = []
        try line.withUTF8 { bytes in
            try JSONLineParser.forEachField(bytes: bytes) { position, key, value in
                let inPlace: Bool
                if case .bytes = key { inPlace = true } else { inPlace = false }
                seen.append((position, key.string, inPlace, value))
            }
        }
        #expect(seen.map(\.0) == [0, 1, 2])
        #expect(seen.map(\.1) == ["plain", "esc\"aped", "é"])
        #expect(seen.map(\.2) == [true, false, true])
        #expect(seen.map(\.3) == [.int(1), .text("x"), .double(2.5)])
        #expect(JSONLineParser.Key.text("é").equals(Array("é".utf8)))
    }

    /// The rule `value(ofCell:)` keeps, written with the standard library's parsers.
    static func referenceValue(_ cell: String) -> ResultValue {
        if let int = Int(cell) { return .int(int) }
        if let double = Double(cell), !cell.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) { return .double(double) }
        if cell == "nan" || cell == "inf" || cell == "-inf" { return .double(Double(cell) ?? .nan) }
        return .text(cell)
    }

    /// Same kind and value, NaN equal to NaN, doubles bit for bit.
    static func same(_ a: ResultValue, _ b: ResultValue) -> Bool {
        switch (a, b) {
        case let (.double(x), .double(y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        default: return a == b
        }
    }

    /// Cells read from their bytes type exactly as the standard library's parsers would: numbers,
    /// near-numbers and words built from the characters that decide the type.
    @Test func cellTypesMatchTheStandardLibrary() {
        let fixed = ["", "0", "-0", "+5", "05", "1.5", ".5", "5.", "1e5", "1E-5", "-1.5e+3", "1e", "e5", "nan", "inf", "-inf",
                     "NaN", "Infinity", "+inf", "0x1p3", "0x10", "9223372036854775807", "9223372036854775808",
                     "-9223372036854775809", "1_000", "12a", "é", "1.2.3", "--1", "1e400", "4.9e-324", "0.1000000000000000055511151231257827"]
        for cell in fixed {
            #expect(Self.same(ResultFileReader.value(ofCell: cell), Self.referenceValue(cell)), "\(cell)")
        }
        var random = SeededRandom(seed: 11, stream: "cells")
        let alphabet = Array("0123456789+-.eExXpPnaifINAF_é ")
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let cell = String((0..<random.nextInt(below: 14)).map { _ in alphabet[random.nextInt(below: alphabet.count)] })
            if !Self.same(ResultFileReader.value(ofCell: cell), Self.referenceValue(cell)) { mismatches.append(cell) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Longer cells, mostly digits: past 18 characters (whole numbers that may overflow), long
        // decimals past the fast path's 19 digits, and long words.
        let digitsMostly = Array("0123456789012345678901234567890123456789+-.eEnaxé ")
        for _ in 0..<20_000 {
            let cell = String((0..<(12 + random.nextInt(below: 14))).map { _ in
                digitsMostly[random.nextInt(below: random.nextInt(below: 8) == 0 ? digitsMostly.count : 40)]
            })
            if !Self.same(ResultFileReader.value(ofCell: cell), Self.referenceValue(cell)) { mismatches.append(cell) }
        }
        for cell in ["12345678901234567890", "-9223372036854775808", "+9223372036854775807", "00000000000000000000001",
                     "/tmp/e2e/traces/sanger", "workload-name-longer-than-eighteen", "1234567890123456789a"] {
            #expect(Self.same(ResultFileReader.value(ofCell: cell), Self.referenceValue(cell)), "\(cell)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func readsCSVWithTypes() throws {
        let table = try ResultFileReader.csv(text: "scheduler,rate,v\nedf,10,0.25\nfcfs,20,nan\n", source: "r.csv")
        #expect(table.columns == ["scheduler", "rate", "v"])
        #expect(table.rows[0] == ["edf", 10, 0.25])
        #expect(table.rows[1][2].doubleValue?.isNaN == true)
    }

    @Test func directoryMeansItsResultsFile() throws {
        let dir = try makeTemporaryDirectory()
        try writeText("{\"point\":\"a=1\",\"a\":1}\n", dir + "/results.jsonl")
        #expect(try ResultFileReader.read(path: dir).columns == ["point", "a"])
    }

    @Test func badJSONLineNamesFileAndLine() throws {
        let error = try #require(throws: InputError.self) {
            try ResultFileReader.jsonLines(text: "{\"a\":1}\n{oops}\n{\"a\":2}\n", source: "r.jsonl")
        }
        #expect(error.file == "r.jsonl" && error.line == 2)
    }
}
