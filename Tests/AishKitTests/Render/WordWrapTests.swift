import AishKit
import Testing

/// Text outside replies wraps at words, in terminal cells.
@Suite struct WordWrapTests {
    @Test func wrapsAtWordsWithinTheWidth() {
        #expect(
            WordWrap.lines("the event log replays every retry", width: 12) == [
                "the event", "log replays", "every retry",
            ])
        #expect(WordWrap.lines("", width: 10) == [""])
        #expect(WordWrap.lines("fits", width: 10) == ["fits"])
    }

    @Test func countsCellsNotCharacters() {
        // Each CJK character takes two cells.
        #expect(WordWrap.lines("東京 大阪 名古屋", width: 9) == ["東京 大阪", "名古屋"])
        #expect(WordWrap.lines("\u{1B}[32mgreen\u{1B}[0m word", width: 10) == ["\u{1B}[32mgreen\u{1B}[0m word"])
    }

    @Test func onlyAWordWiderThanALineIsSplit() {
        #expect(WordWrap.lines("a supercalifragilistic b", width: 8) == ["a", "supercal", "ifragili", "stic b"])
    }

    @Test func textKeepsLineBreaksAndIndentsContinuations() {
        #expect(WordWrap.text("one two three\nfour", width: 8, indent: 2) == "one two\n  three\nfour")
    }

    @Test func theRosterTableWrapsItsCapabilitiesAtWords() {
        let roster = [
            Specialist(
                id: "rhetor-ci", category: "communication",
                capabilities: ["llm_orchestration", "prompt_engineering", "context_management", "team_chat"]),
            Specialist(id: "apollo-ci", category: "ai", capabilities: ["code-analysis", "debugging"]),
        ]
        let table = SpecialistTable.render(roster, width: 60)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TerminalWidth.cells($0) <= 60 }, "\(table)")
        for capability in roster.flatMap(\.capabilities) {
            #expect(table.contains(capability), "\(capability) was broken:\n\(table)")
        }
        // Continuation lines start under the capabilities column.
        let column = lines[0].range(of: "CAPABILITIES").map {
            lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound)
        }
        let continuation = lines.first { $0.hasPrefix(" ") }
        #expect(continuation != nil, "no continuation line:\n\(table)")
        #expect(continuation?.prefix { $0 == " " }.count == column)
    }

    /// Status lines on a terminal wrap at words; a line that fits, a spinner's
    /// redraw and anything not sent to a terminal pass as they are.
    @Test func statusLinesWrapAtWordsOnATerminalOnly() throws {
        let terminal = MemorySink(isTerminal: true)
        let sink = WordWrappingSink(terminal, columns: TerminalColumns(30))
        try sink.write("aish: apollo over v2 SSE (one message goes by SSE, which needs no WebSocket upgrade)\n")
        try sink.write("fits  as   it is\n")
        try sink.write("\r⠋ thinking about a long question for a while…")
        let lines = terminal.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.prefix(3) == [
                "aish: apollo over v2 SSE (one", "message goes by SSE, which", "needs no WebSocket upgrade)",
            ])
        #expect(lines[3] == "fits  as   it is")
        #expect(terminal.text.hasSuffix("\r⠋ thinking about a long question for a while…"))

        let pipe = MemorySink(isTerminal: false)
        let long = String(repeating: "word ", count: 20) + "\n"
        try WordWrappingSink(pipe, columns: TerminalColumns(30)).write(long)
        #expect(pipe.text == long)
    }
}
