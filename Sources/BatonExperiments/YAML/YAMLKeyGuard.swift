import BatonCore

/// Rejects YAML whose mapping keys are not plain scalars, before Yams composes it.
///
/// Yams checks every mapping for duplicate keys by hashing the key nodes; a key that is an alias
/// of a collection (or a collection holding such aliases) is hashed in its expanded form, so a
/// file under 1 KB whose anchors are nested as keys took time growing about tenfold per level
/// (minutes at nine levels). Baton's configurations and sweep files only use plain names as keys,
/// so the guard refuses, with the file, line and column:
/// - an alias used as a key (`*name :`, block or flow);
/// - an explicit key (`? key`), the only way to write a multi-line or collection key in a block;
/// - a flow collection used as a key (`[a, b]: x`, `{a: 1}: x`).
/// Aliases elsewhere (as values) are left to the parsers, which read a fixed schema and so never
/// expand them beyond what the schema allows (plain alias bombs are rejected there).
///
/// The scan is lexical and linear in the text: it skips comments, quoted scalars and block
/// scalars (`|`, `>`), and treats an indicator as one only at the start of a token, as YAML does.
public enum YAMLKeyGuard {
    /// Throws an `InputError` of kind `.config` for the first non-plain key, naming `file`, the
    /// line and the column.
    public static func check(_ text: String, file: String?) throws {
        let bytes = Array(text.utf8)
        var i = 0
        var line = 1, lineStart = 0
        var tokenStart = true            // the previous byte ends a token (start, space, flow indicator)
        var blockIndent: Int?            // inside a block scalar: its parent line's indentation
        var lineIndent = 0               // indentation of the current line
        var atLineStart = true
        var keyPosition = true           // a key may start here (line start, after '- ', '{', '[', ',')

        func fail(_ what: String, at position: Int) -> InputError {
            InputError(.config, file: file, line: line,
                       "\(what) at column \(position - lineStart + 1): keys must be plain names",
                       hint: "write the key out as a plain name (anchors and aliases may be used as values)")
        }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
        func isBreak(_ b: UInt8) -> Bool { b == 10 || b == 13 }
        func isAnchorChar(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b >= 128
        }
        /// The next byte after spaces and tabs (same line), if it is a ':' followed by a space,
        /// a line break, the end or a flow indicator: a key's colon.
        func colonFollows(_ from: Int) -> Bool {
            var j = from
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == 58 else { return false }  // ':'
            let next = j + 1 < bytes.count ? bytes[j + 1] : 32
            return isSpace(next) || isBreak(next) || next == 44 || next == 93 || next == 125
        }

        while i < bytes.count {
            let b = bytes[i]
            if isBreak(b) {
                if b == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
                i += 1
                line += 1
                lineStart = i
                atLineStart = true
                tokenStart = true
                continue
            }
            if atLineStart {
                // Measure indentation; leave a block scalar when a non-blank line is not deeper.
                var j = i
                while j < bytes.count, bytes[j] == 32 { j += 1 }
                let blank = j >= bytes.count || isBreak(bytes[j])
                if let parent = blockIndent, !blank, j - i <= parent { blockIndent = nil }
                if blockIndent != nil || blank {
                    while i < bytes.count, !isBreak(bytes[i]) { i += 1 }
                    continue
                }
                lineIndent = j - i
                atLineStart = false
                i = j
                tokenStart = true
                keyPosition = true
                continue
            }
            if isSpace(b) { tokenStart = true; i += 1; continue }
            if tokenStart, b == 45, i + 1 >= bytes.count || isSpace(bytes[i + 1]) || isBreak(bytes[i + 1]) {
                i += 1  // '- ': a block sequence entry; a key may follow
                keyPosition = true
                continue
            }
            if b == 35, tokenStart {  // '#': a comment to the end of the line
                while i < bytes.count, !isBreak(bytes[i]) { i += 1 }
                continue
            }
            if tokenStart, b == 39 || b == 34 {  // a quoted scalar: skip it (it may span lines)
                i += 1
                while i < bytes.count {
                    let c = bytes[i]
                    if isBreak(c) {
                        if c == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
                        line += 1
                        lineStart = i + 1
                    } else if b == 34, c == 92 {  // backslash escape in double quotes
                        i += 1
                    } else if c == b {
                        if b == 39, i + 1 < bytes.count, bytes[i + 1] == 39 { i += 2; continue }  // '' in single quotes
                        break
                    }
                    i += 1
                }
                i += 1
                tokenStart = false
                keyPosition = false
                continue
            }
            if tokenStart, b == 124 || b == 62 {  // '|' or '>': a block scalar starts on the next line
                var j = i + 1
                while j < bytes.count, !isSpace(bytes[j]), !isBreak(bytes[j]) { j += 1 }
                var k = j
                while k < bytes.count, isSpace(bytes[k]) { k += 1 }
                if k >= bytes.count || isBreak(bytes[k]) || bytes[k] == 35 {
                    blockIndent = lineIndent
                    while i < bytes.count, !isBreak(bytes[i]) { i += 1 }
                    continue
                }
            }
            if tokenStart, b == 42 {  // '*': an alias
                var j = i + 1
                while j < bytes.count, isAnchorChar(bytes[j]) { j += 1 }
                if colonFollows(j) { throw fail("an alias used as a mapping key", at: i) }
                i = j
                tokenStart = false
                keyPosition = false
                continue
            }
            if tokenStart, keyPosition, b == 63 {  // '?': an explicit key when followed by a space or a break
                let next = i + 1 < bytes.count ? bytes[i + 1] : 32
                if isSpace(next) || isBreak(next) { throw fail("an explicit ('? ') key", at: i) }
            }
            if b == 93 || b == 125 {  // ']' or '}': a flow collection used as a key?
                if colonFollows(i + 1) { throw fail("a flow collection used as a mapping key", at: i) }
                i += 1
                tokenStart = true
                keyPosition = false
                continue
            }
            if b == 91 || b == 123 || b == 44 {  // '[', '{', ',': the next byte starts a token
                i += 1
                tokenStart = true
                keyPosition = true
                continue
            }
            tokenStart = false
            keyPosition = false
            i += 1
        }
    }
}
