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

    @Test func readsJSONLinesWithColumnUnion() throws {
        let table = try ResultFileReader.jsonLines(text: "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"c\":0.5}\n{\"a\":", source: "r.jsonl")
        #expect(table.columns == ["a", "b", "c"])
        #expect(table.rows == [[1, "x", ""], [2, "", 0.5]])
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
