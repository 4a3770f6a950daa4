@testable import BatonCore
import Testing

/// Messages name a place and stay readable (issue 12, class 9).
@Suite("Error messages")
struct MessageTests {
    /// Echoed values: control characters escaped, long values cut with their length.
    @Test func echoEscapesAndTruncates() {
        #expect(InputError.echo("abc") == "abc")
        #expect(InputError.echo("a\nb\tc\r\n\u{7}") == "a\\nb\\tc\\r\\n\\u{7}")
        #expect(InputError.echo(String(repeating: "x", count: 61)) == String(repeating: "x", count: 60) + "... (61 characters)")
        #expect(InputError.echo(String(repeating: "y", count: 60)) == String(repeating: "y", count: 60))
        #expect(InputError.echo("a\u{2028}b") == "a\\u{2028}b")
    }

    /// The description keeps a file or field on one line and bounds a huge message.
    @Test func descriptionIsBounded() {
        let error = InputError(.file, file: "a\nb.csv", line: 2, field: "f\nx", String(repeating: "m", count: 5000))
        let text = error.description
        #expect(text.hasPrefix("error: a\\nb.csv:2: field 'f\\nx': "))
        #expect(text.hasSuffix("... (5000 characters)"))
        #expect(!text.contains("\n"))
    }

    /// JSON syntax errors: line, column (1-based) and cause; valid documents give nil.
    @Test(arguments: [
        ("{\"a\": 1}", nil),
        ("\u{FEFF}[1, 2.5e-3, true, null, \"x\\u00e9\", {}]", nil),
        ("{\"a\": 1,\n \"b\": }", "2:7 expected a value, found '}'"),
        ("[1, 2", "1:6 unexpected end of the file inside an array"),
        ("{\"a\" 1}", "1:6 expected ':' after the key, found '1'"),
        ("[01]", "1:3 expected ',' or ']', found '1'"),
        ("[\"a\nb\"]", "1:4 line break inside a string"),
        ("[1] x", "1:5 unexpected 'x' after the JSON value"),
        ("{\"a\": tru}", "1:7 expected a value, found 't'"),
        ("", "1:1 expected a value, found the end of the file"),
        ("[\"\\q\"]", "1:4 invalid escape \\'q'"),
        (String(repeating: "[", count: 100_000), "1:100001 expected a value, found the end of the file"),
    ])
    func jsonSyntaxLocatesTheFirstError(text: String, expected: String?) {
        let failure = JSONSyntax.firstError(in: Array(text.utf8))
        #expect(failure.map { "\($0.line):\($0.column) \($0.cause)" } == expected)
    }

    /// Checked conversions never trap and saturate as documented.
    @Test func checkedConversions() throws {
        #expect(Int(checking: 2.7) == 2)
        #expect(Int(checking: 2.5, rounding: .up) == 3)
        #expect(Int(checking: .nan) == nil)
        #expect(Int(checking: .infinity) == nil)
        #expect(Int(checking: 9.3e18) == nil)
        #expect(Int(checking: -9_223_372_036_854_775_808.0) == Int.min)
        #expect(Int(saturating: 1e300) == Int.max)
        #expect(Int(saturating: -.infinity) == Int.min)
        #expect(Int(saturating: .nan) == 0)
        let error = #expect(throws: InputError.self) {
            try InputError.checkedInt(1e20, orThrow: InputError(.file, file: "f.csv", line: 3, field: "n", "out of range"))
        }
        #expect(error?.line == 3)
    }
}
