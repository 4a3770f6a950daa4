import Foundation
import Testing

/// Runs every case of the malformed-input corpus (Tests/Corpus/malformed/<case>/) through the built
/// `baton` command and checks it fails cleanly: the documented exit code, a message naming the
/// problem, no crash (a signal or exit code outside Baton's documented set fails the test).
///
/// A case folder holds `args` (one argument per line; `@/` is replaced by the case folder's path) and
/// `expect` (`exit: N` and one or more `stderr: text` lines that must appear in standard error), plus
/// whatever input files the arguments name. A failing command must leave the case folder as it was:
/// no output file, complete or partial, and no temporary file.
@Suite("Malformed-input corpus")
struct MalformedInputCorpusTests {
    static let corpus = repositoryRoot().appendingPathComponent("Tests/Corpus/malformed")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("Each malformed input fails cleanly with its documented error", arguments: cases)
    func malformedInput(_ name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let argsText = try String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)
        let arguments = argsText.split(separator: "\n", omittingEmptySubsequences: true).map {
            String($0).replacingOccurrences(of: "@/", with: folder.path + "/")
        }
        let expectText = try String(contentsOf: folder.appendingPathComponent("expect"), encoding: .utf8)
        var exitCode: Int32?
        var fragments: [String] = []
        for line in expectText.split(separator: "\n") {
            if line.hasPrefix("exit:") { exitCode = Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) }
            if line.hasPrefix("stderr:") { fragments.append(line.dropFirst(7).trimmingCharacters(in: .whitespaces)) }
        }
        let expectedExit = try #require(exitCode, "case \(name) has no 'exit:' line")
        let before = Self.files(in: folder)
        let outcome = try BatonProcess.run(arguments)
        #expect(Self.files(in: folder) == before, "case \(name) changed its folder (an output or temporary file was left)")
        #expect(outcome.exitCode == expectedExit, "case \(name): exit \(outcome.exitCode), stderr: \(outcome.stderr)")
        #expect([1, 64, 65, 66, 67].contains(outcome.exitCode), "case \(name) exited with \(outcome.exitCode)")
        for fragment in fragments {
            #expect(outcome.stderr.contains(fragment), "case \(name): stderr lacks '\(fragment)': \(outcome.stderr)")
        }
        #expect(!outcome.stderr.contains("Fatal error"), "case \(name) crashed: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "case \(name) printed output although it failed: \(outcome.stdout)")
    }

    /// Relative paths of everything under `folder` (files and directories, hidden ones included), sorted.
    static func files(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String { paths.append(path) }
        return paths.sorted()
    }
}
