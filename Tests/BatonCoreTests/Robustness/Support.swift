import BatonTestSupport
import Foundation
import Testing

/// Runs `body` and records a thrown error as a test issue. Needed inside `propertyCheck`
/// bodies: PropertyBased 2.x discards errors thrown there (`try?`), which would pass silently.
func recordingErrors(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
    }
}

/// A fresh, empty scratch directory for one test.
func scratchDirectory(_ name: String) throws -> String {
    try ScratchSpace.directory("core-\(name)")
}

/// Names in a directory, sorted (hidden ones included).
func listing(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}

/// Characters that matter to CSV readers and number parsers, plus multi-byte and control ones.
let fuzzAlphabet: [Character] = Array("0123456789.,,,-+eE\n\n\r\"\" \tnaifNAIF;x_%\u{0}\u{FEFF}é中🙂") + ["\r\n"]

/// A random text of up to `maxLength` characters from `fuzzAlphabet`, driven by `random`.
func fuzzText(_ random: inout SeededRandomTestSource, maxLength: Int) -> String {
    let length = random.int(below: maxLength + 1)
    var text = ""
    for _ in 0..<length { text.append(fuzzAlphabet[random.int(below: fuzzAlphabet.count)]) }
    return text
}

/// A small seeded generator for test inputs (SplitMix64), independent of the code under test.
struct SeededRandomTestSource {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
