import Foundation
import Testing

@testable import AishKit

/// Issue 12, item 13: text from a server reaches the terminal without escape
/// sequences or control characters, whichever of them it holds.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("E\u{1B}[2J", "E"),  // CSI: clear the screen
        ("\u{1B}[1;31mred\u{1B}[0m", "red"),  // SGR colours
        ("\u{1B}]0;PWNED\u{07}after", "after"),  // OSC window title, BEL-terminated
        ("\u{1B}]52;c;aGk=\u{1B}\\after", "after"),  // OSC 52 clipboard write, ST-terminated
        ("\u{1B}P1$r\u{1B}\\x", "x"),  // DCS
        ("\u{1B}_apc\u{9C}x", "x"),  // APC ended by the C1 ST
        ("\u{9B}2Jx", "x"),  // C1 CSI
        ("\u{9D}0;t\u{07}x", "x"),  // C1 OSC
        ("a\u{1B}(Bb", "ab"),  // charset designation: ESC, intermediate, final
        ("a\u{1B}cb", "ab"),  // RIS: full reset
        ("a\rb\u{08}c\u{7F}d\u{00}e\u{85}f", "abcdef"),  // CR, BS, DEL, NUL, NEL
        ("\u{1B}]0;never ends", ""),  // an unterminated string is dropped to the end
        ("trailing \u{1B}", "trailing "),
    ])
    func escapeSequencesAndControlsAreDropped(raw: String, clean: String) {
        #expect(TerminalText.sanitized(raw) == clean)
    }

    @Test func newlinesTabsAndOtherTextAreKept() {
        let text = "line one\n\tindented — ünïcödé 日本語 🙂 [2J plain brackets"
        #expect(TerminalText.sanitized(text) == text)
    }

    @Test func noControlCharacterSurvivesAnyInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = [
            "\u{1B}", "[", "]", "\u{07}", "\u{9C}", "\u{9B}", "\u{9D}", "\\", "P", "0", ";", "m", "a", "\n", "\u{7F}",
            "é",
        ]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let clean = TerminalText.sanitized(String(text))
            #expect(!clean.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" && $0 != "\t" })
        }
    }

    @Test func serverTextInErrorsIsCleaned() {
        let failed = AishError.specialistFailed(id: "apollo", code: "E\u{1B}[2J", message: "\u{1B}]0;PWNED\u{07}boom")
        #expect(failed.description == "apollo failed [E]: boom.")
        let status = AishError.unexpectedStatus(url: "http://h:1/x", status: 500, detail: "\u{1B}]52;c;aGk=\u{07}oops")
        #expect(!status.description.unicodeScalars.contains("\u{1B}"))
        let interrupted = AishError.streamInterrupted(id: "apollo", reason: "fatal \u{9B}31m")
        #expect(!interrupted.description.unicodeScalars.contains("\u{9B}"))
    }

    @Test func serverErrorBodiesAreCleanedWhenRead() throws {
        let body = #"{"error": {"code": "E\u001b[2J", "message": "\u001b]0;PWNED\u0007hi"}}"#
        let error = try #require(ServerErrorBody(json: Array(body.utf8)))
        #expect(error.code == "E")
        #expect(error.message == "hi")
        #expect(error.summary == "E: hi")
    }
}
