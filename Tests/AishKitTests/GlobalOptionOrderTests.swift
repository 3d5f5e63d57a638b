import AishKit
import Testing

/// Options before a subcommand move after it (issue 14, point 2).
@Suite struct GlobalOptionOrderTests {
    private func reorder(_ arguments: [String]) -> [String] {
        GlobalOptionOrder.reordered(
            arguments, subcommands: ["bulk", "sessions", "chat"], valued: ["--url", "--db"], flags: ["-v"])
    }

    @Test func leadingOptionsMoveAfterTheSubcommandsArguments() {
        #expect(
            reorder(["--url", "http://h:8003", "bulk", "plan.json"]) == ["bulk", "plan.json", "--url", "http://h:8003"])
        #expect(
            reorder(["-v", "--db=x.db", "sessions", "show", "ab"]) == ["sessions", "show", "ab", "-v", "--db=x.db"])
        #expect(reorder(["--url", "u", "chat", "apollo", "--", "-x"]) == ["chat", "apollo", "--url", "u", "--", "-x"])
    }

    @Test func otherLinesAreUnchanged() {
        #expect(reorder(["--url", "u", "apollo", "hi"]) == ["--url", "u", "apollo", "hi"])
        #expect(reorder(["--json", "bulk", "p"]) == ["--json", "bulk", "p"])
        #expect(reorder(["bulk", "--url", "u", "p"]) == ["bulk", "--url", "u", "p"])
        #expect(reorder(["--url"]) == ["--url"])
    }
}
