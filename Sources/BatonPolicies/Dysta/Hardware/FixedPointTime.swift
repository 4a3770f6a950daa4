/// The hardware scheduler's W-bit two's-complement integer time arithmetic (W = 16 or 32; 64
/// for the reference format). Every result wraps modulo 2^W and is read as signed, as a W-bit
/// register would hold it.
public struct FixedPointTime: Sendable, Equatable {
    /// Register width W, in bits (16, 32 or 64).
    public let bits: Int

    public init(bits: Int) {
        precondition(bits == 16 || bits == 32 || bits == 64, "W must be 16, 32 or 64")
        self.bits = bits
    }

    /// `value` reduced modulo 2^W and sign-extended (the W-bit register's signed reading).
    @inlinable public func wrap(_ value: Int64) -> Int64 {
        switch bits {
        case 16: return Int64(Int16(truncatingIfNeeded: value))
        case 32: return Int64(Int32(truncatingIfNeeded: value))
        default: return value
        }
    }

    /// Whether `value` fits the W-bit signed range (wrapping leaves it unchanged).
    @inlinable public func fits(_ value: Int64) -> Bool { wrap(value) == value }

    /// `a - b`, wrapped.
    @inlinable public func subtract(_ a: Int64, _ b: Int64) -> Int64 { wrap(a &- b) }

    /// `a + b`, wrapped.
    @inlinable public func add(_ a: Int64, _ b: Int64) -> Int64 { wrap(a &+ b) }

    /// The penalty's bit slice: `floor(wait * nIso / 2^F)`, wrapped to W bits. `wait` is a signed
    /// W-bit value (negative after a wrap), `nIso` an unsigned 16-bit fixed-point value with F
    /// fraction bits; the (W + 16)-bit product is shifted arithmetically, which floors (towards
    /// minus infinity) for negative products.
    @inlinable public func penalty(wait: Int64, nIso: Int64, fractionBits: Int) -> Int64 {
        precondition(nIso >= 0 && nIso <= 0xFFFF, "n_iso is a 16-bit unsigned value")
        return wrap((wrap(wait) &* nIso) >> Int64(fractionBits))
    }
}

/// The intended score of Dysta's hardware scheduler (spec dysta-hw.md section 3), smaller first:
///
///     slack   = max(0, ddl - now)                   W-bit, wrapping, signed compare
///     wait    = now - t_last                        W-bit, wrapping
///     penalty = floor(wait * n_iso / 2^F)           bit slice of the (W+16)-bit product
///     cost    = slack + penalty                     W-bit, wrapping
///     score   = RNE(RNE(beta * RNE(float(cost))) + RNE(Lhat * gamma))
///
/// Times are W-bit tick counts (`DystaHardwareParameters.cyclesPerTick` cycles per tick).
public struct DystaHardwareScore: Sendable, Equatable {
    public let format: ScoreFormat
    public let time: FixedPointTime
    /// Bit pattern of beta in `format` (0.01 rounded, or +0.0 as written).
    public let beta: UInt64

    /// - Parameter beta: the weight as a host constant; rounded once to `format`.
    public init(format: ScoreFormat, beta: Double) {
        self.format = format
        self.time = FixedPointTime(bits: format.timeBits)
        self.beta = HardwareFloat.round(beta, format)
    }

    /// The cost `max(0, ddl - now) + floor((now - lastRun) * nIso / 2^F)` as the W-bit integer.
    @inlinable public func cost(deadline: Int64, now: Int64, lastRun: Int64, nIso: Int64) -> Int64 {
        let slack = max(0, time.subtract(deadline, now))
        let wait = time.subtract(now, lastRun)
        let penalty = time.penalty(wait: wait, nIso: nIso, fractionBits: format.penaltyFractionBits)
        return time.add(slack, penalty)
    }

    /// The score's bit pattern; `lhat` and `gamma` are bit patterns in `format`.
    @inlinable public func score(deadline: Int64, now: Int64, lastRun: Int64, nIso: Int64,
                                 lhat: UInt64, gamma: UInt64) -> UInt64 {
        let cost = cost(deadline: deadline, now: now, lastRun: lastRun, nIso: nIso)
        let weighted = HardwareFloat.multiply(beta, HardwareFloat.fromInteger(cost, format), format)
        let predicted = HardwareFloat.multiply(lhat, gamma, format)
        return HardwareFloat.add(weighted, predicted, format)
    }
}
