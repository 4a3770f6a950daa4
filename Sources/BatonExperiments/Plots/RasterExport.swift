import BatonCore
import Foundation

/// PDF (for LaTeX) and PNG copies of an SVG figure, made by `rsvg-convert` when it is installed
/// (Baton draws SVG itself and adds no dependency for raster output). Both are deterministic: the
/// PDF's creation date is fixed by `SOURCE_DATE_EPOCH=0`.
public enum RasterExport {
    /// The converter, and the package that provides it on Debian and Ubuntu.
    public static let tool = "rsvg-convert"
    public static let package = "librsvg2-bin"
    /// What to tell a user when the converter is missing.
    public static let missingMessage = "note: PDF and PNG copies were not written: \(tool) is not installed "
        + "(Debian/Ubuntu: apt-get install \(package); macOS: brew install librsvg)"

    /// The converter's path on PATH, or nil.
    public static var toolPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + tool
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes `<stem>.pdf` and `<stem>.png` (at twice the SVG's pixel size) beside `svgPath`.
    /// - Returns: the paths written; empty when the converter is not installed.
    /// - Throws: `InputError` (.file) when the converter fails.
    @discardableResult
    public static func write(svgPath: String) throws -> [String] {
        guard let converter = toolPath else { return [] }
        let stem = svgPath.hasSuffix(".svg") ? String(svgPath.dropLast(4)) : svgPath
        var written: [String] = []
        for (format, suffix, extra) in [("pdf", ".pdf", [String]()), ("png", ".png", ["--zoom", "2"])] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: converter)
            process.arguments = ["--format", format] + extra + ["--output", stem + suffix, svgPath]
            // A fixed creation date keeps the PDF byte-identical across runs (cairo reads it).
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = "0"
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            do { try process.run() } catch {
                throw InputError(.file, file: svgPath, "cannot run \(tool): \(error.localizedDescription)")
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw InputError(.file, file: svgPath, "\(tool) failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            written.append(stem + suffix)
        }
        return written
    }
}
