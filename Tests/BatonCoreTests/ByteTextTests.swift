import PropertyBased
import Testing
@testable import BatonCore

/// `ByteText` writes numbers exactly as the `String`-based formatting it replaced in the writers
/// (the references below are that formatting, kept here as the specification).
@Suite("Byte text")
struct ByteTextTests {
    /// The full-precision rule: nan/inf spelled out, whole numbers below 1e15 without a fraction,
    /// otherwise Swift's shortest round-trip `description`.
    static func reference(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }

    /// The fixed-point rule with `digits` decimals.
    static func referenceFixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return reference(value) }
        let whole = Int(scaled) / Int(scale)
        let fraction = Int(scaled) % Int(scale)
        var text = String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    static func text(_ body: (inout ByteText) -> Void) -> String {
        var text = ByteText()
        body(&text)
        return text.string
    }

    @Test func handPickedNumbers() {
        #expect(Self.text { $0.append(3.0) } == "3")
        #expect(Self.text { $0.append(-0.0) } == "0")
        #expect(Self.text { $0.append(0.1) } == "0.1")
        #expect(Self.text { $0.append(1e15) } == "1000000000000000.0")
        #expect(Self.text { $0.append(1e17) } == "1e+17")
        #expect(Self.text { $0.append(-2.5e-7) } == "-2.5e-07")
        #expect(Self.text { $0.append(Double.nan) } == "nan")
        #expect(Self.text { $0.append(-Double.infinity) } == "-inf")
        #expect(Self.text { $0.append(Int.min) } == String(Int.min))
        #expect(Self.text { $0.append(0) } == "0")
        #expect(Self.text { $0.appendFixed(1.0005, digits: 3) } == Self.referenceFixed(1.0005, digits: 3))
        #expect(Self.text { $0.appendFixed(-0.0004, digits: 3) } == "0.000")
        #expect(Self.text { $0.appendFixed(12.5, digits: 0) } == "13")
        #expect(ResultValue.format(0.25) == "0.25")
        #expect(ResultTable.formatFixed(-3.14159, digits: 2) == "-3.14")
    }

    @Test func matchesTheStringFormatting() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed, stream: "byte-text")
            for _ in 0..<50 {
                let exponent = Double(random.nextInt(below: 60) - 30)
                var value = (random.nextUnit() - 0.5) * Self.pow10(exponent)
                if random.nextInt(below: 5) == 0 { value = value.rounded() }
                if random.nextInt(below: 20) == 0 { value = Double(bitPattern: random.next()) }
                let integer = Int(bitPattern: UInt(random.next()))
                let digits = random.nextInt(below: 7)
                #expect(Self.text { $0.append(value) } == Self.reference(value), "\(value.bitPattern)")
                #expect(Self.text { $0.appendFixed(value, digits: digits) } == Self.referenceFixed(value, digits: digits),
                        "\(value.bitPattern) \(digits)")
                #expect(Self.text { $0.append(integer) } == String(integer))
            }
        }
    }

    static func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        if exponent >= 0 { for _ in 0..<Int(exponent) { result *= 10 } } else { for _ in 0..<Int(-exponent) { result /= 10 } }
        return result
    }
}
