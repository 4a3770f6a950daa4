import Foundation

/// A thread-safe memo of values by key, for data that is expensive to build and never changes
/// within a process (parsed resources, loaded workloads). The value is built outside the lock; if
/// two threads build the same key at once, the first stored value wins and both return it.
public final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    public init() {}

    /// The value for `key`, built with `make` on first use.
    public func value(for key: Key, make: () throws -> Value) rethrows -> Value {
        lock.lock()
        if let cached = values[key] { lock.unlock(); return cached }
        lock.unlock()
        let made = try make()
        lock.lock()
        defer { lock.unlock() }
        if let stored = values[key] { return stored }
        values[key] = made
        return made
    }
}
