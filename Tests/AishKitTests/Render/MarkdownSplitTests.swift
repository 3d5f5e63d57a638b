import AishKit
import Testing

/// However the reply is cut into chunks, the screen ends the same.
@Suite struct MarkdownSplitTests {
    /// Every construct, CJK, emoji (with a variation selector, a ZWJ sequence, a
    /// flag), combining accents, and lines long enough to wrap at 24 columns.
    static let document = """
        # Stream *test*
        Some **bold** text, *italic*, `code` and a [link](https://x.io/a) café.
        中文字符测试，很长的句子。 😀 ❤️ 👩‍💻 🇫🇷 e\u{301}

        - item **one** that is long enough to wrap
          - nested `item`
        2. numbered
        > quoted _words_ wrap around here
        ---
        ```swift
        let s = "x" // note
        ```
        ``not a fence`` and a_b_c end
        - [ ] a task **to do**
        - [x] a task done
        | col | 列 |
        |:--|--:|
        | a b | 東京 |
        ```diff
        -old
        +new
        ```
        after
        """

    @Test func everyTwoWaySplitGivesTheSameScreen() {
        let scalars = Array(Self.document.unicodeScalars)
        let whole = screenShowing(renderMarkdown(Self.document, width: 24), width: 24)
        #expect(!whole.autowrapped)
        #expect(whole.unexpected.isEmpty)
        for cut in 0...scalars.count {
            let first = String(String.UnicodeScalarView(scalars[..<cut]))
            let second = String(String.UnicodeScalarView(scalars[cut...]))
            let split = screenShowing(renderMarkdown([first, second], width: 24), width: 24)
            if split.lines != whole.lines || split.autowrapped {
                Issue.record(
                    "split at \(cut) (\(String(reflecting: first.suffix(8))) | …):\n\(split.text)\n---\n\(whole.text)")
                return
            }
        }
    }

    @Test func oneScalarAtATimeGivesTheSameScreen() {
        let chunks = Self.document.unicodeScalars.map { String($0) }
        let whole = screenShowing(renderMarkdown(Self.document, width: 24), width: 24)
        let streamed = screenShowing(renderMarkdown(chunks, width: 24), width: 24)
        #expect(streamed.lines == whole.lines)
        #expect(!streamed.autowrapped)
    }

    @Test func theWholeDocumentRendersAsExpected() {
        #expect(
            screenShowing(renderMarkdown(Self.document, width: 24), width: 24).lines == [
                "Stream test",
                "Some bold text, italic,",
                "code and a link",
                "https://x.io/a café.",
                "中文字符测试，很长的句",  // "。" may not start a row, so "子" goes with it
                "子。 😀 ❤️ 👩‍💻 🇫🇷 é",
                "",
                "• item one that is long",
                "  enough to wrap",
                "  ◦ nested item",
                "2. numbered",
                "│ quoted words wrap",
                "│ around here",
                "────────────────────────",
                "── swift ───────────────",
                "let s = \"x\" // note",
                "────────────────────────",
                "not a fence and a_b_c",
                "end",
                "☐ a task to do",
                "☑ a task done",
                "┌─────┬──────┐",
                "│ col │   列 │",
                "├─────┼──────┤",
                "│ a b │ 東京 │",
                "└─────┴──────┘",
                "── diff ────────────────",
                "-old",
                "+new",
                "────────────────────────",
                "after",
            ])
    }

    @Test(arguments: [
        (["*", "*bold**\n"], "\u{1B}[0;1mbold\u{1B}[0m\n"),
        (["**bo", "ld*", "*\n"], "\u{1B}[0;1mbold\u{1B}[0m\n"),
        (["a `", "`b`", "` c\n"], "a \u{1B}[0;36mb\u{1B}[0m c\n"),
        (["[li", "nk](http", "://x", ")\n"], "\u{1B}[0;4;34mlink\u{1B}[0m \u{1B}[0;2mhttp://x\u{1B}[0m\n"),
        (["#", "# Head\n"], "\u{1B}[0;1;35mHead\u{1B}[0m\n"),
        (["1", "2", ". item\n"], "\u{1B}[33m12.\u{1B}[0m item\n"),
        (["-", " item\n"], "\u{1B}[33m•\u{1B}[0m item\n"),
        (["--", "-\n"], "\u{1B}[2m────────────────────────────────────────\u{1B}[0m\n"),
        (["\\", "*x*\n"], "*x*\n"),
    ])
    func markerSplitAcrossChunks(_ chunks: [String], _ expected: String) {
        #expect(renderMarkdown(chunks, width: 40) == expected)
        #expect(renderMarkdown(chunks.joined(), width: 40) == expected)
    }

    @Test func fenceSplitAcrossChunks() {
        let expected =
            "\u{1B}[2m── swift ───────\u{1B}[0m\n\u{1B}[0;35mlet\u{1B}[0m x\n\u{1B}[2m────────────────\u{1B}[0m\n"
        #expect(renderMarkdown(["``", "`swift\nlet x\n``", "`\n"], width: 16) == expected)
        #expect(
            renderMarkdown(["`", "`", "`", "s", "wift", "\n", "let", " x\n", "`", "``"], width: 16)
                == expected.dropLast())
    }

    @Test func multiByteCharactersNextToASplit() {
        let cases: [[String]] = [
            ["**中", "文**\n"], ["😀*", "*b**\n"], ["e", "\u{301}**x**\n"], ["👩", "\u{200D}💻 `ok`\n"],
            ["❤", "\u{FE0F} *y*\n"], ["🇫", "🇷\n"],
        ]
        for chunks in cases {
            let whole = renderMarkdown(chunks.joined(), width: 40)
            #expect(renderMarkdown(chunks, width: 40) == whole, "\(chunks)")
        }
        #expect(renderMarkdown(["**中", "文**\n"], width: 40) == "\u{1B}[0;1m中文\u{1B}[0m\n")
        #expect(renderMarkdown(["😀*", "*b**\n"], width: 40) == "😀\u{1B}[0;1mb\u{1B}[0m\n")
    }
}
