import BatonCore
import BatonPolicies
import Foundation
@testable import BatonSparse
import PropertyBased
import Testing

/// Mutated trace files and request tables are either rejected with an `InputError` or accepted
/// as input the simulator runs cleanly (engine invariants checked): never a crash, never a
/// silently broken workload.
@Suite("Malformed sparse inputs, fuzzed")
struct InputFuzzPropertyTests {
    static let sanger = Fixtures.text("traces/load_balance_tiny_test_128.csv")
    static let eyeriss = Fixtures.text("traces/tiny_unstructured_sparse20.csv")
    static let requests = Fixtures.text("requests_tiny.csv")

    /// Pieces a mutation inserts: CSV syntax, number spellings, extreme values, control and
    /// multi-byte characters.
    static let pieces = [",", "\n", "\r\n", "\"", "-", ".", "e", "0", "1", "9", "nan", "inf", "-inf", "1e308", "1e-320",
                         "-1", " ", "\u{0}", "\u{FEFF}", "é", "🙂", ";", "x", "99999999999999999999", "0.5", ",,"]

    /// `text` with 1-4 random edits: insert a piece, delete a character, duplicate or drop a line.
    static func mutate(_ text: String, seed: UInt64) -> String {
        var random = SeededRandom(seed: seed, stream: "fuzz")
        var characters = Array(text)
        for _ in 0...random.nextInt(below: 4) {
            let position = random.nextInt(below: characters.count + 1)
            switch random.nextInt(below: 4) {
            case 0: characters.insert(contentsOf: pieces[random.nextInt(below: pieces.count)], at: position)
            case 1: if position < characters.count { characters.remove(at: position) }
            case 2, 3:
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let line = random.nextInt(below: lines.count)
                if random.nextInt(below: 2) == 0 { lines.insert(lines[line], at: line) } else { lines.remove(at: line) }
                characters = Array(lines.joined(separator: "\n"))
            default: break
            }
        }
        return String(characters)
    }

    /// Runs every scheduler on `workload` with a few requests, invariants checked.
    static func simulate(_ workload: SparseWorkload, jobs: [JobSpec]) throws {
        for name in TestPolicies.sparseNames {
            let result = try BatonPolicies.simulate(try TestPolicies.make(name), catalog: workload.catalog, source: ListSource(jobs),
                                       settings: SimulationSettings(checkInvariants: true))
            #expect(result.unfinished == 0 && result.metrics.completed == jobs.count, "\(name)")
            #expect(result.metrics.antt.isFinite && result.metrics.antt >= 1 - 1e-9, "\(name): ANTT \(result.metrics.antt)")
        }
    }

    @Test func mutatedTracesFailCleanlyOrRun() async {
        var accepted = 0, rejected = 0
        await propertyCheck(count: 200, input: Gen.uint64(), Gen.bool) { seed, useSanger in
            let original = useSanger ? Self.sanger : Self.eyeriss
            let stem = useSanger ? "load_balance_tiny_test_128" : "tiny_unstructured_sparse20"
            let text = Self.mutate(original, seed: seed)
            let model: SparseModel
            do {
                model = try TraceFile.parse(text: text, stem: stem, source: stem + ".csv")
            } catch let error as InputError {
                #expect(error.file == stem + ".csv", "seed \(seed)")
                #expect([.file, .limit].contains(error.kind), "seed \(seed)")
                rejected += 1
                return
            } catch {
                Issue.record("seed \(seed): unexpected error \(error)")
                return
            }
            accepted += 1
            // Accepted: every value is within its documented domain, and the model runs.
            for input in model.inputs {
                #expect(input.latencySeconds.count == model.layerCount)
                #expect(input.latencySeconds.allSatisfy { SimulationLimits.layerSeconds.contains($0) }, "seed \(seed)")
            }
            recordingErrors {
                let workload = try SparseBenchmark(models: [model]).makeCatalog(compatibility: .none)
                let table = try RequestGenerator.generate(workload: workload, count: 12, rate: .utilisation(0.9),
                                                          sloMultiplier: 5, seed: seed)
                try Self.simulate(workload, jobs: try workload.makeJobs(table))
            }
        }
        // Both outcomes occur (the mutations are neither all fatal nor all harmless).
        #expect(accepted > 0 && rejected > 0, "accepted \(accepted), rejected \(rejected)")
    }

    @Test func mutatedRequestTablesFailCleanlyOrRun() async throws {
        let workload = try Fixtures.tinyBenchmark().makeCatalog(compatibility: .none)
        var accepted = 0, rejected = 0
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            let text = Self.mutate(Self.requests, seed: seed)
            let table: RequestTable
            do {
                table = try RequestTable.parse(text: text, source: "requests.csv", workload: workload)
            } catch let error as InputError {
                #expect(error.file == "requests.csv", "seed \(seed)")
                #expect([.file, .limit].contains(error.kind), "seed \(seed)")
                rejected += 1
                return
            } catch {
                Issue.record("seed \(seed): unexpected error \(error)")
                return
            }
            accepted += 1
            for (row, next) in zip(table.rows, table.rows.dropFirst()) { #expect(row.arrivalSeconds <= next.arrivalSeconds) }
            for row in table.rows {
                #expect(row.arrivalSeconds >= 0 && row.arrivalSeconds <= SimulationLimits.maxTimeSeconds)
                #expect(row.deadlineSeconds.isFinite && row.deadlineSeconds >= row.arrivalSeconds)
                #expect(row.priority.isFinite && row.priority > 0)
            }
            recordingErrors { try Self.simulate(workload, jobs: try workload.makeJobs(table)) }
        }
        #expect(accepted > 0 && rejected > 0, "accepted \(accepted), rejected \(rejected)")
    }
}
