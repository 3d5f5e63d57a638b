import AishKit
import AishMockServer
import Foundation
import Testing

/// A reply with every element the renderer draws (a heading, a quote, prose with a
/// link and CJK, a list, a table with CJK and emoji, a task list, a diff block),
/// shown by the real binary on a pseudo-terminal at 40, 80 and 120 columns and
/// across a resize: the screen is exactly the renderer's layout, no line is wider
/// than the terminal, no word is broken, and every table's borders line up.
@Suite struct RenderedReplyTests {
    /// A message whose mock reply has all the elements (checked in each test).
    static let message = "refactor this"

    @Test(arguments: [40, 80, 120])
    func aReplyIsDrawnToTheWidthWithNoWordBroken(columns: Int) async throws {
        try await withFastMock { url in
            let raw = try await Self.rawReply(url)
            let terminal = try PseudoTerminal(
                ["apollo", Self.message, "--url", url], environment: ["AISH_HYPERLINKS": "0"],
                columns: UInt16(columns), rows: 200)
            #expect(try await terminal.waitForExit() == 0)
            let screen = Self.trimmed(terminal.screen)

            var renderer = MarkdownStreamRenderer(width: columns, theme: .standard)
            var model = ScreenModel(columns: columns, rows: 200)
            // The terminal turns each newline into CR LF (onlcr).
            model.feed((renderer.feed(raw) + renderer.finish()).replacingOccurrences(of: "\n", with: "\r\n"))
            #expect(screen == Self.trimmed(model.text), "at \(columns) columns")
            Self.checkLayout(screen.split(separator: "\n").map(String.init), of: raw, columns: columns)
            for element in ["┌", "☑", "☐", "• ", "+let retries", "https://docs.example.org/"] {
                #expect(screen.contains(element), "\(element) is not on the screen")
            }
        }
    }

    @Test func aResizeMidReplyLaysOutWhatFollowsAtTheNewWidth() async throws {
        // The reply waits before its list until the terminal is resized, however busy
        // the machine.
        let hold = GenerationHold()
        defer { hold.release() }
        try await withFastMock(hold: hold) { url in
            let raw = try await Self.rawReply(url)
            let listStart = try #require(raw.range(of: "\n- ")).lowerBound
            hold.hold(afterTokens: mockTokenCount(raw[...listStart]))
            let terminal = try PseudoTerminal(
                ["apollo", Self.message, "--url", url], environment: ["AISH_HYPERLINKS": "0"], columns: 120,
                rows: 200)
            try await terminal.waitFor("echo from apollo")
            terminal.resize(columns: 40)
            hold.release()
            #expect(try await terminal.waitForExit() == 0)
            let lines = Self.trimmed(terminal.screen).split(separator: "\n").map(String.init)
            let list = try #require(lines.firstIndex { $0.hasPrefix("• ") }, "no list:\n\(lines)")
            // From the list on (its items are longer than 40 columns), everything
            // was laid out after the resize.
            Self.checkLayout(Array(lines[list...]), of: raw, columns: 40)
            #expect(lines[list...].contains { $0.hasPrefix("┌") }, "no table after the list")
        }
    }

    // MARK: - Helpers

    /// The mock's reply as aish prints it to a pipe: the Markdown as it came.
    static func rawReply(_ url: String) async throws -> String {
        let result = try await AishProcess.run(["apollo", message, "--url", url])
        #expect(result.status == 0, "\(result.errors)")
        for element in ["| 状態 |", "- [x]", "- [ ]", "```diff", "](https://", "> echo"] {
            #expect(result.output.contains(element), "the reply has no \(element)")
        }
        return result.output
    }

    /// `text` without the blank lines at its end.
    static func trimmed(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// No line wider than `columns`; every word on screen a whole word of `raw`
    /// (a line may break between CJK characters, as they have no spaces); every
    /// table's border columns the same from its top to its bottom.
    static func checkLayout(
        _ lines: [String], of raw: String, columns: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let drawing = Set("│┌┐└┘├┤┬┴┼─•☐☑")
        // The text without the inline markers the renderer turns into styles.
        let plain = raw.filter { !"*`~".contains($0) }
        for line in lines {
            #expect(
                TerminalWidth.cells(line) <= columns, "wider than \(columns): \(line)", sourceLocation: sourceLocation)
            for word in line.split(whereSeparator: { $0 == " " || drawing.contains($0) }) {
                #expect(
                    isWholeWord(String(word), in: plain), "\(word) is broken in: \(line)",
                    sourceLocation: sourceLocation)
            }
        }
        var index = 0
        while let top = lines[index...].firstIndex(where: { $0.hasPrefix("┌") }) {
            let bottom = lines[top...].firstIndex { $0.hasPrefix("└") } ?? lines.count - 1
            let expected = borderColumns(lines[top])
            for line in lines[top...bottom] {
                #expect(borderColumns(line) == expected, "out of line:\n\(line)", sourceLocation: sourceLocation)
            }
            index = bottom + 1
        }
    }

    /// The cells where a table's column borders are on `line`.
    private static func borderColumns(_ line: String) -> [Int] {
        var cell = 0
        var columns: [Int] = []
        for character in line {
            if "│┌┐└┘├┤┬┴┼".contains(character) { columns.append(cell) }
            cell += TerminalWidth.cells(String(character))
        }
        return columns
    }

    /// Whether `word` occurs in `text` with no letter or digit right before or after
    /// it, or with a CJK character on the side where it was broken.
    private static func isWholeWord(_ word: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : nil
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : nil
            if isBoundary(before, word.first) && isBoundary(after, word.last) { return true }
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }

    private static func isBoundary(_ outside: Character?, _ inside: Character?) -> Bool {
        guard let outside, outside.isLetter || outside.isNumber else { return true }
        let wide = { (character: Character?) in character.map { TerminalWidth.cells(String($0)) == 2 } ?? false }
        return wide(outside) || wide(inside)
    }
}
