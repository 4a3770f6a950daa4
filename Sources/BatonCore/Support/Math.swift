#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

// Thin wrappers so the rest of the core does not import the C library directly.

@inlinable func logNatural(_ x: Double) -> Double { log(x) }
@inlinable func cosine(_ x: Double) -> Double { cos(x) }
/// log(1 - x), accurate for small x.
@inlinable func log1pNegative(_ x: Double) -> Double { log1p(-x) }
/// e^x.
@inlinable public func exponential(_ x: Double) -> Double { exp(x) }
