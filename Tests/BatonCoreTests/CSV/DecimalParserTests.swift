import BatonCore
import Foundation
import Testing

/// `DecimalParser` must agree bit for bit with `Double(String)` / `Int(String)`.
@Suite("Decimal parser agrees with the standard library")
struct DecimalParserTests {
    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.double($0) }
    }

    static func parseInt(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.int($0) }
    }

    static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Double(text)
        let actual = parse(text)
        #expect(actual?.bitPattern == expected?.bitPattern, "\(text): \(String(describing: actual)) vs \(String(describing: expected))",
                sourceLocation: sourceLocation)
    }

    @Test("Hand-picked values: exact, halfway, subnormal, overflow and odd spellings")
    func handPicked() {
        #expect(Self.parse("0.5") == 0.5)
        #expect(Self.parse("-2.25e1") == -22.5)
        #expect(Self.parse("1e23") == 1e23)  // beyond Clinger's exact range
        #expect(Self.parse("9007199254740993") == 9007199254740992)  // halfway: to even
        #expect(Self.parse("9007199254740995") == 9007199254740996)  // halfway: to even (up)
        #expect(Self.parse("4.9406564584124654e-324") == Double.leastNonzeroMagnitude)
        #expect(Self.parse("2.2250738585072014e-308") == Double.leastNormalMagnitude)
        #expect(Self.parse("1.7976931348623157e308") == Double.greatestFiniteMagnitude)
        #expect(Self.parse("1e400") == Double.infinity)
        #expect(Self.parse("1e-400") == 0)
        #expect(Self.parse("-0.0")?.sign == .minus)
        for text in ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "0x1p3", "inf", "-infinity", "nan", "1_000",
                     "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623158e308",
                     "1.7976931348623159e308", "2.2250738585072011e-308", "00000000000000000000001.5",
                     "0.000000000000000000000000000000000000001234567890123456789", "12345678901234567890123",
                     "1.", ".5", "+.5e-3", "7.2057594037927933e16"] {
            Self.expectSame(text)
        }
    }

    @Test("Shortest and 17-digit spellings of random doubles round-trip exactly")
    func randomDoubles() {
        var random = SeededRandom(seed: 20_261_127)
        for _ in 0..<40_000 {
            let bits = random.next() & ~(UInt64(0x7FF) << 52) | (UInt64(random.next() % 0x7FF) << 52)
            let value = Double(bitPattern: bits)
            Self.expectSame(value.description)
            Self.expectSame(String(format: "%.17g", value))
            Self.expectSame(String(format: "%.16e", value))
        }
    }

    @Test("Random digit strings with random exponents agree with the standard library")
    func randomDecimals() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<40_000 {
            let digitCount = 1 + Int(random.next() % 19)
            var digits = ""
            for _ in 0..<digitCount { digits.append(Character(String(random.next() % 10))) }
            let point = Int(random.next() % UInt64(digitCount + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if random.next() % 2 == 0 { text = digits }
            let exponent = Int(random.next() % 700) - 360
            text += "e\(exponent)"
            Self.expectSame(text)
            Self.expectSame("-" + text)
        }
    }

    /// Long digit runs: a stray byte at a random position, leading zeros, and runs of 9 to 22
    /// significant digits (past the fast path's limit of 19).
    @Test("Long digit runs with stray bytes agree with the standard library")
    func longRuns() {
        var random = SeededRandom(seed: 11)
        let strays: [Character] = [".", "e", "/", ":", "a", " ", "-", "0"]
        for _ in 0..<20_000 {
            let length = 9 + Int(random.next() % 14)
            var digits = ""
            for k in 0..<length { digits.append(Character(String(k == 0 ? 1 + random.next() % 9 : random.next() % 10))) }
            let zeros = String(repeating: "0", count: Int(random.next() % 10))
            Self.expectSame(zeros + digits)
            Self.expectSame("0." + zeros + digits)
            Self.expectSame(String(digits.prefix(3)) + "." + String(digits.dropFirst(3)) + "e-7")
            var broken = Array(digits)
            broken[1 + Int(random.next() % UInt64(length - 1))] = strays[Int(random.next() % UInt64(strays.count))]
            Self.expectSame(zeros + String(broken))
            Self.expectSame("0." + String(broken))
        }
        for text in ["12345678", "123456789", "1234567890123456789", "12345678901234567890", "0.12345678901234567890",
                     "1000000000000000000", "99999999999999999999", "1234567a", "12345678.", "00000000123456781234567"] {
            Self.expectSame(text)
        }
    }

    @Test("Whole numbers agree with Int(String)")
    func integers() {
        for text in ["0", "7", "-12", "+5", "", "-", "1.0", "12a", "999999999999999999", "9223372036854775807",
                     "9223372036854775808", "-9223372036854775808", " 3"] {
            #expect(Self.parseInt(text) == Int(text), "\(text)")
        }
    }
}
