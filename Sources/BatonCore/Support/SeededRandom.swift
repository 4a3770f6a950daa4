/// A small, fast, seedable pseudo-random generator (xoshiro256**), identical on every platform.
///
/// Baton keeps one generator per concern (arrivals, model choice, inputs, cascade triggers...),
/// each derived from the run seed and a stream label, so adding draws to one concern never
/// shifts the numbers another concern sees.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator from a seed and a label naming the concern ("arrivals", "inputs", ...).
    public init(seed: UInt64, stream: String = "") {
        var mix = SplitMix64(state: seed ^ SeededRandom.fnv1a(stream))
        state = (mix.next(), mix.next(), mix.next(), mix.next())
        if state == (0, 0, 0, 0) { state.0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// Creates a generator for one point of a grid: the seed mixes every coordinate, so the
    /// numbers depend on the point and never on the order in which points run.
    public init(seed: UInt64, stream: String, coordinates: [UInt64]) {
        var value = seed ^ SeededRandom.fnv1a(stream)
        for c in coordinates {
            var mix = SplitMix64(state: value ^ (c &* 0xD1B5_4A32_D192_ED03))
            value = mix.next()
        }
        self.init(seed: value, stream: stream)
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = SeededRandom.rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = SeededRandom.rotl(state.3, 45)
        return result
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<upperBound` (no modulo bias).
    public mutating func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        return Int(next(upperBound: UInt64(upperBound)))
    }

    /// An exponential draw with the given rate (mean 1 / rate).
    public mutating func nextExponential(rate: Double) -> Double {
        -log1pNegative(nextUnit()) / rate
    }

    /// A standard normal draw (Box-Muller; one value per call, deterministic).
    public mutating func nextStandardNormal() -> Double {
        var u1 = nextUnit()
        if u1 <= 0 { u1 = 0x1.0p-53 }
        let u2 = nextUnit()
        return (-2 * logNatural(u1)).squareRoot() * cosine(2 * Double.pi * u2)
    }

    /// FNV-1a hash of a label, stable across runs and platforms (unlike `Hasher`).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// SplitMix64, used only to expand a seed into generator state.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
