import BatonCore
import Foundation

extension ResultFileReader {
    /// The first rows of a results file and how many rows it has, read as a stream: memory holds
    /// the first `maxRows` rows and one chunk of the file, whatever its size, and the rest is only
    /// counted (one line per row; blank lines are not rows). For showing a bounded part of a file
    /// of any size (`baton report`).
    public struct Prefix: Sendable {
        /// The first rows (at most `maxRows`).
        public var table: ResultTable
        /// Rows in the whole file.
        public var totalRows: Int
    }

    /// Reads at most `maxRows` rows of `path` (CSV with a header, or JSON lines, as `read(path:)`)
    /// and counts the rest.
    /// - Throws: `InputError` (.file) naming the file (and line) when it cannot be read or a shown
    ///   row is malformed.
    public static func readPrefix(path: String, maxRows: Int) throws -> Prefix {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(.file, file: path, "cannot read file (missing or unreadable)")
        }
        defer { try? handle.close() }
        let lower = path.lowercased()
        var head: [UInt8] = []
        var headLines = 0          // complete non-blank lines kept in `head`
        var counted = 0            // non-blank lines after `head`
        var wanted: Int?           // lines to keep: rows (+ 1 header line for CSV), once the format is known
        var lineHasText = false
        var keeping = true
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw InputError(.file, file: path, "cannot read file: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            for byte in chunk {
                if keeping { head.append(byte) }
                if byte == 0x0A {
                    if lineHasText {
                        if keeping { headLines += 1 } else { counted += 1 }
                    }
                    lineHasText = false
                    if keeping {
                        if wanted == nil {
                            let isJSON = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json")
                                || (!lower.hasSuffix(".csv") && head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) == UInt8(ascii: "{"))
                            wanted = isJSON ? maxRows : maxRows + 1
                        }
                        if let wanted, headLines >= wanted { keeping = false }
                    }
                } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                    lineHasText = true
                }
            }
        }
        if lineHasText { if keeping { headLines += 1 } else { counted += 1 } }
        guard let text = String(bytes: head, encoding: .utf8) else {
            throw InputError(.file, file: path, "file is not valid UTF-8 text")
        }
        let isJSON = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json")
            || (!lower.hasSuffix(".csv") && text.drop { $0 == " " || $0 == "\n" || $0 == "\u{FEFF}" }.first == "{")
        let table = isJSON ? try jsonLines(text: text, source: path) : try csv(text: text, source: path)
        let shownLines = isJSON ? headLines : max(0, headLines - 1)
        return Prefix(table: table, totalRows: shownLines + counted)
    }
}
