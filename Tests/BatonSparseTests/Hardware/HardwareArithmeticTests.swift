import BatonCore
@testable import BatonPolicies
import BatonSparse
import Testing

/// The hardware scheduler's arithmetic, with every expected bit pattern worked by hand (the
/// working is in the comments; binary32 = 1 sign, 8 exponent (bias 127), 23 fraction bits;
/// binary16 = 1, 5 (bias 15), 10).
@Suite("Dysta hardware: bit-accurate arithmetic")
struct HardwareArithmeticTests {
    typealias F = HardwareFloat

    /// 0.01 = 1.28 x 2^-7. binary32: fraction 0.28 x 2^23 = 2348810.24 -> 2348810 = 0x23D70A,
    /// exponent 120 = 0x78 -> 0x3C23D70A. binary16: 0.28 x 2^10 = 286.72 -> 287 = 0x11F,
    /// exponent 8 -> 0x2000 | 0x11F = 0x211F. As written, beta is +0.0.
    @Test func betaRoundsToThePublishedPatterns() {
        #expect(F.round(0.01, .fp32) == 0x3C23_D70A)
        #expect(F.round(0.01, .fp16) == 0x211F)
        #expect(DystaHardwareScore(format: .fp32, beta: 0.01).beta == 0x3C23_D70A)
        #expect(DystaHardwareScore(format: .fp16, beta: 0.01).beta == 0x211F)
        #expect(DystaHardwareScore(format: .fp32, beta: DystaHardwareParameters.BetaMode.asWritten.value).beta == 0)
        #expect(DystaHardwareScore(format: .fp16, beta: DystaHardwareParameters.BetaMode.asWritten.value).beta == 0)
    }

    /// Multiplication, one rounding each.
    /// binary32: 0x3C23D70A = 0.00999999977648258209228515625; x 100 = 0.999999977648258...,
    /// 2.2e-8 below 1, nearer 1 than 1 - 2^-24 (5.96e-8 below) -> 1.0 = 0x3F800000.
    /// binary16: 0x211F = 1311/131072 = 0.0100021...; x 100 (0x5640) = 1.00021, within half a
    /// step (2^-11) of 1 -> 0x3C00. 1000 (0x63D0) x 1.5 (0x3E00) = 1500 exactly = 0x65DC.
    @Test func multiplyRoundsOnce() {
        #expect(F.multiply(0x3C23_D70A, 0x42C8_0000, .fp32) == 0x3F80_0000)
        #expect(F.multiply(0x211F, 0x5640, .fp16) == 0x3C00)
        #expect(F.multiply(0x63D0, 0x3E00, .fp16) == 0x65DC)
        // 0.01 x 700 in binary32: 6.99999984353... is 1.56e-7 below 7, under half a step
        // (2^-22 = 2.38e-7) -> 7.0 = 0x40E00000. In binary16: 7.0015 -> 7.0 = 0x4700.
        #expect(F.multiply(0x3C23_D70A, 0x442F_0000, .fp32) == 0x40E0_0000)
        #expect(F.multiply(0x211F, 0x6178, .fp16) == 0x4700)
    }

    /// Ties go to the even neighbour.
    /// binary32: 1 + 2^-24 is half-way between 1 (even) and 1 + 2^-23 (odd) -> 0x3F800000;
    /// (1 + 2^-23) + 2^-24 is half-way between 1 + 2^-23 (odd) and 1 + 2^-22 (even) -> 0x3F800002.
    /// binary16: 2049 lies half-way between 2048 (0x6800, even) and 2050 (0x6801) -> 0x6800;
    /// 2051 between 2050 (odd) and 2052 (0x6802, even) -> 0x6802.
    @Test func tiesRoundToEven() {
        #expect(F.add(0x3F80_0000, 0x3380_0000, .fp32) == 0x3F80_0000)
        #expect(F.add(0x3F80_0001, 0x3380_0000, .fp32) == 0x3F80_0002)
        #expect(F.fromInteger(2049, .fp16) == 0x6800)
        #expect(F.fromInteger(2051, .fp16) == 0x6802)
        // 2^24 + 1 is half-way between 2^24 (0x4B800000, even) and 2^24 + 2 -> 0x4B800000.
        #expect(F.fromInteger(16_777_217, .fp32) == 0x4B80_0000)
        #expect(F.fromInteger(-3, .fp16) == 0xC200)
        #expect(F.add(0x6800, 0x3C00, .fp16) == 0x6800)  // 2048 + 1 = 2049 -> 2048
    }

    /// binary16's largest finite value is 65504 (0x7BFF); the next would be 65536, so 65520,
    /// the midpoint, rounds to even = 65536 = overflow = +inf (0x7C00); 65519 -> 65504.
    @Test func binary16OverflowsAt65520() {
        #expect(F.round(65519, .fp16) == 0x7BFF)
        #expect(F.round(65520, .fp16) == 0x7C00)
        #expect(F.round(-65520, .fp16) == 0xFC00)
        #expect(F.add(0x7BFF, 0x4C00, .fp16) == 0x7C00)  // 65504 + 16 = 65520 -> +inf
        #expect(F.add(0x7BFF, 0x4800, .fp16) == 0x7BFF)  // 65504 + 8 = 65512 -> 65504
        #expect(F.isNonFinite(0x7C00, .fp16))
    }

    /// Host constants round directly from binary64: 1 + 2^-11 + 2^-30 is above the midpoint
    /// 1 + 2^-11, so it rounds up to 1 + 2^-10 = 0x3C01. Through binary32 it would first become
    /// exactly 1 + 2^-11 and then tie to 1.0 (double rounding).
    @Test func hostConstantsRoundOnceFromBinary64() {
        #expect(F.round(1 + 0x1p-11 + 0x1p-30, .fp16) == 0x3C01)
        #expect(F.round(1 + 0x1p-11, .fp16) == 0x3C00)
    }

    /// Subnormals are flushed to zero, keeping the sign, on input and on output.
    /// binary32: 2^-100 x 2^-30 = 2^-130 < 2^-126 (smallest normal) -> +0; with a negative
    /// factor -> -0 = 0x80000000. Input 2^-127 (0x00400000, subnormal) + 2^-126 (0x00800000): the
    /// input is flushed, so the sum is 2^-126 = 0x00800000 (IEEE would give 0x00C00000).
    /// binary16: 2^-10 (0x1400) x 2^-5 (0x2800) = 2^-15 < 2^-14 -> 0.
    @Test func subnormalsFlushToSignedZero() {
        let twoToMinus100: UInt64 = 0x0D80_0000  // exponent 27
        let twoToMinus30: UInt64 = 0x3080_0000  // exponent 97
        #expect(F.multiply(twoToMinus100, twoToMinus30, .fp32) == 0)
        #expect(F.multiply(twoToMinus100 | 0x8000_0000, twoToMinus30, .fp32) == 0x8000_0000)
        #expect(F.add(0x0040_0000, 0x0080_0000, .fp32) == 0x0080_0000)
        #expect(F.multiply(0x1400, 0x2800, .fp16) == 0)
        #expect(F.flush(0x0001, .fp16) == 0 && F.flush(0x8001, .fp16) == 0x8000)
        #expect(F.flush(0x0400, .fp16) == 0x0400)  // 2^-14 is normal: kept
        #expect(F.round(0x1p-20, .fp16) == 0)  // would be a binary16 subnormal
    }

    /// W-bit two's-complement time wraps modulo 2^W.
    @Test func timeWrapsAt2To16And2To32() {
        let w16 = FixedPointTime(bits: 16), w32 = FixedPointTime(bits: 32)
        #expect(w16.add(32767, 1) == -32768)
        #expect(w16.subtract(3, 65534) == 5)  // 3 - 65534 = -65531 = 5 - 2^16
        #expect(w16.wrap(65536 + 7) == 7)
        #expect(w32.add(2_147_483_647, 1) == -2_147_483_648)
        #expect(w32.subtract(10, 4_294_967_290) == 16)  // 10 - (2^32 - 6) = 16 - 2^32
        #expect(w32.wrap(1 << 32) == 0)
        #expect(w16.fits(32767) && !w16.fits(32768))
    }

    /// penalty = floor(wait x n_iso / 2^F), negative waits floored towards minus infinity.
    /// W=32, F=18: 1,000,000 x 3 / 262,144 = 11.44 -> 11; -1,000,000 -> -11.44 -> -12.
    /// W=16, F=8: -5 x 100 / 256 = -1.95 -> -2; a true wait of 40,000 ticks wraps to
    /// 40,000 - 65,536 = -25,536, and with n_iso = 1: -99.75 -> -100.
    @Test func penaltyFloorsNegativeWaits() {
        let w16 = FixedPointTime(bits: 16), w32 = FixedPointTime(bits: 32)
        #expect(w32.penalty(wait: 1_000_000, nIso: 3, fractionBits: 18) == 11)
        #expect(w32.penalty(wait: -1_000_000, nIso: 3, fractionBits: 18) == -12)
        #expect(w16.penalty(wait: -5, nIso: 100, fractionBits: 8) == -2)
        #expect(w16.penalty(wait: 40_000, nIso: 1, fractionBits: 8) == -100)
        #expect(w16.penalty(wait: 255, nIso: 1, fractionBits: 8) == 0)
        // A wait that wraps in W bits is read modulo 2^16: now 10 after the wrap, last run 65,530.
        #expect(w16.subtract(10, 65_530) == 16)
    }

    /// The whole score, binary32: ddl 1400, now 800, last run 0, n_iso 32,768 (= 1/8 with
    /// F = 18): slack 600, penalty floor(800 x 32768 / 2^18) = 100, cost 700 -> 0x442F0000;
    /// beta x 700 -> 7.0 (above); Lhat 1000 (0x447A0000) x gamma 1.5 (0x3FC00000) = 1500
    /// (0x44BB8000); 7 + 1500 = 1507 = 0x44BC6000 (exact: spacing 2^-7 in [1024, 2048)).
    @Test func binary32ScoreWorkedByHand() {
        let fp32 = DystaHardwareScore(format: .fp32, beta: 0.01)
        #expect(fp32.cost(deadline: 1400, now: 800, lastRun: 0, nIso: 32_768) == 700)
        #expect(F.fromInteger(700, .fp32) == 0x442F_0000)
        #expect(F.multiply(0x447A_0000, 0x3FC0_0000, .fp32) == 0x44BB_8000)
        #expect(fp32.score(deadline: 1400, now: 800, lastRun: 0, nIso: 32_768,
                           lhat: 0x447A_0000, gamma: 0x3FC0_0000) == 0x44BC_6000)
        // As written (beta +0.0): the score is Lhat x gamma alone.
        let asWritten = DystaHardwareScore(format: .fp32, beta: 0)
        #expect(asWritten.score(deadline: 1400, now: 800, lastRun: 0, nIso: 32_768,
                                lhat: 0x447A_0000, gamma: 0x3FC0_0000) == 0x44BB_8000)
    }

    /// The whole score, binary16 (ticks): ddl 1000, now 400, last run 0, n_iso 64 (= 1/4 with
    /// F = 8): slack 600, penalty 100, cost 700 = 0x6178; beta (0x211F) x 700 = 7.0015 -> 7.0
    /// (0x4700, spacing 2^-8 in [4, 8)); Lhat 1000 (0x63D0) x 1.5 (0x3E00) = 1500 (0x65DC);
    /// 1507 is exact (spacing 1 in [1024, 2048)) = 0x65E3.
    @Test func binary16ScoreWorkedByHand() {
        let fp16 = DystaHardwareScore(format: .fp16, beta: 0.01)
        #expect(fp16.cost(deadline: 1000, now: 400, lastRun: 0, nIso: 64) == 700)
        #expect(F.fromInteger(700, .fp16) == 0x6178)
        #expect(fp16.score(deadline: 1000, now: 400, lastRun: 0, nIso: 64, lhat: 0x63D0, gamma: 0x3E00) == 0x65E3)
        let asWritten = DystaHardwareScore(format: .fp16, beta: 0)
        #expect(asWritten.score(deadline: 1000, now: 400, lastRun: 0, nIso: 64, lhat: 0x63D0, gamma: 0x3E00) == 0x65DC)
        // Late (ddl < now): the slack clamps to 0 (signed compare), the penalty is left: 100.
        #expect(fp16.cost(deadline: 100, now: 400, lastRun: 0, nIso: 64) == 100)
        // A deadline 40,000 ticks ahead wraps to 40,000 - 65,536 < 0 in 16 bits: slack 0.
        #expect(fp16.cost(deadline: 400 + 40_000, now: 400, lastRun: 400, nIso: 64) == 0)
        // Lhat x gamma beyond 65504 overflows: 65504 x 1.5 -> +inf, and so does the score.
        #expect(fp16.score(deadline: 0, now: 0, lastRun: 0, nIso: 0, lhat: 0x7BFF, gamma: 0x3E00) == 0x7C00)
    }

    /// The selection compares bit patterns as unsigned integers: numeric order for
    /// non-negative values, every negative value (-0 included) after them, +inf after every
    /// finite non-negative value.
    @Test func unsignedCompareOrdersBitPatterns() {
        #expect(F.unsignedLess(0x3F80_0000, 0x4000_0000))  // 1 < 2
        #expect(F.unsignedLess(0x4000_0000, 0x7F80_0000))  // 2 < +inf
        #expect(F.unsignedLess(0x7F80_0000, 0x8000_0000))  // +inf before -0
        #expect(!F.unsignedLess(0xBF80_0000, 0x3F80_0000))  // -1 ranks after 1
        #expect(!F.unsignedLess(0x3C00, 0x3C00))  // a tie is not "strictly smaller"
    }
}
