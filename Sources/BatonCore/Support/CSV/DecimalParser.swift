/// Numbers parsed straight from UTF-8 bytes, with exactly the results of `Double(String)` and
/// `Int(String)` but without building a string.
///
/// Doubles in the plain decimal form `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19
/// significant digits (every shortest round-trip form Baton writes) take a fast path:
/// - Clinger's exact path when the digits fit in 53 bits and the power of ten is at most 22;
/// - otherwise the Eisel-Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second",
///   Software: Practice and Experience 51(8), 2021; N. Mushtak and D. Lemire, "Fast number parsing
///   without fallback", 2023, prove it correctly rounded for up to 19 digits): one or two 64x64-bit
///   products with a 128-bit power of five (`PowersOfFive`), rounded to nearest-even.
///
/// Anything else (more digits, `inf`, `nan`, hexadecimal, stray characters) goes to the standard
/// library, so what is accepted and how it rounds never differs from `Double(String)`.
public enum DecimalParser {
    /// The number spelled by `bytes` (the whole buffer), or nil where `Double(String)` gives nil.
    @inlinable
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = fastDouble(bytes) { return value }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The whole number spelled by `bytes`, or nil where `Int(String)` gives nil.
    @inlinable
    public static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == 0x2D { negative = true; i = 1 } else if bytes[0] == 0x2B { i = 1 }
        guard i < n else { return nil }
        var value = 0
        while i < n {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }  // `Int(String)` reads a sign and digits only
            value = value &* 10 &+ Int(digit)
            i += 1
        }
        // Up to 18 characters cannot overflow; longer runs of digits go to the standard library.
        guard n <= 18 else { return Int(String(decoding: bytes, as: UTF8.self)) }
        return negative ? -value : value
    }

    /// The number a decimal spelling gives under `Double(String)`, or nil, also for any text with an
    /// ASCII letter other than the exponent's `e` or `E` (`inf`, `nan`, hexadecimal and words are
    /// not decimal numbers, and are told apart without asking the standard library).
    @inlinable
    public static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = fastDouble(bytes) { return value }  // the plain form: no letter but e or E
        for byte in bytes {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") && lower != UInt8(ascii: "e") { return nil }
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// Exact powers of ten 10^0 ... 10^22 (all representable as doubles).
    @usableFromInline static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The fast path: nil when the text is not in the plain form or has more than 19 significant
    /// digits (the caller then asks the standard library).
    @inlinable
    static func fastDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == 0x2D { negative = true; i = 1 } else if bytes[0] == 0x2B { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        guard let whole = digitRun(bytes, &i, &mantissa, &digits) else { return nil }
        sawDigit = whole > 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            guard let fraction = digitRun(bytes, &i, &mantissa, &digits) else { return nil }
            sawDigit = sawDigit || fraction > 0
            exponent -= fraction
        }
        guard sawDigit else { return nil }
        if i < n, bytes[i] | 0x20 == 0x65 {  // e or E
            i += 1
            var exponentNegative = false
            if i < n, bytes[i] == 0x2D { exponentNegative = true; i += 1 } else if i < n, bytes[i] == 0x2B { i += 1 }
            var value = 0
            var sawExponentDigit = false
            while i < n {
                let digit = bytes[i] &- 0x30
                guard digit < 10 else { break }
                sawExponentDigit = true
                if value < 100_000 { value = value * 10 + Int(digit) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard i == n else { return nil }
        let magnitude = scaled(mantissa, byPowerOfTen: exponent)
        return negative ? -magnitude : magnitude
    }

    /// Reads the digits at `i` into `mantissa` (leading zeros are not significant); returns how
    /// many digits were read, or nil past 19 significant digits (the caller falls back). Eight
    /// at a time where eight digits follow (SWAR: one 64-bit load, a test and three
    /// multiply-adds), the rest one by one.
    @inlinable @inline(__always)
    static func digitRun(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ mantissa: inout UInt64,
                         _ digits: inout Int) -> Int? {
        let start = i
        let n = bytes.count
        // Up to 11 significant digits, eight more cannot overflow (10^19 < 2^64).
        while digits <= 11, i &+ 8 <= n {
            let chunk = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
            guard isEightDigits(chunk) else { break }
            if mantissa == 0 {
                // Zeros before the first non-zero digit are not significant (the first byte is the lowest).
                let values = chunk &- 0x3030_3030_3030_3030
                digits &+= values == 0 ? 0 : 8 &- values.trailingZeroBitCount / 8
            } else {
                digits &+= 8
            }
            mantissa = mantissa &* 100_000_000 &+ valueOfEightDigits(chunk)
            i &+= 8
        }
        while i < n {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { break }
            if mantissa != 0 || digit != 0 {
                guard digits < 19 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
            }
            i += 1
        }
        return i - start
    }

    /// Whether the eight bytes of `chunk` (first byte lowest) are all ASCII digits: each byte's
    /// high nibble is 3, and stays 3 after adding 6 (which carries out of the low nibble above 9).
    @inlinable @inline(__always)
    static func isEightDigits(_ chunk: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        return (chunk & high) | (((chunk &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333
    }

    /// The number the eight ASCII digits of `chunk` spell (first byte most significant): pairs,
    /// then quadruples, then the eight, each step one multiply-add on lanes twice as wide.
    @inlinable @inline(__always)
    static func valueOfEightDigits(_ chunk: UInt64) -> UInt64 {
        var value = chunk &- 0x3030_3030_3030_3030
        value = (value &* 10 &+ (value >> 8)) & 0x00FF_00FF_00FF_00FF
        value = (value &* 100 &+ (value >> 16)) & 0x0000_FFFF_0000_FFFF
        return (value &* 10_000 &+ (value >> 32)) & 0xFFFF_FFFF
    }

    /// `mantissa` x 10^`exponent`, correctly rounded (mantissa below 10^19).
    @inlinable
    static func scaled(_ mantissa: UInt64, byPowerOfTen exponent: Int) -> Double {
        if mantissa == 0 { return 0 }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = Double(mantissa)
            return exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
        }
        return eiselLemire(mantissa, exponent)
    }

    /// The Eisel-Lemire conversion for a non-zero mantissa of at most 19 digits.
    @usableFromInline
    static func eiselLemire(_ mantissa: UInt64, _ q: Int) -> Double {
        if q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return .infinity }
        let leadingZeros = mantissa.leadingZeroBitCount
        let w = mantissa << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        var (high, low) = w.multipliedFullWidth(by: PowersOfFive.words[index])
        // 52 explicit bits + 3 (implicit bit, rounding bit, a possible lost top bit).
        let precisionMask: UInt64 = UInt64.max >> 55
        if high & precisionMask == precisionMask {
            let second = w.multipliedFullWidth(by: PowersOfFive.words[index + 1]).high
            low &+= second
            if second > low { high &+= 1 }
        }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var significand = high >> shift
        // floor(log2(5^q)) + q + 63, the binary exponent of the product's top bit.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {
            // Subnormal (or zero).
            if -power2 + 1 >= 64 { return 0 }
            significand >>= UInt64(-power2 + 1)
            significand += significand & 1
            significand >>= 1
            power2 = significand < (1 << 52) ? 0 : 1
            return Double(bitPattern: significand | UInt64(power2) << 52)
        }
        // Exactly halfway between two doubles: round to even (only possible for small |q|).
        if low <= 1, q >= -4, q <= 23, significand & 3 == 1, significand << shift == high {
            significand &= ~1
        }
        significand += significand & 1
        significand >>= 1
        if significand >= 2 << 52 {
            significand = 1 << 52
            power2 += 1
        }
        significand &= ~(1 << 52)
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: significand | UInt64(power2) << 52)
    }
}
