import BatonCore
import Testing
@testable import BatonSparse

@Suite("Requests")
struct RequestTests {
    static func tinyWorkload() throws -> SparseWorkload {
        try Fixtures.tinyBenchmark().makeCatalog(compatibility: .none)
    }

    static let golden = RequestTable(rows: [
        RequestRow(arrivalSeconds: 0.5, model: "load_balance_tiny_test_128", priority: 3, input: 1, deadlineSeconds: 0.75),
        RequestRow(arrivalSeconds: 1.25, model: "tiny_unstructured_sparse20", priority: 9, input: 0, deadlineSeconds: 2.5),
        RequestRow(arrivalSeconds: 1.25, model: "load_balance_tiny_test_128", priority: 1, input: 0, deadlineSeconds: 10),
    ])

    @Test func goldenWriteAndRead() throws {
        #expect(Self.golden.csv() == Fixtures.text("requests_tiny.csv"))
        let read = try RequestTable.read(path: Fixtures.path("requests_tiny.csv"), workload: try Self.tinyWorkload())
        #expect(read == Self.golden)
    }

    @Test func fullPrecisionRoundTrip() throws {
        let workload = try Self.tinyWorkload()
        let table = try RequestGenerator.generate(workload: workload, count: 200, rate: .perSecond(123.4), sloMultiplier: 7, seed: 9)
        let again = try RequestTable.parse(text: table.csv(), source: "t.csv", workload: workload)
        #expect(again == table)
    }

    /// Mean gap ~ 1 / rate over 10k draws (standard error 1%, bound 5%), priorities only {1, 3, 9},
    /// models and inputs uniform over what exists, deadline = arrival + multiplier x SLO base.
    @Test func generatorStatistics() throws {
        let workload = try Self.tinyWorkload()
        let rate = 40.0
        let table = try RequestGenerator.generate(workload: workload, count: 10_000, rate: .perSecond(rate), sloMultiplier: 10, seed: 1)
        #expect(table.rows.count == 10_000)
        let meanGap = table.rows.last!.arrivalSeconds / 10_000
        #expect(abs(meanGap * rate - 1) < 0.05)
        #expect(zip(table.rows, table.rows.dropFirst()).allSatisfy { $0.arrivalSeconds <= $1.arrivalSeconds })
        #expect(Set(table.rows.map(\.priority)) == [1, 3, 9])
        for priority in [1.0, 3, 9] {
            let share = Double(table.rows.filter { $0.priority == priority }.count) / 10_000
            #expect(abs(share - 1.0 / 3) < 0.03)
        }
        #expect(Set(table.rows.map(\.model)) == Set(workload.modelNames))
        for row in table.rows {
            let model = workload.models[workload.modelIndex(named: row.model)!]
            #expect(row.input >= 0 && row.input < model.inputCount)
            #expect(row.deadlineSeconds == row.arrivalSeconds + model.sloBaseSeconds * 10)
        }
    }

    @Test func determinismAndIndependence() throws {
        let workload = try Self.tinyWorkload()
        func make(_ seed: UInt64, _ rate: Double, _ slo: Double = 10) throws -> RequestTable {
            try RequestGenerator.generate(workload: workload, count: 300, rate: .perSecond(rate), sloMultiplier: slo, seed: seed)
        }
        let a = try make(1, 30)
        _ = try make(1, 40)  // another point in between changes nothing
        #expect(try make(1, 30) == a)
        #expect(try make(2, 30) != a)
        #expect(try make(1, 40).rows.map(\.model) != a.rows.map(\.model))
        // A different SLO multiplier changes only the deadlines.
        let loose = try make(1, 30, 25)
        #expect(loose.rows.map(\.arrivalSeconds) == a.rows.map(\.arrivalSeconds))
        #expect(loose.rows.map(\.model) == a.rows.map(\.model))
        #expect(loose.rows.map(\.input) == a.rows.map(\.input))
        #expect(loose.rows.map(\.priority) == a.rows.map(\.priority))
        #expect(try a.withSLOMultiplier(25, workload: workload) == loose)
    }

    /// rate = u / mean isolated latency of a request (mean over models of each model's mean).
    @Test func utilisationRate() throws {
        let workload = try Self.tinyWorkload()
        let mean = (workload.models[0].drawnMeanIsolatedSeconds + workload.models[1].drawnMeanIsolatedSeconds) / 2
        #expect(RequestGenerator.meanRequestSeconds(workload) == mean)
        #expect(try RequestGenerator.requestsPerSecond(.utilisation(0.6), workload: workload) == 0.6 / mean)
        #expect(throws: InputError.self) { try RequestGenerator.requestsPerSecond(.perSecond(0), workload: workload) }
        #expect(throws: InputError.self) {
            try RequestGenerator.generate(workload: workload, count: 10, rate: .perSecond(1), sloMultiplier: -1, seed: 1)
        }
    }

    @Test func replayMakesJobs() throws {
        let workload = try Self.tinyWorkload()
        let jobs = try workload.makeJobs(Self.golden)
        #expect(jobs.map(\.requestID) == [0, 1, 2])
        let sanger = workload.models[0], eyeriss = workload.models[1]
        #expect(jobs[0].model == 0)
        #expect(jobs[0].trueCosts == sanger.inputTables[1])
        #expect(jobs[0].observedRatios == sanger.ratioTables[1])
        #expect(jobs[0].patternEstimate == sanger.patternEstimate)
        #expect(jobs[1].model == 1)
        #expect(jobs[1].architectureEstimate == eyeriss.architectureEstimate)
        #expect(jobs[1].priority == 9)
        #expect(jobs[1].deadlineSeconds == 2.5)
        var wrong = Self.golden
        wrong.rows[1].input = 5
        let error = #expect(throws: InputError.self) { try workload.makeJobs(wrong) }
        #expect(error?.field == "input")
    }

    // MARK: Reading errors name the line and the field.

    static func readError(_ text: String) throws -> InputError? {
        do {
            _ = try RequestTable.parse(text: text, source: "r.csv", workload: try tinyWorkload())
            return nil
        } catch let error as InputError {
            return error
        }
    }

    static let header = "arrival_s,model,priority,input,deadline_s\n"

    @Test func unsortedArrivals() throws {
        let error = try Self.readError(Self.header + "1,tiny_unstructured_sparse20,1,0,2\n0.5,tiny_unstructured_sparse20,1,0,2\n")
        #expect(error?.line == 3)
        #expect(error?.field == "arrival_s")
    }

    @Test func unknownModelSuggests() throws {
        let error = try Self.readError(Self.header + "1,tiny_unstructured_sparse2,1,0,2\n")
        #expect(error?.line == 2)
        #expect(error?.field == "model")
        #expect(error?.hint?.contains("did you mean 'tiny_unstructured_sparse20'") == true)
    }

    @Test func inputOutOfRange() throws {
        let error = try Self.readError(Self.header + "1,tiny_unstructured_sparse20,1,2,2\n")
        #expect(error?.field == "input")
        #expect(error?.line == 2)
    }

    @Test func deadlineBeforeArrival() throws {
        let error = try Self.readError(Self.header + "1,tiny_unstructured_sparse20,1,0,2\n2,tiny_unstructured_sparse20,1,0,1.5\n")
        #expect(error?.field == "deadline_s")
        #expect(error?.line == 3)
        // A deadline equal to the arrival is allowed.
        #expect(try Self.readError(Self.header + "1,tiny_unstructured_sparse20,1,0,1\n") == nil)
    }

    @Test func missingColumnAndBadNumbers() throws {
        let missing = try Self.readError("arrival_s,model,priority,input\n1,tiny_unstructured_sparse20,1,0\n")
        #expect(missing?.field == "deadline_s")
        #expect(missing?.line == 1)
        let priority = try Self.readError(Self.header + "1,tiny_unstructured_sparse20,high,0,2\n")
        #expect(priority?.field == "priority")
        let zero = try Self.readError(Self.header + "1,tiny_unstructured_sparse20,0,0,2\n")
        #expect(zero?.field == "priority")
        let negative = try Self.readError(Self.header + "-1,tiny_unstructured_sparse20,1,0,2\n")
        #expect(negative?.field == "arrival_s")
    }
}
