import AishKit
import Testing

/// Tables on the screen: aligned by display width, alignments kept, fitted to the
/// width by wrapping inside cells at words, whatever the chunks.
@Suite struct MarkdownTableTests {
    static let table = """
        | Name | City | Score |
        |:-----|:----:|------:|
        | Ada | 東京 | 9 |
        | Grace **Hopper** | Paris | 10 |

        """

    @Test func columnsAlignByDisplayWidthAndKeepTheirAlignment() {
        let screen = screenShowing(renderMarkdown(Self.table, width: 80), width: 80)
        #expect(
            screen.lines.prefix(6) == [
                "┌──────────────┬───────┬───────┐",
                "│ Name         │ City  │ Score │",
                "├──────────────┼───────┼───────┤",
                "│ Ada          │ 東京  │     9 │",
                "│ Grace Hopper │ Paris │    10 │",
                "└──────────────┴───────┴───────┘",
            ])
    }

    static let wide = """
        | Step | What happens | Owner |
        |---|---|---|
        | 1 | The scheduler reads the event log and retries | apollo |
        | 2 | 文字列の幅は二つのセルで数えます | athena |

        """

    /// At 60, 40 and 30 columns the table is narrowed by wrapping cells at words:
    /// every row as wide as the others, none wider than the screen, no word broken.
    @Test(arguments: [60, 40, 30])
    func aWideTableWrapsInsideItsCellsAtWords(width: Int) {
        let screen = screenShowing(renderMarkdown(Self.wide, width: width), width: width)
        #expect(!screen.autowrapped)
        let lines = screen.lines.filter { !$0.isEmpty }
        let widths = Set(lines.map(TerminalWidth.cells))
        #expect(widths.count == 1, "\(screen.text)")
        #expect((widths.first ?? 0) <= width, "\(screen.text)")
        let text = screen.lines.joined(separator: " ")
        for word in ["scheduler", "retries", "apollo", "athena", "happens"] {
            #expect(text.contains(word), "'\(word)' was broken at \(width):\n\(screen.text)")
        }
    }

    /// Narrower than its longest words allow, a table still fits the screen and
    /// keeps its rows aligned; only then are words split.
    @Test func aTableTooNarrowForItsWordsStillFits() {
        let screen = screenShowing(renderMarkdown(Self.wide, width: 24), width: 24)
        #expect(!screen.autowrapped)
        let widths = Set(screen.lines.filter { !$0.isEmpty }.map(TerminalWidth.cells))
        #expect(widths == [24], "\(screen.text)")
    }

    @Test func everySplitShowsTheSameTable() {
        let scalars = Array(Self.table.unicodeScalars)
        let whole = screenShowing(renderMarkdown(Self.table, width: 30), width: 30)
        for cut in 0...scalars.count {
            let first = String(String.UnicodeScalarView(scalars[..<cut]))
            let second = String(String.UnicodeScalarView(scalars[cut...]))
            let split = screenShowing(renderMarkdown([first, second], width: 30), width: 30)
            if split.lines != whole.lines {
                Issue.record("split at \(cut):\n\(split.text)\n---\n\(whole.text)")
                return
            }
        }
    }

    @Test func aTableInAQuoteKeepsItsGutterAndTheTextAroundIt() {
        let markdown = "Before.\n> | a | b |\n> |---|---|\n> | 1 | 2 |\nAfter.\n"
        let screen = screenShowing(renderMarkdown(markdown, width: 40), width: 40)
        #expect(
            screen.lines.prefix(7) == [
                "Before.", "│ ┌───┬───┐", "│ │ a │ b │", "│ ├───┼───┤", "│ │ 1 │ 2 │", "│ └───┴───┘", "After.",
            ])
    }

    @Test func aReplyEndingInsideATableStillShowsIt() {
        let screen = screenShowing(renderMarkdown("| a |\n|---|\n| 1 |", width: 40), width: 40)
        #expect(screen.lines.prefix(5) == ["┌───┐", "│ a │", "├───┤", "│ 1 │", "└───┘"])
    }

    /// A table is laid out at the width the terminal has when its block ends, so a
    /// resize while its rows stream (the reply ending in the table, or not) fits it.
    @Test(arguments: ["", "\nAfter.\n"])
    func aTableReadAcrossAResizeFitsTheNewWidth(ending: String) {
        var renderer = MarkdownStreamRenderer(width: 80)
        var output = renderer.feed("Before.\n" + Self.wide.dropLast())
        renderer.resize(columns: 30)
        if !ending.isEmpty { output += renderer.feed(ending) }
        output += renderer.finish()
        let screen = screenShowing(output, width: 80)
        let table = screen.lines.filter { $0.hasPrefix("┌") || $0.hasPrefix("│") || $0.hasPrefix("└") }
        #expect(table.count > 4)
        #expect(Set(table.map(TerminalWidth.cells)) == [30], "\(screen.text)")
    }

    @Test func taskListsShowTheirBoxes() {
        let screen = screenShowing(renderMarkdown("- [ ] write it\n- [x] test it\n  - [X] nested\n- [y] not a task\n"))
        #expect(screen.lines.prefix(4) == ["☐ write it", "☑ test it", "  ☑ nested", "• [y] not a task"])
    }

    @Test func diffBlocksColourAddedRemovedAndHunkLines() {
        let output = renderMarkdown("```diff\n@@ -1 +1 @@\n-old\n+new\n same\n```\n", width: 20)
        #expect(output.contains("\u{1B}[0;36m@@ -1 +1 @@\u{1B}[0m\n"))
        #expect(output.contains("\u{1B}[0;31m-old\u{1B}[0m\n"))
        #expect(output.contains("\u{1B}[0;32m+new\u{1B}[0m\n"))
        #expect(output.contains("\n same\n"))
    }

    /// The frame of a code block spans the width, as a horizontal rule does.
    @Test(arguments: [40, 80, 120])
    func codeFramesAndRulesSpanTheWidth(width: Int) {
        let screen = screenShowing(renderMarkdown("```swift\nlet x = 1\n```\n---\n", width: width), width: width)
        #expect(screen.lines.prefix(4).map(TerminalWidth.cells) == [width, 9, width, width], "\(screen.text)")
        #expect(screen.lines.first?.hasPrefix("── swift ──") == true)
    }
}
