import Foundation

/// Where tests write files: one root folder per test process in the system's temporary folder,
/// removed when the process exits, so that a test run leaves nothing behind (tests that fail
/// half-way included).
public enum ScratchSpace {
    /// This process's root (created on first use; its removal at exit is registered then).
    public static let root: String = {
        let path = rootPath()
        try? FileManager.default.removeItem(atPath: path)  // a previous process with the same id
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ScratchSpace.rootPath()) }
        return path
    }()

    private static func rootPath() -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("baton-tests-\(getpid())")
    }

    /// A fresh, empty folder named `name` under the root (emptied if it exists).
    public static func directory(_ name: String) throws -> String {
        let path = (root as NSString).appendingPathComponent(name)
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A fresh, empty folder whose name starts with `label` and is unique in the process.
    public static func uniqueDirectory(_ label: String) throws -> String {
        try directory("\(label)-\(UUID().uuidString)")
    }

    /// A path under the root for a file whose name starts with `label` and ends with `suffix`,
    /// unique in the process (the file is not created).
    public static func uniqueFile(_ label: String, suffix: String) -> String {
        (root as NSString).appendingPathComponent("\(label)-\(UUID().uuidString)\(suffix)")
    }
}
