/// Locates the first syntax error of a JSON document: line, column (1-based, in bytes) and cause.
///
/// Foundation's parser reports only "The data is not in the correct format."; readers call this
/// when it fails, to name the place. Linear in the size of the text, iterative (deep nesting
/// cannot overflow the stack), allocation-free apart from the container stack.
public enum JSONSyntax {
    /// Where and why a document is not JSON.
    public struct Failure: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var cause: String
    }

    /// The first syntax error of `bytes`, or nil if they are one valid JSON value.
    public static func firstError(in bytes: some Collection<UInt8>) -> Failure? {
        var scanner = Scanner(bytes: Array(bytes))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func fail(_ cause: String) -> Failure {
            Failure(line: line, column: i - lineStart + 1, cause: cause)
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 10: i += 1; line += 1; lineStart = i
                case 32, 9, 13: i += 1
                default: return
                }
            }
        }

        func describe(_ byte: UInt8?) -> String {
            guard let byte else { return "the end of the file" }
            if byte >= 32 && byte < 127 { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x" + String(byte, radix: 16)
        }

        /// Containers: true for an object, false for an array.
        mutating func run() -> Failure? {
            var stack: [Bool] = []
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
            skipSpace()
            while true {
                // A value.
                guard i < bytes.count else { return fail("expected a value, found the end of the file") }
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "{"):
                    i += 1; skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; break }
                    stack.append(true)
                    if let failure = key() { return failure }
                    continue
                case UInt8(ascii: "["):
                    i += 1; skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; break }
                    stack.append(false)
                    continue
                case UInt8(ascii: "\""):
                    if let failure = string() { return failure }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let failure = number() { return failure }
                case UInt8(ascii: "t"): if let failure = literal("true") { return failure }
                case UInt8(ascii: "f"): if let failure = literal("false") { return failure }
                case UInt8(ascii: "n"): if let failure = literal("null") { return failure }
                default: return fail("expected a value, found \(describe(byte))")
                }
                // After a value: close containers or move to the next element.
                while true {
                    skipSpace()
                    guard let isObject = stack.last else {
                        return i < bytes.count ? fail("unexpected \(describe(bytes[i])) after the JSON value") : nil
                    }
                    guard i < bytes.count else {
                        return fail("unexpected end of the file inside an \(isObject ? "object" : "array")")
                    }
                    let next = bytes[i]
                    if next == UInt8(ascii: ",") {
                        i += 1; skipSpace()
                        if isObject, let failure = key() { return failure }
                        break
                    }
                    if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        stack.removeLast()
                        continue
                    }
                    return fail("expected ',' or '\(isObject ? "}" : "]")', found \(describe(next))")
                }
            }
        }

        /// An object key and its colon.
        mutating func key() -> Failure? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                return fail("expected a key in double quotes, found \(describe(i < bytes.count ? bytes[i] : nil))")
            }
            if let failure = string() { return failure }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                return fail("expected ':' after the key, found \(describe(i < bytes.count ? bytes[i] : nil))")
            }
            i += 1; skipSpace()
            return nil
        }

        mutating func string() -> Failure? {
            i += 1
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { i += 1; return nil }
                if byte < 32 { return fail(byte == 10 ? "line break inside a string" : "control character inside a string") }
                if byte == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count else { break }
                    let escape = bytes[i + 1]
                    if escape == UInt8(ascii: "u") {
                        let digits = bytes[min(i + 2, bytes.count)..<min(i + 6, bytes.count)]
                        guard digits.count == 4, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else {
                            i += 1
                            return fail("\\u needs four hexadecimal digits")
                        }
                        i += 6
                        continue
                    }
                    guard "\"\\/bfnrt".utf8.contains(escape) else { i += 1; return fail("invalid escape \\\(describe(escape))") }
                    i += 2
                    continue
                }
                i += 1
            }
            return fail("unterminated string")
        }

        mutating func number() -> Failure? {
            let digit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, digit(bytes[i]) else { return fail("expected a digit") }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, digit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, digit(bytes[i]) else { return fail("expected a digit after '.'") }
                while i < bytes.count, digit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, digit(bytes[i]) else { return fail("expected a digit in the exponent") }
                while i < bytes.count, digit(bytes[i]) { i += 1 }
            }
            return nil
        }

        mutating func literal(_ word: String) -> Failure? {
            let expected = Array(word.utf8)
            guard bytes.count - i >= expected.count, Array(bytes[i..<i + expected.count]) == expected else {
                return fail("expected a value, found \(describe(bytes[i]))")
            }
            i += expected.count
            return nil
        }
    }
}
