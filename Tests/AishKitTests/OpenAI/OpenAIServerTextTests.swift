import Testing

@testable import AishKit

/// Server text made safe for a terminal.
@Suite struct OpenAIServerTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("\u{1B}]0;evil title\u{07}after", "after"),
        ("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
        ("a\u{9B}2Jb", "ab"),
        ("bell\u{07}\u{08}\u{7F}\u{85}!", "bell!"),
        ("two\nlines\r\n\tand  tabs", "two lines and tabs"),
        ("é 😀 ünï", "é 😀 ünï"),
        ("\u{1B}", ""),
    ])
    func escapesAndControlsAreRemoved(input: String, expected: String) {
        #expect(OpenAIServerText.safe(input) == expected)
    }

    @Test func longTextIsCut() {
        #expect(OpenAIServerText.safe(String(repeating: "x", count: 20), limit: 5) == "xxxxx…")
        #expect(OpenAIServerText.safe("short", limit: 5) == "short")
    }

    @Test func replyTextKeepsItsLinesAndTabs() {
        #expect(OpenAIServerText.reply("code:\n\tx = 1\n") == "code:\n\tx = 1\n")
        #expect(OpenAIServerText.reply("a\u{1B}[2Jb\u{1B}]52;c;ZXZpbA==\u{07}c\r\n") == "abc\n")
        #expect(OpenAIServerText.reply("¡olé!") == "¡olé!")
    }
}
