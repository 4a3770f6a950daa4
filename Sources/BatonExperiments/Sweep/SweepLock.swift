import BatonCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock on a sweep's output folder, so that two runs (a Kubernetes or Slurm task restarted
/// while the first still runs, or a command typed twice) never append to one results file.
///
/// The lock is the file `DIR/.baton.lock`, created exclusively (`O_CREAT | O_EXCL`), holding one
/// line: `pid <pid> host <host> since <ISO time>`. It is removed when the run ends (also on
/// failure). A run that finds it stops with exit 64 and names the holder. A stale lock (its holder
/// was killed) is taken over automatically when the holder ran on this host and its process no
/// longer exists; a lock from another host is never taken over: delete the file by hand once
/// that run is known to be gone (docs/sweeps.md).
public final class SweepLock {
    /// The lock file's name inside the output folder (hidden: reports and merges skip it).
    public static let fileName = ".baton.lock"

    public let path: String
    private var held = true

    private init(path: String) { self.path = path }

    /// Takes the lock of `directory` (which must exist).
    /// - Throws: `InputError` (.flag, field `field`) naming the holder when another run holds it.
    public static func acquire(directory: String, field: String = "--out") throws -> SweepLock {
        let path = joinPath(directory, fileName)
        let record = "pid \(getpid()) host \(hostName) since \(ISO8601DateFormatter().string(from: Date()))\n"
        for _ in 0..<3 {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                let bytes = Array(record.utf8)
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                let closed = close(descriptor)
                guard written == bytes.count, closed == 0 else {
                    unlink(path)
                    throw InputError(.flag, file: path, field: field, "cannot write the lock file (\(String(cString: strerror(errno))))")
                }
                return SweepLock(path: path)
            }
            guard errno == EEXIST else {
                throw InputError(.flag, file: path, field: field, "cannot create the lock file (\(String(cString: strerror(errno))))")
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if isStale(holder) {
                unlink(path)  // its process is gone: take over (the loop retries the exclusive create)
                continue
            }
            throw InputError(.flag, file: directory, field: field,
                             "the output folder is in use by another run (\(holder.isEmpty ? "holder unknown" : InputError.echo(holder, limit: 200)))",
                             hint: "wait for that run to end; if it is gone (e.g. it ran on another machine), delete \(path)")
        }
        throw InputError(.flag, file: path, field: field, "cannot take the lock: it keeps reappearing")
    }

    /// Removes the lock (idempotent; also called on deinit).
    public func release() {
        guard held else { return }
        held = false
        unlink(path)
    }

    deinit { release() }

    /// Whether a lock record names a process of this host that no longer exists.
    static func isStale(_ record: String) -> Bool {
        let words = record.split(separator: " ").map(String.init)
        guard words.count >= 4, words[0] == "pid", let pid = Int32(words[1]), words[2] == "host", words[3] == hostName else {
            return false
        }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
