import AishKit
import Testing

/// The shell's pure parts: reading a line, joining multi-line input, the transcript.
@Suite struct ShellInputTests {
    @Test(arguments: [
        ("", ShellInput.empty),
        ("   ", .empty),
        ("hello there", .message("hello there")),
        ("  indented stays as typed", .message("  indented stays as typed")),
        ("//etc/hosts is a path", .message("/etc/hosts is a path")),
        ("@athena what now?", .mention(specialist: "athena", message: "what now?")),
        ("@debugging why", .mention(specialist: "debugging", message: "why")),
        ("/use metis", .command(.use("metis"))),
        ("/USE metis", .command(.use("metis"))),
        ("/q", .command(.quit)),
        ("/exit", .command(.quit)),
        ("/?", .command(.help)),
        ("/resume ab12", .command(.resume("ab12"))),
        ("/thinking", .command(.thinking(nil))),
        ("/thinking hide", .command(.thinking(false))),
        ("/thinking Show", .command(.thinking(true))),
        ("/specialists", .command(.specialists(matching: []))),
        ("/specialists local/  coder", .command(.specialists(matching: ["local/", "coder"]))),
    ])
    func linesAreRead(line: String, expected: ShellInput) {
        #expect(ShellInput.parse(line) == expected)
    }

    @Test func mistakesSayWhatWasMeant() {
        #expect(ShellInput.parse("/hlep") == .unknownCommand("/hlep", suggestion: "/help"))
        #expect(ShellInput.parse("/zzzzzzzz") == .unknownCommand("/zzzzzzzz", suggestion: nil))
        guard case .badUsage(.mention, _) = ShellInput.parse("@athena") else {
            Issue.record("@NAME alone is a usage error")
            return
        }
        guard case .badUsage(.use, let usage) = ShellInput.parse("/use") else {
            Issue.record("/use alone is a usage error")
            return
        }
        #expect(usage.contains("/use NAME"))
    }

    @Test func aTripleQuotedBlockIsOneMessage() {
        var input = MultilineInput()
        #expect(input.add("\"\"\"") == .needsMore)
        #expect(input.isCollecting)
        #expect(input.add("first line") == .needsMore)
        #expect(input.add("  second, indented") == .needsMore)
        #expect(input.add("\"\"\"") == .complete("first line\n  second, indented"))
        #expect(!input.isCollecting)
        #expect(input.add("\"\"\"one line\"\"\"") == .complete("one line"))
    }

    @Test func aTrailingBackslashContinuesTheLine() {
        var input = MultilineInput()
        #expect(input.add("one \\") == .needsMore)
        #expect(input.add("two") == .complete("one \ntwo"))
        #expect(input.add("a literal \\\\") == .complete("a literal \\\\"))
    }

    @Test func ctrlCDropsAHalfCollectedMessage() {
        var input = MultilineInput()
        _ = input.add("\"\"\"")
        _ = input.add("draft")
        input.reset()
        #expect(!input.isCollecting)
        #expect(input.add("fresh") == .complete("fresh"))
    }
}
