/// How a user's value is shown inside an error message: its one home.
///
/// A value is echoed on one line (line breaks, tabs and other control characters escaped as
/// `\n`, `\r`, `\t`, `\u{..}`) and at most `echoLimit` characters long; a longer one shows its
/// start and its length ("abc... (10485760 characters)"), so a 10 MB field gives a short message.
extension InputError {
    /// Characters of a value shown in a message.
    public static let echoLimit = 60

    /// `value` escaped and truncated for a message (without quotes).
    public static func echo(_ value: some StringProtocol, limit: Int = echoLimit) -> String {
        var text = ""
        var total = 0
        for character in value {
            if total < limit { text += escaped(character) }
            total += 1
        }
        return total > limit ? text + "... (\(total) characters)" : text
    }

    /// `text` cut at `limit` characters, with its length, but not escaped.
    static func bounded(_ text: String, limit: Int = 4000) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "... (\(text.count) characters)"
    }

    /// The whole text with control characters escaped (no truncation), for paths and field names.
    public static func singleLine(_ value: some StringProtocol) -> String {
        value.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true })
            ? value.map(escaped).joined() : String(value)
    }

    private static func escaped(_ character: Character) -> String {
        switch character {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\r\n": return "\\r\\n"
        case "\t": return "\\t"
        default:
            if let ascii = character.asciiValue, ascii < 32 || ascii == 127 {
                return "\\u{" + String(ascii, radix: 16) + "}"
            }
            if character.isNewline {  // U+2028 and friends
                return character.unicodeScalars.map { "\\u{" + String($0.value, radix: 16) + "}" }.joined()
            }
            return String(character)
        }
    }
}
