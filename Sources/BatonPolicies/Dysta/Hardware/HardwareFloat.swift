/// The score format of Dysta's hardware scheduler (`SCORE_BITWIDTH`): IEEE 754 binary32 or
/// binary16, plus an idealised binary64 reference that is not a hardware format.
public enum ScoreFormat: String, Sendable, Equatable, CaseIterable {
    /// IEEE binary32 (`SCORE_BITWIDTH = 32`): 32-bit time arithmetic, penalty slice F = 18.
    case fp32
    /// IEEE binary16 (`SCORE_BITWIDTH = 16`): 16-bit time arithmetic, penalty slice F = 8.
    case fp16
    /// Reference only (tests and the "ideal" comparison): binary64 without flushing and 64-bit
    /// time, penalty slice F = 18. No hardware of the artifact uses it.
    case fp64

    /// Width W of the fixed-point time arithmetic, in bits.
    public var timeBits: Int {
        switch self {
        case .fp32: 32
        case .fp16: 16
        case .fp64: 64
        }
    }

    /// Fraction bits F of the penalty's bit slice (`penalty = floor(wait * n_iso / 2^F)`).
    public var penaltyFractionBits: Int { self == .fp16 ? 8 : 18 }

    /// Largest finite value of the format.
    public var largestFinite: Double {
        switch self {
        case .fp32: Double(Float.greatestFiniteMagnitude)
        case .fp16: 65504
        case .fp64: Double.greatestFiniteMagnitude
        }
    }
}

/// Bit-accurate floating-point operations of the hardware scheduler's IP cores.
///
/// Values travel as bit patterns in a `UInt64` (binary32 in the low 32 bits, binary16 in the low
/// 16), which is also how the selection compares them. Every operation is rounded on its own to
/// nearest, ties to even (Swift's `Float` and `Float16` operations are single IEEE operations;
/// no fused multiply-add is ever formed because each result is stored as a bit pattern before
/// the next operation). Subnormal inputs and results are flushed to zero, keeping their sign
/// (what flush-to-zero floating-point IP cores do; +0 instead would only change the sign of
/// zero, which matters to the unsigned compare: -0 has the sign bit set and so ranks after every
/// non-negative score). `.fp64` is the unflushed binary64 reference.
public enum HardwareFloat {
    /// The bit pattern of positive zero (every format).
    public static let zero: UInt64 = 0

    /// Whether `bits` encodes a subnormal number of `format`.
    @inlinable public static func isSubnormal(_ bits: UInt64, _ format: ScoreFormat) -> Bool {
        switch format {
        case .fp32: return bits & 0x7F80_0000 == 0 && bits & 0x007F_FFFF != 0
        case .fp16: return bits & 0x7C00 == 0 && bits & 0x03FF != 0
        case .fp64: return false
        }
    }

    /// `bits` with a subnormal value replaced by a zero of the same sign (no change otherwise).
    @inlinable public static func flush(_ bits: UInt64, _ format: ScoreFormat) -> UInt64 {
        guard isSubnormal(bits, format) else { return bits }
        switch format {
        case .fp32: return bits & 0x8000_0000
        case .fp16: return bits & 0x8000
        case .fp64: return bits
        }
    }

    /// The value of a bit pattern, as a `Double` (exact).
    @inlinable public static func value(_ bits: UInt64, _ format: ScoreFormat) -> Double {
        switch format {
        case .fp32: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .fp16: return Double(Float(Float16(bitPattern: UInt16(truncatingIfNeeded: bits))))
        case .fp64: return Double(bitPattern: bits)
        }
    }

    /// Whether `bits` is an infinity or a NaN of `format`.
    @inlinable public static func isNonFinite(_ bits: UInt64, _ format: ScoreFormat) -> Bool {
        switch format {
        case .fp32: return bits & 0x7F80_0000 == 0x7F80_0000
        case .fp16: return bits & 0x7C00 == 0x7C00
        case .fp64: return bits & 0x7FF0_0000_0000_0000 == 0x7FF0_0000_0000_0000
        }
    }

    /// A host-side constant (a `Double`) rounded once to nearest-even in `format`, then flushed.
    /// Values at or beyond the format's overflow threshold become infinities (binary16: 65520 and
    /// up, the midpoint between 65504 and 2^16, rounds to +inf).
    public static func round(_ x: Double, _ format: ScoreFormat) -> UInt64 {
        switch format {
        case .fp32: return flush(UInt64(Float(x).bitPattern), format)  // one correctly rounded conversion
        case .fp16: return flush(UInt64(roundToHalf(x)), format)
        case .fp64: return x.bitPattern
        }
    }

    /// Correctly rounded binary64 -> binary16 (no double rounding through binary32): the value
    /// is rounded to the binary16 grid of its binade in binary64 arithmetic (exact scalings by
    /// powers of two), and only an exactly representable value is then converted.
    static func roundToHalf(_ x: Double) -> UInt16 {
        if x.isNaN { return 0x7E00 }
        let sign: UInt16 = x.sign == .minus ? 0x8000 : 0
        let magnitude = abs(x)
        if magnitude >= 65520 { return sign | 0x7C00 }
        if magnitude == 0 { return sign }
        // Quantum of the binade (subnormal binade below 2^-14), then round to a multiple of it.
        let exponent = max(Int(magnitude.exponent), -14)
        let quantum = Double(sign: .plus, exponent: exponent - 10, significand: 1)
        let rounded = (magnitude / quantum).rounded(.toNearestOrEven) * quantum
        let half = Float16(Float(rounded))  // exact: `rounded` is representable in binary16
        return sign | (half.bitPattern & 0x7FFF)
    }

    /// A W-bit two's-complement integer (fixed point, as produced by the time arithmetic)
    /// converted to `format`: one rounding to nearest-even, then flushed. The fixed-to-float IP
    /// core is taken to read its input as signed.
    public static func fromInteger(_ value: Int64, _ format: ScoreFormat) -> UInt64 {
        switch format {
        case .fp32:
            // |value| < 2^31 here (W = 32), so one cvtsi2ss: correctly rounded.
            return flush(UInt64(Float(value).bitPattern), format)
        case .fp16:
            // W = 16: |value| <= 2^15 is exact in binary32, so the only rounding is binary32 -> binary16.
            if value.magnitude < (1 << 24) {
                return flush(UInt64(Float16(Float(value)).bitPattern), format)
            }
            return flush(UInt64(roundToHalf(Double(value))), format)
        case .fp64:
            return Double(value).bitPattern
        }
    }

    /// `a * b`, rounded once, inputs and result flushed.
    @inlinable public static func multiply(_ a: UInt64, _ b: UInt64, _ format: ScoreFormat) -> UInt64 {
        let x = flush(a, format), y = flush(b, format)
        switch format {
        case .fp32:
            let product = Float(bitPattern: UInt32(truncatingIfNeeded: x)) * Float(bitPattern: UInt32(truncatingIfNeeded: y))
            return flush(UInt64(product.bitPattern), format)
        case .fp16:
            let product = Float16(bitPattern: UInt16(truncatingIfNeeded: x)) * Float16(bitPattern: UInt16(truncatingIfNeeded: y))
            return flush(UInt64(product.bitPattern), format)
        case .fp64:
            return (Double(bitPattern: x) * Double(bitPattern: y)).bitPattern
        }
    }

    /// `a + b`, rounded once, inputs and result flushed.
    @inlinable public static func add(_ a: UInt64, _ b: UInt64, _ format: ScoreFormat) -> UInt64 {
        let x = flush(a, format), y = flush(b, format)
        switch format {
        case .fp32:
            let sum = Float(bitPattern: UInt32(truncatingIfNeeded: x)) + Float(bitPattern: UInt32(truncatingIfNeeded: y))
            return flush(UInt64(sum.bitPattern), format)
        case .fp16:
            let sum = Float16(bitPattern: UInt16(truncatingIfNeeded: x)) + Float16(bitPattern: UInt16(truncatingIfNeeded: y))
            return flush(UInt64(sum.bitPattern), format)
        case .fp64:
            return (Double(bitPattern: x) + Double(bitPattern: y)).bitPattern
        }
    }

    /// The selection's compare: whether score `a` is strictly smaller than `b` as unsigned bit
    /// patterns (numeric order for non-negative values; any negative value, -0 included, ranks
    /// after every non-negative one, and NaN/infinity after every finite non-negative value).
    @inlinable public static func unsignedLess(_ a: UInt64, _ b: UInt64) -> Bool { a < b }
}
