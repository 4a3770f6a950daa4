import BatonCore
import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Sweep merge")
struct SweepMergeTests {
    func sweepDirectory(_ lines: [String], yaml: String? = nil) throws -> String {
        let dir = try makeTemporaryDirectory()
        try writeText(lines.map { $0 + "\n" }.joined(), dir + "/results.jsonl")
        if let yaml { try writeText(yaml, dir + "/sweep.yaml") }
        return dir
    }

    @Test func sortsAndRemovesIdenticalDuplicates() throws {
        let a = try sweepDirectory(["{\"point\":\"x=2\",\"v\":2}", "{\"point\":\"x=1\",\"v\":1}"])
        let b = try sweepDirectory(["{\"point\":\"x=1\",\"v\":1}", "{\"point\":\"x=10\",\"v\":10}"])
        let out = try makeTemporaryDirectory()
        let summary = try SweepMerge.merge(inputs: [a, b], outDirectory: out)
        #expect(summary.points == 3 && summary.duplicatesRemoved == 1 && summary.pointsTotal == nil)
        // Byte order: "x=1" < "x=10" < "x=2".
        #expect(try readText(out + "/results.jsonl") ==
                "{\"point\":\"x=1\",\"v\":1}\n{\"point\":\"x=10\",\"v\":10}\n{\"point\":\"x=2\",\"v\":2}\n")
    }

    @Test func conflictingDuplicatesAreReported() throws {
        let a = try sweepDirectory(["{\"point\":\"x=1\",\"v\":1}"])
        let b = try sweepDirectory(["{\"point\":\"x=0\",\"v\":0}", "{\"point\":\"x=1\",\"v\":1.5}"])
        let error = try #require(throws: InputError.self) {
            try SweepMerge.merge(inputs: [a, b], outDirectory: try makeTemporaryDirectory())
        }
        #expect(error.message.contains("1 point(s) have conflicting results"))
        #expect(error.message.contains("\(b)/results.jsonl:2 and \(a)/results.jsonl:1"))
    }

    @Test func differentSweepFilesAreRefused() throws {
        let a = try sweepDirectory(["{\"point\":\"rate=1\",\"rate\":1,\"v\":1}"], yaml: "name: a\nstudy: synthetic\ngrid: {rate: [1, 2]}\n")
        let b = try sweepDirectory(["{\"point\":\"rate=2\",\"rate\":2,\"v\":2}"], yaml: "name: b\nstudy: synthetic\ngrid: {rate: [1, 2]}\n")
        let error = try #require(throws: InputError.self) {
            try SweepMerge.merge(inputs: [a, b], outDirectory: try makeTemporaryDirectory())
        }
        #expect(error.file == b + "/sweep.yaml")
    }

    @Test func reportsMissingPoints() throws {
        let yaml = "name: a\nstudy: synthetic\ngrid: {rate: [1, 2, 3]}\n"
        let a = try sweepDirectory(["{\"point\":\"rate=1\",\"rate\":1,\"v\":1}"], yaml: yaml)
        let b = try sweepDirectory(["{\"point\":\"rate=3\",\"rate\":3,\"v\":3}"], yaml: yaml)
        let out = try makeTemporaryDirectory()
        let summary = try SweepMerge.merge(inputs: [a, b], outDirectory: out, command: "baton merge a b")
        #expect(summary.points == 2 && summary.missing == 1 && summary.missingExamples == ["rate=2"])
        #expect(summary.pointsTotal == 3)
        let manifest = try readText(out + "/manifest.json")
        #expect(manifest.contains("\"command\": \"baton merge a b\""))
        #expect(manifest.contains("\"inputs\": [\"\(a)\", \"\(b)\"]"))
    }

    @Test func acceptsResultFilesAndToleratesPartialLines() throws {
        let dir = try makeTemporaryDirectory()
        try writeText("{\"point\":\"k=1\",\"k\":1,\"v\":1}\n{\"point\":\"k=", dir + "/part.jsonl")
        let out = try makeTemporaryDirectory()
        let summary = try SweepMerge.merge(inputs: [dir + "/part.jsonl"], outDirectory: out)
        #expect(summary.points == 1 && summary.partialLinesIgnored == 1)
    }
}
