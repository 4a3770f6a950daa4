import BatonTestSupport
import Foundation
import Testing

/// Accepted but unusual inputs and outputs, through the built `baton` (issue 12): they succeed
/// and say what they mean, or fail cleanly when the output cannot be written.
@Suite("Accepted edge cases (CLI)")
struct AcceptedEdgeCaseCLITests {
    let traces = repositoryRoot().appendingPathComponent("Tests/Corpus/malformed/requests-zero-priority/traces").path

    /// A request table whose requests all arrive at t = 0 has no arrival rate: `rate` and
    /// `offered_utilization` are empty (undefined), not a misleading 0.
    @Test func rateOfATableArrivingAtOnceIsUndefined() throws {
        let directory = URL(fileURLWithPath: try ScratchSpace.directory("rate"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let table = directory.appendingPathComponent("zero.csv").path
        try "arrival_s,model,priority,input,deadline_s\n0,load_balance_tiny_test_128,1,1,0.75\n0,tiny_unstructured_sparse20,1,1,0.9\n"
            .write(toFile: table, atomically: true, encoding: .utf8)
        let outcome = try BatonProcess.run(["run", "--traces", traces, "--requests-csv", table, "--seeds", "1",
                                            "--schedulers", "fcfs", "--quiet", "--format", "csv"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let row = try #require(lines.dropFirst().first)
        let rate = try #require(header.firstIndex(of: "rate"))
        let offered = try #require(header.firstIndex(of: "offered_utilization"))
        let achieved = try #require(header.firstIndex(of: "achieved_utilization"))
        #expect(row[rate] == "" && row[offered] == "")
        #expect(row[achieved] == "1")  // both requests back to back from t = 0: busy the whole span
    }

    /// A burst: 3,000 requests at t = 0 (two models, deadlines per model), replayed with the
    /// policies whose tie paths a burst exercises (the job list's removal of the oldest job, the
    /// groups of identical jobs): every request is accounted for, in one run per policy.
    @Test func burstAtOneInstantReplays() throws {
        let directory = URL(fileURLWithPath: try ScratchSpace.directory("burst"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let table = directory.appendingPathComponent("burst.csv").path
        var text = "arrival_s,model,priority,input,deadline_s\n"
        for k in 0..<3_000 {
            text += k % 2 == 0 ? "0,load_balance_tiny_test_128,1,1,0.75\n" : "0,tiny_unstructured_sparse20,3,1,0.9\n"
        }
        try text.write(toFile: table, atomically: true, encoding: .utf8)
        let outcome = try BatonProcess.run(["run", "--traces", traces, "--requests-csv", table, "--seeds", "1",
                                            "--schedulers", "fcfs,edf,llf,sdrm3,dysta", "--quiet", "--format", "csv"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let requests = try #require(header.firstIndex(of: "requests"))
        #expect(lines.count == 6)
        for row in lines.dropFirst() { #expect(row[requests] == "3000", "\(row.first ?? "")") }
    }

    /// Results on standard output go through a checked write: a full device fails with exit 64
    /// and the system's reason, instead of exiting 0.
    @Test func standardOutputOnAFullDeviceFails() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full"), let binary = BatonProcess.binary else { return }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["list", "policies"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        #expect(message.contains("cannot write to standard output") && message.contains("No space left on device"))
    }

    /// `--out -` writes the file's text to standard output, and no "wrote" line.
    @Test func dashWritesToStandardOutput() throws {
        let outcome = try BatonProcess.run(["requests", "generate", "--rate", "10", "--requests", "3", "--out", "-"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        // The provenance lines (`# key: value`), then the header and three rows.
        let lines = outcome.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(outcome.stdout.hasPrefix("# generator: baton requests generate\n"))
        #expect(lines.first == "arrival_s,model,priority,input,deadline_s")
        #expect(lines.count == 4)
    }
}
