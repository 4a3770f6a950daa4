import BatonTestSupport
import ArgumentParser
import BatonCore
@testable import BatonCommandLine
import BatonExperiments
import BatonRTMM
import Foundation
import Testing

/// Structured fuzzing with fixed seeds (issue 12): random but well-formed-looking inputs built
/// from the grammar of each format, so that most cases reach deep into the readers. Every case
/// must end in success or in Baton's `InputError` (or, for flags, ArgumentParser's usage error);
/// a crash fails the whole run, a hang never ends it (the guards keep every case linear).
///
/// Cases per run: YAML configurations 400, sweep files 400, Chrome trace JSON 300, JSON-lines
/// results 300, flag combinations 300 (see docs/robustness.md).
@Suite("Structured fuzzing")
struct StructuredFuzzTests {
    static let library = try! ModelLibrary.builtIn()

    // MARK: YAML

    /// A random YAML document: mappings and sequences (block and flow), scalars of every kind,
    /// anchors, aliases (also as keys), explicit `? ` keys, flow collections as keys and tags.
    struct YAMLGenerator {
        var random: SeededRandom
        var anchors: [String] = []
        let keys: [String]
        let words = ["ES_RITNet", "GE_FBNet_C", "s", "x", "fcfs", "synthetic", "sparse", "rtmm", "WS-4096-256",
                     "single-4k-ws", "true", "~", "null", ".inf", "-.inf", ".nan", "1e308", "-1", "0", "3", "0.5",
                     "1e-300", "abc", "'q: x'", "\"a\\nb\"", "\"\"", "''", "[", "{"]

        mutating func pick<T>(_ items: [T]) -> T { items[random.nextInt(below: items.count)] }
        mutating func chance(_ p: Double) -> Bool { random.nextUnit() < p }

        mutating func prefix() -> String {
            var text = ""
            if chance(0.1) { text += pick(["!!str ", "!!map ", "!!seq ", "!custom ", "!!int ", "!!float "]) }
            if chance(0.15) {
                let name = "a\(anchors.count)"
                anchors.append(name)
                text += "&\(name) "
            }
            return text
        }

        mutating func scalar() -> String {
            if !anchors.isEmpty, chance(0.15) { return "*" + pick(anchors) }
            return prefix() + pick(words)
        }

        mutating func key() -> String {
            switch random.nextInt(below: 20) {
            case 0 where !anchors.isEmpty: return "*" + pick(anchors) + " "
            case 1: return "? " + pick(keys)
            case 2: return "[" + pick(keys) + ", " + scalar() + "]"
            case 3: return "{" + pick(keys) + ": 1}"
            case 4: return pick(words)
            default: return pick(keys)
            }
        }

        mutating func flow(depth: Int) -> String {
            if depth <= 0 || chance(0.4) { return scalar() }
            let count = random.nextInt(below: 4)
            if chance(0.5) {
                return prefix() + "[" + (0..<count).map { _ in flow(depth: depth - 1) }.joined(separator: ", ") + "]"
            }
            return prefix() + "{" + (0..<count).map { _ in key() + ": " + flow(depth: depth - 1) }.joined(separator: ", ") + "}"
        }

        mutating func block(depth: Int, indent: String) -> String {
            var text = ""
            let count = 1 + random.nextInt(below: 4)
            let isSequence = depth < 4 && chance(0.35)
            for _ in 0..<count {
                let lead = isSequence ? indent + "- " : indent + key() + ":"
                if depth > 0, chance(0.5) {
                    text += lead + (isSequence ? "\n" : " " + prefix() + "\n") + block(depth: depth - 1, indent: indent + "  ")
                } else {
                    text += lead + " " + flow(depth: 2) + "\n"
                }
                if chance(0.05) { text += indent + "# a comment with ? and *x: y\n" }
            }
            return text
        }
    }

    static func expectInputErrorOrSuccess(_ body: () throws -> Void, _ text: String) {
        do {
            try body()
        } catch is InputError {
        } catch {
            Issue.record("not an InputError: \(error)\n--- input ---\n\(text)")
        }
    }

    @Test func yamlConfigurationsFailCleanly() throws {
        let keys = ["models", "scenarios", "platforms", "model", "scenario", "platform", "name", "base", "fps", "priority",
                    "latency_scale", "costs", "accelerators", "phases", "duration_ms", "depends_on", "latency_ms", "energy_mj"]
        var outcomes = (accepted: 0, rejected: 0)
        for seed in 0..<400 as Range<UInt64> {
            var generator = YAMLGenerator(random: SeededRandom(seed: seed, stream: "fuzz/yaml-config"), keys: keys)
            let text = generator.block(depth: 4, indent: "")
            do {
                _ = try ConfigLoader.load(text: text, file: "fuzz.yaml", into: Self.library)
                outcomes.accepted += 1
            } catch let error as InputError {
                #expect(error.kind == .config || error.kind == .limit, "\(error)")
                outcomes.rejected += 1
            } catch {
                Issue.record("not an InputError: \(error)\n--- input ---\n\(text)")
            }
        }
        #expect(outcomes.accepted + outcomes.rejected == 400)
        #expect(outcomes.rejected > 0)
    }

    @Test func sweepFilesFailCleanly() throws {
        let keys = ["name", "study", "fixed", "grid", "seeds", "description", "rate", "scheduler", "jobs", "slo", "seed"]
        var accepted = 0
        for seed in 0..<400 as Range<UInt64> {
            var generator = YAMLGenerator(random: SeededRandom(seed: seed, stream: "fuzz/yaml-sweep"), keys: keys)
            var text = generator.block(depth: 3, indent: "")
            if seed % 2 == 0 { text = "name: f\nstudy: synthetic\n" + text }  // often a valid head
            Self.expectInputErrorOrSuccess({
                _ = try SweepSpec.parse(text: text, source: "fuzz.yaml")
                accepted += 1
            }, text)
        }
        #expect(accepted >= 0)
    }

    // MARK: JSON

    /// A random JSON value (events, numbers, strings with escapes), then sometimes damaged.
    struct JSONGenerator {
        var random: SeededRandom
        mutating func pick<T>(_ items: [T]) -> T { items[random.nextInt(below: items.count)] }

        mutating func value(depth: Int) -> String {
            switch random.nextInt(below: depth <= 0 ? 4 : 6) {
            case 0: return pick(["0", "-1", "1.5e3", "1e999", "-0", "12345678901234567890", "3.0"])
            case 1: return pick(["\"X\"", "\"M\"", "\"i\"", "\"a\\\"b\"", "\"\\u00e9\"", "\"\"", "\"deadline miss\"", "\"drop\""])
            case 2: return pick(["true", "false", "null"])
            case 3: return "\"\(random.nextInt(below: 100))\""
            case 4: return "[" + (0..<random.nextInt(below: 4)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
            default: return event(depth: depth - 1)
            }
        }

        mutating func event(depth: Int) -> String {
            let fields = ["ph", "ts", "dur", "pid", "tid", "name", "args", "model", "sort_index", "point", "x"]
            return "{" + (0..<random.nextInt(below: 6)).map { _ in "\"\(pick(fields))\": \(value(depth: depth))" }.joined(separator: ", ") + "}"
        }

        mutating func damage(_ text: String) -> String {
            var bytes = Array(text.utf8)
            for _ in 0..<(1 + random.nextInt(below: 3)) where !bytes.isEmpty {
                let at = random.nextInt(below: bytes.count)
                switch random.nextInt(below: 3) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(pick(Array("{}[],:\"\\\n0e-".utf8)), at: at)
                default: bytes[at] = pick(Array("x}]\n\"".utf8))
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func chromeTracesFailCleanlyWithAPlace() throws {
        var broken = 0
        for seed in 0..<300 as Range<UInt64> {
            var generator = JSONGenerator(random: SeededRandom(seed: seed, stream: "fuzz/json-trace"))
            var text = "{\"traceEvents\": [" + (0..<generator.random.nextInt(below: 6)).map { _ in generator.event(depth: 2) }.joined(separator: ",\n") + "]}"
            if seed % 3 != 0 { text = generator.damage(text) }
            let invalid = JSONSyntax.firstError(in: Array(text.utf8)) != nil
            do {
                _ = try ChromeTraceReader.parse(data: Data(text.utf8), source: "fuzz.json")
                #expect(!invalid, "accepted although JSONSyntax found an error:\n\(text)")
            } catch let error as InputError {
                #expect(error.kind == .file)
                if invalid, error.message.hasPrefix("not a JSON trace file") {
                    #expect(error.line != nil, "\(error)")
                    broken += 1
                }
            } catch {
                Issue.record("not an InputError: \(error)\n--- input ---\n\(text)")
            }
        }
        #expect(broken > 0)
    }

    @Test func resultLinesFailCleanly() throws {
        for seed in 0..<300 as Range<UInt64> {
            var generator = JSONGenerator(random: SeededRandom(seed: seed, stream: "fuzz/json-results"))
            var text = (0..<(1 + generator.random.nextInt(below: 4))).map { _ in generator.event(depth: 1) }.joined(separator: "\n") + "\n"
            if seed % 2 == 0 { text = generator.damage(text) }
            Self.expectInputErrorOrSuccess({ _ = try ResultFileReader.jsonLines(text: text, source: "fuzz.jsonl") }, text)
            // The same text as a sweep's results file: read, then checked line by line.
            let path = ScratchSpace.uniqueFile("fuzz-results", suffix: ".jsonl")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            Self.expectInputErrorOrSuccess({
                let contents = try SweepResultsFile.read(path: path)
                _ = try SweepResultsFile.validate(contents.lines, path: path, points: nil)
            }, text)
        }
    }

    // MARK: Flags

    /// Random argument lists over every subcommand's flags with hostile values, parsed by the
    /// command types themselves (ArgumentParser plus each command's own `validate()`).
    @Test func flagCombinationsParseOrFailCleanly() throws {
        let commands: [[String]] = [["run"], ["rtmm", "run"], ["sweep", "x.yaml"], ["merge", "a"], ["plot", "r.csv"],
                                    ["report", "d"], ["timeline", "t.json"], ["experiment"], ["list"], ["benchmark", "generate"],
                                    ["requests", "generate"], ["bench"], ["reproduce"]]
        let flags = ["--schedulers", "--rates", "--utilizations", "--slo", "--requests", "--seeds", "--jobs", "--out", "--format",
                     "--scenario", "--platform", "--duration-ms", "--param", "--period", "--jitter-ms", "--cost-variation",
                     "--shard", "--shards", "--kind", "--x", "--y", "--log-y", "--quick", "--check", "--quiet", "--fresh",
                     "--per-seed", "--pool", "--traces", "--requests-csv", "--compat", "--rate", "--utilization", "--inputs",
                     "--seed", "--config", "--trace", "--title", "--no-per-model", "--xrbench-parity", "--help", "--version", "-"]
        let values = ["", "0", "-1", "1", "3", "nan", "inf", "-inf", "1e308", "1e-320", "9223372036854775808", "0/0", "1/4", "4/4",
                      "fcfs,fcfs", "fcfs,,edf", "dysat", "prema.beta=nan", "x=1", "a\nb", String(repeating: "z", count: 500),
                      "csv", "json", "table", "vr-gaming", "single-4k-ws", "exact", "/dev/full", "-", "--", "é中🙂"]
        var parsed = 0, refused = 0
        for seed in 0..<300 as Range<UInt64> {
            var random = SeededRandom(seed: seed, stream: "fuzz/flags")
            var arguments = commands[random.nextInt(below: commands.count)]
            for _ in 0..<random.nextInt(below: 7) {
                arguments.append(flags[random.nextInt(below: flags.count)])
                if random.nextInt(below: 4) != 0 { arguments.append(values[random.nextInt(below: values.count)]) }
            }
            do {
                _ = try BatonCommand.parseAsRoot(arguments)
                parsed += 1
            } catch let error as InputError {
                #expect((64...67).contains(error.exitCode), "\(arguments): \(error)")
                refused += 1
            } catch {
                // ArgumentParser's own usage errors, help and version requests: a clean exit code.
                let code = BatonCommand.exitCode(for: error).rawValue
                #expect(code == 0 || code == 64, "\(arguments): \(error) (exit \(code))")
                refused += 1
            }
        }
        #expect(parsed + refused == 300 && parsed > 0 && refused > 0)
    }
}
