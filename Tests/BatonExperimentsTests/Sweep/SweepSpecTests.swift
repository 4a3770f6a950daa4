import BatonCore
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Sweep spec parsing")
struct SweepSpecTests {
    @Test func parsesFixedGridAndValueTypes() throws {
        let yaml = """
        name: demo
        study: synthetic
        fixed:
          jobs: 200
          label: "3"
        grid:
          scheduler: [edf, fcfs]
          rate: [50, 75.5, 1e2]
        """
        let spec = try SweepSpec.parse(text: yaml, source: "demo.yaml")
        #expect(spec.name == "demo")
        #expect(spec.study == "synthetic")
        #expect(spec.fixed.map(\.name) == ["jobs", "label"])
        #expect(spec.fixed.map(\.value) == [.int(200), .text("3")])  // quoted stays text
        #expect(spec.fixed.map(\.line) == [4, 5])
        #expect(spec.grid.map(\.name) == ["scheduler", "rate"])     // file order kept
        #expect(spec.grid[0].values.map(\.value) == [.text("edf"), .text("fcfs")])
        #expect(spec.grid[1].values.map(\.value) == [.int(50), .double(75.5), .double(100)])
        #expect(spec.grid[1].values.map(\.line) == [8, 8, 8])
        #expect(spec.pointCount == 6)
        #expect(spec.text == yaml)
    }

    @Test func seedsShorthandAddsSeedAxis() throws {
        let spec = try SweepSpec.parse(text: "name: s\nstudy: synthetic\nseeds: 3\n", source: "s.yaml")
        #expect(spec.grid.count == 1)
        #expect(spec.grid[0].name == "seed")
        #expect(spec.grid[0].values.map(\.value) == [.int(1), .int(2), .int(3)])
        #expect(spec.pointCount == 3)
    }

    /// Each bad file, the line and field the error must name, and a word of the message.
    @Test(arguments: [
        ("name: a\nstudy: synthetic\ngird:\n  rate: [1]\n", 3, "gird", "did you mean 'grid'"),
        ("name: a\nstudy: sparce\n", 2, "study", "did you mean 'sparse'"),
        ("name: a\nstudy: synthetic\nseeds: 2\ngrid:\n  seed: [1, 2]\n", 3, "seeds", "conflicts"),
        ("name: a\nstudy: synthetic\nfixed:\n  rate: 1\ngrid:\n  rate: [1, 2]\n", 6, "grid.rate", "both fixed"),
        ("name: a\nstudy: synthetic\ngrid:\n  rate: []\n", 4, "grid.rate", "non-empty list"),
        ("name: a\nstudy: synthetic\ngrid:\n  rate: 5\n", 4, "grid.rate", "non-empty list"),
        ("name: a\nstudy: synthetic\ngrid:\n  rate: [1, 1.0]\n", 4, "grid.rate", "appears twice"),
        ("name: a\nstudy: synthetic\ngrid:\n  rate: [[1, 2]]\n", 4, "grid.rate", "nested"),
        ("name: a\nstudy: synthetic\nfixed:\n  rate: ~\n", 4, "fixed.rate", "null"),
        ("name: a\nstudy: synthetic\nfixed:\n  point: 3\n", 4, "fixed.point", "invalid parameter name"),
        ("name: a\nstudy: synthetic\nseeds: 0\n", 3, "seeds", "whole number"),
    ] as [(String, Int, String, String)])
    func reportsLocatedErrors(yaml: String, line: Int, field: String, words: String) throws {
        let error = try #require(throws: InputError.self) { try SweepSpec.parse(text: yaml, source: "bad.yaml") }
        #expect(error.kind == .config)
        #expect(error.file == "bad.yaml")
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.description.contains(words))
    }

    @Test func missingNameOrStudy() throws {
        let noName = try #require(throws: InputError.self) { try SweepSpec.parse(text: "study: rtmm\n", source: "x") }
        #expect(noName.field == "name")
        let noStudy = try #require(throws: InputError.self) { try SweepSpec.parse(text: "name: x\n", source: "x") }
        #expect(noStudy.field == "study")
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let error = try #require(throws: InputError.self) {
            try SweepSpec.parse(text: "name: a\nstudy: synthetic\ngrid:\n  rate: [1, 2\n", source: "y.yaml")
        }
        #expect(error.kind == .config)
        #expect(error.line != nil)
        #expect(error.description.contains("invalid YAML"))
    }

    @Test func tooManyPointsIsALimitError() throws {
        // 1000 x 1001 = 1,001,000 points > 1,000,000.
        let a = (1...1000).map(String.init).joined(separator: ", ")
        let b = (1...1001).map(String.init).joined(separator: ", ")
        let yaml = "name: big\nstudy: synthetic\ngrid:\n  a: [\(a)]\n  b: [\(b)]\n"
        let error = try #require(throws: InputError.self) { try SweepSpec.parse(text: yaml, source: "big.yaml") }
        #expect(error.kind == .limit)
        #expect(error.field == "grid.b")
    }
}
