#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock measurement for benchmarks (never used by simulations, which are deterministic).
public enum MonotonicClock {
    /// Nanoseconds from an arbitrary fixed origin.
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// CPU time this thread has used, in nanoseconds (unaffected by other processes on a busy
    /// machine, unlike wall time).
    @inline(__always)
    public static func threadCPUNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Wall seconds and this thread's CPU seconds taken by `body`.
    public static func measureWithCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let start = nanoseconds()
        let cpuStart = threadCPUNanoseconds()
        try body()
        return (Double(nanoseconds() - start) * 1e-9, Double(threadCPUNanoseconds() - cpuStart) * 1e-9)
    }

    /// Seconds taken by `body`.
    public static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = nanoseconds()
        try body()
        return Double(nanoseconds() - start) * 1e-9
    }
}

/// Peak resident memory of this process, from the operating system.
public enum PeakMemory {
    /// Maximum resident set size so far, in bytes (Linux reports kilobytes).
    public static func residentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        return Int(usage.ru_maxrss) * 1024
        #else
        return Int(usage.ru_maxrss)
        #endif
    }
}
