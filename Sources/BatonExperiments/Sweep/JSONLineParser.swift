import BatonCore

/// Parses one flat JSON object (a line of a JSON-lines results file) into ordered fields.
///
/// Values may be strings, numbers, booleans or null (nested arrays and objects are rejected).
/// Numbers without a fraction or exponent that fit an `Int` become `.int`, other numbers
/// `.double`; null becomes `.double(.nan)` (what `ResultValue.json` writes for non-finite values);
/// booleans become the text "true" / "false". Key order is kept.
public struct JSONLineParser {
    /// The line's bytes (valid for the parse only: every entry point parses inside the scope that
    /// owns them, so no line is copied).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    /// A description of what is wrong with the line, with the byte column.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var column: Int
        public var message: String
        public var description: String { "column \(column): \(message)" }
    }

    /// A field's key as the line spells it: its bytes when it holds no escape (compared without
    /// making a string), else its decoded text.
    public enum Key {
        case bytes(UnsafeBufferPointer<UInt8>)
        case text(String)

        /// The key as text.
        public var string: String {
            switch self {
            case .bytes(let raw): String(decoding: raw, as: UTF8.self)
            case .text(let text): text
            }
        }

        /// Whether the key is `utf8` (a column name's UTF-8 bytes).
        @inline(__always)
        public func equals(_ utf8: [UInt8]) -> Bool {
            switch self {
            case .bytes(let raw): raw.elementsEqual(utf8)
            case .text(let text): text.utf8.elementsEqual(utf8)
            }
        }
    }

    private init(_ line: UnsafeBufferPointer<UInt8>) { bytes = line }

    /// Calls `body` with each line of JSON-lines text (UTF-8 bytes) as the readers of result files
    /// see it: split on LF (a CR before it is space to the parser; a final LF ends the text), with
    /// its byte range, its 1-based number, whether it is blank (spaces, tabs and CRs only) and
    /// whether it is the last (no LF after it: possibly the remains of an interrupted write).
    /// `body` returns false to stop. The one splitting rule of `ResultFileReader` and
    /// `SweepResultsFile`.
    public static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>,
                                   _ body: (_ range: Range<Int>, _ number: Int, _ isBlank: Bool, _ isLast: Bool) throws -> Bool) rethrows {
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            let isBlank = bytes[start..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard try body(start..<end, number, isBlank, newline == nil) else { return }
            start = end + 1
        }
    }

    /// Calls `field(position, key, value)` for each field of the object on this line (its UTF-8
    /// bytes), in order; the key is valid during the call only.
    public static func forEachField(bytes line: UnsafeBufferPointer<UInt8>,
                                    _ field: (_ position: Int, _ key: Key, _ value: ResultValue) -> Void) throws(Failure) {
        var parser = JSONLineParser(line)
        try parser.object(field)
    }

    /// The fields of the object on this line, given as its UTF-8 bytes.
    public static func parse(bytes line: UnsafeBufferPointer<UInt8>) throws(Failure) -> [(String, ResultValue)] {
        var fields: [(String, ResultValue)] = []
        try forEachField(bytes: line) { _, key, value in fields.append((key.string, value)) }
        return fields
    }

    /// The fields of the object on this line.
    public static func parse(_ line: Substring) throws(Failure) -> [(String, ResultValue)] {
        try parse(String(line))
    }

    /// The fields of the object on this line.
    public static func parse(_ line: String) throws(Failure) -> [(String, ResultValue)] {
        var line = line
        let result: Result<[(String, ResultValue)], Failure> = line.withUTF8 { bytes in
            do throws(Failure) { return .success(try parse(bytes: bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private mutating func object(_ field: (Int, Key, ResultValue) -> Void) throws(Failure) {
        skipSpace()
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            var count = 0
            while true {
                skipSpace()
                let key = try keyToken()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                field(count, key, try value())
                count += 1
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        skipSpace()
        if position < bytes.count { throw fail("unexpected text after the object") }
    }

    /// A key: its bytes in place when no escape follows the opening quote before the closing one,
    /// else decoded as any string.
    private mutating func keyToken() throws(Failure) -> Key {
        let opening = position
        try expect(UInt8(ascii: "\""))
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
        if peek() == UInt8(ascii: "\"") {
            position += 1
            return .bytes(UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]))
        }
        position = opening
        return .text(try string())
    }

    private mutating func value() throws(Failure) -> ResultValue {
        guard let byte = peek() else { throw fail("missing value") }
        switch byte {
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "t"): try literal("true"); return .text("true")
        case UInt8(ascii: "f"): try literal("false"); return .text("false")
        case UInt8(ascii: "n"): try literal("null"); return .double(.nan)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "["), UInt8(ascii: "{"): throw fail("nested arrays and objects are not supported")
        default: throw fail("unexpected character")
        }
    }

    private mutating func number() throws(Failure) -> ResultValue {
        let start = position
        var isInteger = true
        scan: while let byte = peek() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): position += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): isInteger = false; position += 1
            default: break scan
            }
        }
        // Read from the bytes (`DecimalParser` gives `Int(String)`'s and `Double(String)`'s results).
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = DecimalParser.int(digits) { return .int(integer) }
        let real = DecimalParser.double(digits)
        guard let real else {
            throw fail("'\(InputError.echo(String(decoding: digits, as: UTF8.self)))' is not a number")
        }
        return .double(real)
    }

    private mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        // Without an escape (the usual case) the string is its bytes, decoded once.
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
        if peek() == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        var run = start
        func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                flush(position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte != UInt8(ascii: "\\") { position += 1; continue }
            flush(position)
            position += 1
            guard let escaped = peek() else { throw fail("unterminated escape") }
            position += 1
            switch escaped {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate")
                    }
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                scalars.append(scalar)
            default: throw fail("invalid escape")
            }
            run = position
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw fail("invalid \\u escape")
        }
        position += 4
        return value
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard peek() == byte else { throw fail("invalid literal") }
            position += 1
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek() == byte else {
            throw fail(position < bytes.count ? "expected '\(Character(Unicode.Scalar(byte)))'" : "line ends early")
        }
        position += 1
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { position += 1 }
    }

    private func fail(_ message: String) -> Failure { Failure(column: position + 1, message: message) }
}
