import BatonCore
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

@Suite("Sweep expansion and point keys")
struct SweepExpansionTests {
    /// Grid names sorted: rate, scheduler. rate varies slowest, values in file order
    /// (100 before 50 as written), fixed jobs in every key.
    @Test func orderAndKeys() throws {
        let spec = try SweepSpec.parse(text: """
            name: d
            study: synthetic
            fixed: {jobs: 20}
            grid:
              scheduler: [fcfs, edf]
              rate: [100, 50]
            """, source: "d.yaml")
        let points = spec.points()
        #expect(points.map(\.key) == [
            "jobs=20;rate=100;scheduler=fcfs",
            "jobs=20;rate=100;scheduler=edf",
            "jobs=20;rate=50;scheduler=fcfs",
            "jobs=20;rate=50;scheduler=edf",
        ])
        #expect(points.map(\.index) == [0, 1, 2, 3])
        #expect(points[2].parameters.map(\.name) == ["jobs", "rate", "scheduler"])
        #expect(points[2].source == "d.yaml")
    }

    @Test func emptyGridIsOnePoint() throws {
        let spec = try SweepSpec.parse(text: "name: one\nstudy: synthetic\nfixed: {rate: 10}\n", source: "o")
        #expect(spec.points().map(\.key) == ["rate=10"])
        let bare = try SweepSpec.parse(text: "name: one\nstudy: synthetic\n", source: "o")
        #expect(bare.points().map(\.key) == [""])
    }

    @Test func keysAreCanonical() {
        // 1.0 prints as 1; 0.25 in shortest form; special characters escaped.
        let point = SweepPoint(index: 0, parameters: [
            SweepParameter(name: "z", value: .double(1.0)),
            SweepParameter(name: "a", value: .text("x;y=z\\w")),
            SweepParameter(name: "m", value: .double(0.25)),
        ])
        #expect(point.key == "a=x\\;y\\=z\\\\w;m=0.25;z=1")
    }

    @Test func keysAreUniqueAcrossAGrid() throws {
        let spec = try SweepSpec.parse(text: """
            name: u
            study: synthetic
            grid: {a: [1, 2, 3], b: [x, y], c: [0.5, 1.5]}
            seeds: 2
            """, source: "u")
        let keys = spec.points().map(\.key)
        #expect(keys.count == 24)
        #expect(Set(keys).count == 24)
    }

    @Test func pointAccessorsValidate() throws {
        let spec = try SweepSpec.parse(text: "name: p\nstudy: synthetic\nfixed:\n  rate: -1\n  jobs: 2.5\n  mode: fast\n", source: "p.yaml")
        let point = try #require(spec.points().first)
        let rate = try #require(throws: InputError.self) { try point.double("rate", in: 0...10) }
        #expect(rate.line == 4)
        #expect(rate.field == "rate")
        let jobs = try #require(throws: InputError.self) { try point.int("jobs") }
        #expect(jobs.line == 5)
        #expect(jobs.description.contains("whole number"))
        let mode = try #require(throws: InputError.self) { try point.string("mode", allowed: ["feast", "slow"]) }
        #expect(mode.description.contains("did you mean 'feast'"))
        #expect(try point.double("slo", default: 5) == 5)
        #expect(try point.string("mode") == "fast")
        let missing = try #require(throws: InputError.self) { try point.double("slo") }
        #expect(missing.field == "slo")
    }
}
