import AishKit
import Testing

/// Soft wrap in terminal cells, never breaking a word, never letting the terminal wrap.
@Suite struct MarkdownWrapTests {
    /// The words of `text`, in order, however it was cut into rows.
    private func words(_ lines: [String]) -> [Substring] {
        lines.joined(separator: " ").split(separator: " ")
    }

    @Test func wrapsAtTheWidthInCellsWithCJK() {
        let text = "Tekton 的 specialist 回答 questions 很快 and streams 中文 tokens 到 the terminal 屏幕上。"
        let rendered = renderMarkdown(text + "\n", width: 20)
        #expect(
            rendered
                == "Tekton 的 specialist\n回答 questions 很快\nand streams 中文\ntokens 到 the\nterminal 屏幕上。\n")
        let lines = screenShowing(rendered, width: 20).lines
        for line in lines { #expect(TerminalWidth.cells(line) <= 20, "\(line)") }
        #expect(words(lines) == text.split(separator: " "))
    }

    @Test func noWordIsBrokenAtAnyWidth() {
        let text = "A renderer that wraps prose never breaks a word unless the word alone is wider than the row."
        for width in 12...40 {
            let screen = screenShowing(renderMarkdown(text, width: width), width: width)
            #expect(!screen.autowrapped, "width \(width)")
            #expect(words(screen.lines) == text.split(separator: " "), "width \(width)")
        }
    }

    @Test func aWordWiderThanTheRowIsBrokenHard() {
        #expect(
            renderMarkdown("see abcdefghijklmnopqrstuvwxyz now\n", width: 10)
                == "see\nabcdefghij\nklmnopqrst\nuvwxyz now\n")
        #expect(renderMarkdown("中文字符测试\n", width: 5) == "中文\n字符\n测试\n")
    }

    @Test func listItemsWrapWithAHangingIndent() {
        #expect(
            renderMarkdown(
                "- The quick brown fox jumps over the lazy dog.\n12. The quick brown fox jumps over the lazy dog.\n",
                width: 20)
                == "\u{1B}[33m•\u{1B}[0m The quick brown\n  fox jumps over the\n  lazy dog.\n"
                + "\u{1B}[33m12.\u{1B}[0m The quick brown\n    fox jumps over\n    the lazy dog.\n")
        #expect(
            screenShowing(renderMarkdown("  - nested items **wrap under their own text**\n", width: 22), width: 22)
                .lines
                == ["  ◦ nested items wrap", "    under their own", "    text", ""])
    }

    @Test func quotesRepeatTheirGutterOnEveryRow() {
        #expect(
            renderMarkdown("> The quick brown fox jumps over the lazy dog.\n", width: 20)
                == "\u{1B}[2m│\u{1B}[0m The quick brown\n\u{1B}[2m│\u{1B}[0m fox jumps over the\n"
                + "\u{1B}[2m│\u{1B}[0m lazy dog.\n")
    }

    @Test func aStyledWordMovesToTheNextRowWithItsStyle() {
        #expect(
            renderMarkdown("text with **bold words that wrap** here\n", width: 16)
                == "text with \u{1B}[0;1mbold\u{1B}[0m\n\u{1B}[0;1mwords that wrap\u{1B}[0m\nhere\n")
    }

    @Test func codeBlocksAreNeitherWrappedNorReflowed() {
        let line = "let veryLongName = someFunction(argumentOne, argumentTwo, argumentThree)"
        let rendered = renderMarkdown("```\n\(line)\n    indented   spacing\n```\n", width: 30)
        #expect(rendered.contains("\n\(line)\n    indented   spacing\n"))
        #expect(screenShowing(rendered, width: 30).autowrapped)  // the terminal wraps it, as it would raw text
    }

    @Test func aGrowingLineIsRedrawnOnlyWhenAWordOutgrowsItsRow() {
        var renderer = MarkdownStreamRenderer(width: 12)
        #expect(renderer.feed("one two") == "one two")
        #expect(renderer.feed(" thr") == " thr")
        // "three" no longer fits: the row is redrawn without it, and it moves down.
        #expect(renderer.feed("ee") == "\r\u{1B}[Kone two\nthree")
        // A word arriving whole moves down without a redraw.
        #expect(renderer.feed(" four five") == " four\nfive")
        #expect(renderer.finish() == "")
    }

    @Test func tokenByTokenNeverLetsTheTerminalWrap() {
        let text =
            "Streaming replies arrive as tokens, and a long paragraph like this one grows word by word "
            + "until it wraps several times at the terminal's width, **with styles** and `code` inside it."
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == " " || current.count == 4 {
                tokens.append(current)
                current = ""
            }
            current.append(character)
        }
        tokens.append(current)
        for width in [16, 23, 31] {
            let streamed = screenShowing(renderMarkdown(tokens, width: width), width: width)
            #expect(!streamed.autowrapped, "width \(width)")
            #expect(
                streamed.lines == screenShowing(renderMarkdown(text, width: width), width: width).lines,
                "width \(width)")
        }
    }

    @Test func resizeAppliesFromTheNextChunk() {
        let columns = TerminalColumns(40)
        var renderer = MarkdownStreamRenderer(columns: columns)
        var output = renderer.feed("alpha beta gamma delta\n")
        columns.resize(columns: 11)
        output += renderer.feed("alpha beta gamma delta\n")
        renderer.resize(columns: 6)
        output += renderer.feed("alpha beta\n") + renderer.finish()
        #expect(output == "alpha beta gamma delta\nalpha beta\ngamma delta\nalpha\nbeta\n")
    }
}
