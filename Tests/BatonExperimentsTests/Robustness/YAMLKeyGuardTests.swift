import BatonCore
import BatonExperiments
import Testing

/// The lexical guard against non-plain YAML keys (issue 12, class 2).
@Suite("YAML key guard")
struct YAMLKeyGuardTests {
    /// Valid configurations with anchors and aliases as values, quotes, comments, block scalars
    /// and indicators inside scalars pass.
    @Test(arguments: [
        "a: &x 1\nb: *x\n",
        "rates: &r [1, 2]\ngrid:\n  rate: *r\n",
        "name: 'what? * not: an alias'\n",
        "name: \"a ? b\\\" *c: d\"\n",
        "# ? a comment *x: y\nkey: value # ? trailing\n",
        "description: |\n  ? a line\n  *x: y\n  [a]: b\nname: ok\n",
        "description: >-\n  {a}: b\n\nname: ok\n",
        "list:\n  - *x\n  - {a: *x, b: [*x, 1]}\n",
        "key: what? yes\nother: a?b\n",
        "url: http://host:80/a\n",
        "note: it's fine\n",
    ])
    func validTextPasses(text: String) throws {
        try YAMLKeyGuard.check(text, file: "f.yaml")
    }

    /// Non-plain keys fail with the line and column; the message says what was found.
    @Test(arguments: [
        ("*a : 1\n", 1, 1, "an alias used as a mapping key"),
        ("x: 1\ny:\n  *a: 2\n", 3, 3, "an alias used as a mapping key"),
        ("m: {*a : 1}\n", 1, 5, "an alias used as a mapping key"),
        ("? k\n: v\n", 1, 1, "an explicit ('? ') key"),
        ("- ? k\n  : v\n", 1, 3, "an explicit ('? ') key"),
        ("m: {? k : v}\n", 1, 5, "an explicit ('? ') key"),
        ("[a, b]: c\n", 1, 6, "a flow collection used as a mapping key"),
        ("m:\n  {a: 1}: c\n", 2, 8, "a flow collection used as a mapping key"),
        ("s: 'x\ny'\n[a]: 1\n", 3, 3, "a flow collection used as a mapping key"),
        ("d: |\n  text\n*z : 1\n", 3, 1, "an alias used as a mapping key"),
    ])
    func nonPlainKeysFail(text: String, line: Int, column: Int, what: String) {
        #expect {
            try YAMLKeyGuard.check(text, file: "f.yaml")
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.kind == .config && error.file == "f.yaml" && error.line == line
                && error.message.hasPrefix("\(what) at column \(column):")
        }
    }

    /// The nested anchor-as-key document (tenfold work per level in Yams) is refused at once, at
    /// its first offending line, however deep it is.
    @Test func nestedAnchorKeysAreRefusedEarly() {
        var lines = ["l0: &l0 [x]"]
        for level in 1...30 {
            lines.append("l\(level): &l\(level) {" + (0..<10).map { "[*l\(level - 1), \($0)]: \($0)" }.joined(separator: ", ") + "}")
        }
        #expect(throws: InputError.self) { try YAMLKeyGuard.check(lines.joined(separator: "\n"), file: nil) }
    }
}
