import BatonCore
@testable import BatonSparse
import Testing

@Suite("Request stream")
struct RequestStreamTests {
    /// The on-the-fly stream emits exactly the jobs of the generated table, for rates and utilisations.
    @Test(arguments: [RequestRate.perSecond(40), .utilisation(0.8)])
    func streamEqualsGeneratedTable(rate: RequestRate) throws {
        let workload = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 12, seed: 3).makeCatalog(compatibility: .none)
        let table = try RequestGenerator.generate(workload: workload, count: 300, rate: rate, sloMultiplier: 10, seed: 5)
        let expected = try workload.makeJobs(table)
        var stream = try RequestStream(workload: workload, count: 300, rate: rate, sloMultiplier: 10, seed: 5)
        var streamed: [JobSpec] = []
        while let time = stream.nextReadyTime() {
            let next = stream.next()
            let job = try #require(next)
            #expect(job.readySeconds == time)
            streamed.append(job)
        }
        #expect(stream.next() == nil)
        #expect(streamed == expected)
    }

    @Test func badCountIsAnError() throws {
        let workload = try SparseBenchmark.generate(pool: .attention, inputsPerFile: 4, seed: 1).makeCatalog(compatibility: .none)
        #expect(throws: InputError.self) {
            _ = try RequestStream(workload: workload, count: 0, rate: .perSecond(1), sloMultiplier: 10, seed: 1)
        }
    }
}
