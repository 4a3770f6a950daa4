import Foundation

/// A CSV file (or text) read one record at a time, in chunks, with file, line and field named in
/// every error. Memory holds one chunk (1 MiB, more only for a longer record), never the file.
///
/// The dialect is RFC 4180 with the leniencies Baton has always accepted: records end with LF,
/// CRLF or a lone CR; a leading UTF-8 byte-order mark is skipped; spaces and tabs around a field
/// are trimmed; a field may be quoted (`"a,b"`, `""` for a quote, line breaks inside); blank lines
/// are skipped. Text must be UTF-8 (the first invalid line is named).
///
/// Usage: `try stream.readHeader(...)`, then `while try stream.next() { ... stream.double(...) }`.
/// Field accessors read the current record; they are valid until the next call to `next()`.
public final class CSVStream {
    /// Where the text comes from (a path, or a label for in-memory text); named in errors.
    public let source: String
    /// Column names of the header, trimmed (after `readHeader`).
    public private(set) var header: [String] = []
    /// The 1-based line on which the current record starts (the header is line 1).
    @exclusivity(unchecked) public private(set) var line = 0
    /// Number of data records read so far.
    @exclusivity(unchecked) public private(set) var recordCount = 0

    // The tokeniser's state is read and written for every field: `@exclusivity(unchecked)` spares
    // each access a run-time exclusivity check (the stream is used from one thread, and no access
    // to these properties overlaps another).
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// Unconsumed bytes are storage[start..<end].
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var endOfInput = false
    private var descriptor: Int32 = -1
    @exclusivity(unchecked) private var nextLine = 1
    @exclusivity(unchecked) private var atStart = true
    /// The current record's fields: start and end offsets into `storage`, `fields` of them
    /// (raw buffers: the tokeniser writes them without exclusivity checks or copies).
    @exclusivity(unchecked) private var fieldStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var fieldEnds: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var fieldCapacity = 16
    /// Number of fields of the current record.
    @exclusivity(unchecked) public private(set) var fieldCount = 0

    /// Bytes read at a time.
    public static let chunkBytes = 1 << 20

    /// Opens a file for reading, `chunkBytes` at a time (tests use tiny chunks to exercise records
    /// that straddle two reads).
    /// - Throws: `InputError` (kind `.file`) if it cannot be opened.
    public init(path: String, chunkBytes: Int = CSVStream.chunkBytes) throws {
        source = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(.file, file: path, "cannot read file (unreadable)") }
        descriptor = fd
        capacity = max(chunkBytes, 1)
        storage = .allocate(capacity: capacity)
        fieldStarts = .allocate(capacity: fieldCapacity)
        fieldEnds = .allocate(capacity: fieldCapacity)
    }

    /// Reads in-memory text; `source` labels it in errors.
    public init(text: String, source: String) {
        self.source = source
        var bytes = Array(text.utf8)
        capacity = max(bytes.count, 1)
        storage = .allocate(capacity: capacity)
        fieldStarts = .allocate(capacity: fieldCapacity)
        fieldEnds = .allocate(capacity: fieldCapacity)
        bytes.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { storage.update(from: base, count: buffer.count) }
        }
        end = bytes.count
        bytes.removeAll()
        endOfInput = true
    }

    deinit {
        storage.deallocate()
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        if descriptor >= 0 { close(descriptor) }
    }

    // MARK: Header

    /// Reads the header record and checks its columns (see `checkColumns`).
    /// - Parameter emptyHint: the hint for an empty file (by default, the required header).
    /// - Throws: `InputError` (kind `.file`): empty file, bad header, unreadable or non-UTF-8 text.
    public func readHeader(required: [String], optional: [String] = [], allowUnknownColumns: Bool = false,
                           emptyHint: String? = nil) throws {
        let hint = emptyHint ?? "expected a header line: \(required.joined(separator: ","))"
        try readLeadingComments()
        guard try readRecord(skippingBlank: false) else {
            throw InputError(.file, file: source, "file is empty", hint: hint)
        }
        if fieldCount == 1, fieldStarts[0] == fieldEnds[0], try !restHasContent() {
            throw InputError(.file, file: source, "file is empty", hint: hint)
        }
        header = (0..<fieldCount).map { text($0) }
        try preferringEncodingErrors {
            try checkColumns(required: required, optional: optional, allowUnknownColumns: allowUnknownColumns)
        }
    }

    /// Runs a header check; if it fails and the file is not UTF-8 text further on, the encoding
    /// error is thrown instead (a binary file is reported as such, not as a bad header).
    public func preferringEncodingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            while true {
                do {
                    guard try readRecord(skippingBlank: true) else { break }
                } catch let encoding as InputError where encoding.description.contains("not valid UTF-8") {
                    throw encoding
                } catch {
                    break  // another problem further on: the header's error stands
                }
            }
            throw error
        }
    }

    /// Checks the header: no empty or repeated name, every `required` column present, and no
    /// column outside `required + optional` unless `allowUnknownColumns`.
    public func checkColumns(required: [String], optional: [String] = [], allowUnknownColumns: Bool = false) throws {
        var seen = Set<String>()
        for name in header {
            if name.isEmpty { throw InputError(.file, file: source, line: 1, "header has an empty column name") }
            if !seen.insert(name).inserted {
                throw InputError(.file, file: source, line: 1, field: name, "column appears twice in the header")
            }
        }
        for name in required where !seen.contains(name) {
            throw InputError(.file, file: source, line: 1, field: name, "missing column",
                             hint: "expected header: \(required.joined(separator: ","))")
        }
        if !allowUnknownColumns {
            let known = Set(required + optional)
            for name in header where !known.contains(name) {
                throw InputError(.file, file: source, line: 1, field: name, "unexpected column",
                                 hint: "expected header: \(required.joined(separator: ","))")
            }
        }
    }

    /// Lines before the header that start with `#` (without their line ends): metadata such as a
    /// request table's provenance. They count as lines in error messages.
    public private(set) var leadingComments: [String] = []

    /// Reads the `#` lines at the start of the input into `leadingComments` and returns them
    /// (`readHeader` calls it; call it alone to read only a file's leading metadata).
    @discardableResult
    public func readLeadingComments() throws -> [String] {
        while true {
            try ensure(4)  // the byte-order mark and a '#'
            if atStart {
                if end - start >= 3, storage[start] == 0xEF, storage[start + 1] == 0xBB, storage[start + 2] == 0xBF { start += 3 }
                atStart = false
            }
            guard start < end, storage[start] == 0x23 else { return leadingComments }
            // The whole line must be buffered: read until a line end or the end of the input.
            var p = start
            while true {
                while p < end, storage[p] != Self.lineFeed, storage[p] != Self.carriageReturn { p += 1 }
                if p < end || endOfInput { break }
                let offset = p - start
                try refill()
                p = start + offset
            }
            let length = p - start
            let text = String(decoding: UnsafeBufferPointer(start: storage + start, count: length), as: UTF8.self)
            if p < end, storage[p] == Self.carriageReturn {
                try ensure(length + 2)
                p = start + length  // (refill may have moved the bytes)
                p += (p + 1 < end && storage[p + 1] == Self.lineFeed) ? 2 : 1
            } else if p < end {
                p += 1
            }
            leadingComments.append(text)
            nextLine += 1
            start = p
        }
    }

    /// The index of a header column, or nil.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    // MARK: Records

    /// Advances to the next data record (blank lines skipped); false at the end of the input.
    /// - Throws: `InputError` (kind `.file`) for a record whose field count differs from the
    ///   header's, bad quoting, non-UTF-8 text or a read error.
    public func next() throws -> Bool {
        guard try readRecord(skippingBlank: true) else { return false }
        guard fieldCount == header.count else {
            throw InputError(.file, file: source, line: line,
                             "expected \(header.count) fields, found \(fieldCount)")
        }
        recordCount += 1
        return true
    }

    /// Calls `body` with the bytes of field `index` of the current record.
    @inline(__always)
    public func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage + fieldStarts[index], count: fieldEnds[index] - fieldStarts[index]))
    }

    /// The text of field `index` of the current record.
    public func text(_ index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// A finite number in field `index` (column `name`), within `range` if given.
    public func double(_ index: Int, _ name: String, in range: ClosedRange<Double>? = nil,
                       requirement: String? = nil) throws -> Double {
        guard let value = withBytes(index, { DecimalParser.double($0) }) else {
            throw error(name, "'\(InputError.echo(text(index)))' is not a number")
        }
        guard value.isFinite else { throw error(name, "value \(InputError.echo(text(index))) is not finite") }
        if let range, !range.contains(value) {
            throw error(name, "value \(InputError.echo(text(index))) is out of range: \(requirement ?? "expected \(range)")")
        }
        return value
    }

    /// A whole number in field `index` (column `name`), within `range` if given. A number written
    /// with a zero fraction (`3.0`, from numeric tools) is accepted.
    public func int(_ index: Int, _ name: String, in range: ClosedRange<Int>? = nil) throws -> Int {
        var value = withBytes(index) { DecimalParser.int($0) }
        if value == nil, let asDouble = withBytes(index, { DecimalParser.double($0) }),
           asDouble.rounded() == asDouble, abs(asDouble) < 1e15 {
            value = Int(asDouble)
        }
        guard let value else { throw error(name, "'\(InputError.echo(text(index)))' is not a whole number") }
        if let range, !range.contains(value) {
            throw error(name, range.upperBound == Int.max
                        ? "value \(value) is out of range (expected >= \(range.lowerBound))"
                        : "value \(value) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The text of field `index` (column `name`), which must not be empty.
    public func string(_ index: Int, _ name: String) throws -> String {
        guard fieldEnds[index] > fieldStarts[index] else { throw error(name, "value is empty") }
        return text(index)
    }

    /// An error located at the current record and `field`.
    public func error(_ field: String?, _ message: String, hint: String? = nil) -> InputError {
        InputError(.file, file: source, line: line, field: field, message, hint: hint)
    }

    // MARK: Tokenising

    private static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lineFeed: UInt8 = 0x0A,
                       carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09

    private static let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C, lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A,
                       carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// The high bit of each byte of `word` that is zero is set (exact for the lowest zero byte,
    /// which is all the tokeniser uses).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Whether anything but blank space follows (used to tell an empty file from a blank header).
    private func restHasContent() throws -> Bool {
        while true {
            var p = start
            while p < end {
                let b = storage[p]
                if b != Self.space, b != Self.tab, b != Self.lineFeed, b != Self.carriageReturn { return true }
                p += 1
            }
            if endOfInput { return false }
            start = p
            try refill()
        }
    }

    /// Reads the next record into `fieldStarts`/`fieldEnds`; false at the end of the input.
    private func readRecord(skippingBlank: Bool) throws -> Bool {
        while true {
            if atStart {
                try ensure(3)
                if end - start >= 3, storage[start] == 0xEF, storage[start + 1] == 0xBB, storage[start + 2] == 0xBF {
                    start += 3
                }
                atStart = false
            }
            if start == end {
                if endOfInput { return false }
                try refill()
                continue
            }
            guard let outcome = try tokenise() else {
                // The record runs past the buffered bytes: read more and start it again.
                try refill()
                continue
            }
            line = nextLine
            nextLine += outcome.lineBreaks
            start = outcome.next
            if outcome.nonASCII { try validateUTF8(from: outcome.first, to: outcome.next) }
            if skippingBlank, fieldCount == 1, fieldStarts[0] == fieldEnds[0] { continue }
            if outcome.escapedQuotes { unescapeQuotedFields() }
            return true
        }
    }

    private struct Tokenised {
        var first: Int
        var next: Int
        var lineBreaks: Int
        var nonASCII: Bool
        var escapedQuotes: Bool
    }

    /// Splits the record at `start` into fields; nil if it is not complete in the buffer (and more
    /// input may come).
    private func tokenise() throws -> Tokenised? {
        var count = 0
        defer { fieldCount = count }
        let bytes = storage
        let limit = end
        var p = start
        var lineBreaks = 0
        var high: UInt8 = 0
        var escaped = false
        while true {
            while p < limit, bytes[p] == Self.space || bytes[p] == Self.tab { p += 1 }
            if p < limit, bytes[p] == Self.quote {
                // Quoted field: up to the closing quote; "" is a quote; line breaks are content.
                p += 1
                let fieldStart = p
                var closed = false
                while p < limit {
                    let b = bytes[p]
                    high |= b
                    if b == Self.quote {
                        if p + 1 < limit, bytes[p + 1] == Self.quote { escaped = true; p += 2; continue }
                        if p + 1 == limit, !endOfInput { return nil }
                        closed = true
                        break
                    }
                    if b == Self.lineFeed || (b == Self.carriageReturn && (p + 1 >= limit || bytes[p + 1] != Self.lineFeed)) {
                        lineBreaks += 1
                    }
                    p += 1
                }
                guard closed else {
                    if !endOfInput { return nil }
                    throw InputError(.file, file: source, line: nextLine, "cannot parse CSV: a quoted field is not closed")
                }
                if count == fieldCapacity { growFields() }
                fieldStarts[count] = fieldStart
                fieldEnds[count] = p
                count += 1
                p += 1
                while p < limit, bytes[p] == Self.space || bytes[p] == Self.tab { p += 1 }
                if p < limit, bytes[p] != Self.comma, bytes[p] != Self.lineFeed, bytes[p] != Self.carriageReturn {
                    throw InputError(.file, file: source, line: nextLine + lineBreaks,
                                     "cannot parse CSV: unexpected text after a quoted field")
                }
            } else {
                let fieldStart = p
                // Eight bytes at a time while no delimiter is among them (SWAR), then byte by byte.
                while p + 8 <= limit {
                    let word = UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt64.self)
                    let delimiters = Self.zeroBytes(word ^ Self.commas) | Self.zeroBytes(word ^ Self.lineFeeds)
                        | Self.zeroBytes(word ^ Self.carriageReturns)
                    if word & 0x8080_8080_8080_8080 != 0 { high |= 0x80 }
                    if delimiters != 0 {
                        p += delimiters.trailingZeroBitCount >> 3
                        break
                    }
                    p += 8
                }
                while p < limit {
                    let b = bytes[p]
                    if b == Self.comma || b == Self.lineFeed || b == Self.carriageReturn { break }
                    high |= b
                    p += 1
                }
                var fieldEnd = p
                while fieldEnd > fieldStart, bytes[fieldEnd - 1] == Self.space || bytes[fieldEnd - 1] == Self.tab { fieldEnd -= 1 }
                if count == fieldCapacity { growFields() }
                fieldStarts[count] = fieldStart
                fieldEnds[count] = fieldEnd
                count += 1
            }
            if p == limit {
                if !endOfInput { return nil }
                return Tokenised(first: start, next: p, lineBreaks: lineBreaks + 1, nonASCII: high >= 0x80, escapedQuotes: escaped)
            }
            let b = bytes[p]
            if b == Self.comma { p += 1; continue }
            // Line end: LF, CR or CRLF (a CR at the buffer's end may be half of a CRLF).
            if b == Self.carriageReturn {
                if p + 1 == limit, !endOfInput { return nil }
                p += (p + 1 < limit && bytes[p + 1] == Self.lineFeed) ? 2 : 1
            } else {
                p += 1
            }
            return Tokenised(first: start, next: p, lineBreaks: lineBreaks + 1, nonASCII: high >= 0x80, escapedQuotes: escaped)
        }
    }

    /// Turns `""` into `"` inside quoted fields of the current record, in place.
    private func unescapeQuotedFields() {
        for i in 0..<fieldCount {
            var read = fieldStarts[i]
            var write = read
            let stop = fieldEnds[i]
            while read < stop {
                storage[write] = storage[read]
                read += (storage[read] == Self.quote && read + 1 < stop && storage[read + 1] == Self.quote) ? 2 : 1
                write += 1
            }
            fieldEnds[i] = write
        }
    }

    private func growFields() {
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
        starts.update(from: fieldStarts, count: fieldCapacity)
        ends.update(from: fieldEnds, count: fieldCapacity)
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        fieldStarts = starts
        fieldEnds = ends
        fieldCapacity *= 2
    }

    private func validateUTF8(from first: Int, to next: Int) throws {
        let bytes = UnsafeBufferPointer(start: storage + first, count: next - first)
        if String(validating: bytes, as: UTF8.self) == nil {
            throw InputError(.file, file: source, line: line, "line is not valid UTF-8 text", hint: "save the file as UTF-8")
        }
    }

    // MARK: Reading

    /// Makes at least `count` bytes available if the input has them.
    private func ensure(_ count: Int) throws {
        while end - start < count, !endOfInput { try refill() }
    }

    /// Moves the unconsumed bytes to the front (growing the buffer when a record fills it) and
    /// reads more.
    private func refill() throws {
        guard !endOfInput else { return }
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { (storage).update(from: storage + start, count: remaining) }
            start = 0
            end = remaining
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: storage, count: end)
            storage.deallocate()
            storage = grown
            capacity *= 2
        }
        let count = read(descriptor, storage + end, capacity - end)
        if count < 0 {
            throw InputError(.file, file: source, "cannot read file (read error \(errno))")
        }
        if count == 0 { endOfInput = true } else { end += count }
    }
}
