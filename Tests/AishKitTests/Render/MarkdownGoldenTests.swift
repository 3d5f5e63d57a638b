import AishKit
import Testing

/// Exact bytes for each construct, escape codes included.
@Suite struct MarkdownGoldenTests {
    @Test func headingsHaveDistinctLevels() {
        #expect(
            renderMarkdown("# One\n## Two\n### Three\n#### Four\n")
                == "\u{1B}[0;1;4;35mOne\u{1B}[0m\n\u{1B}[0;1;35mTwo\u{1B}[0m\n\u{1B}[0;1;36mThree\u{1B}[0m\n"
                + "\u{1B}[0;1mFour\u{1B}[0m\n")
    }

    @Test func inlineStyles() {
        #expect(
            renderMarkdown("**bold**, *it*, _it_, `code`, ~~gone~~ and ***both***.\n")
                == "\u{1B}[0;1mbold\u{1B}[0m, \u{1B}[0;3mit\u{1B}[0m, \u{1B}[0;3mit\u{1B}[0m, \u{1B}[0;36mcode\u{1B}[0m, "
                + "\u{1B}[0;9mgone\u{1B}[0m and \u{1B}[0;1;3mboth\u{1B}[0m.\n")
    }

    @Test func inlineStylesInsideAHeading() {
        #expect(
            renderMarkdown("## Use `feed` **now**\n")
                == "\u{1B}[0;1;35mUse \u{1B}[0;1;35;36mfeed\u{1B}[0;1;35m \u{1B}[0;1;35;1mnow\u{1B}[0m\n")
    }

    @Test func markersThatAreNotEmphasisStayLiteral() {
        let text = "snake_case_name, 2 * 3 * 4, a ** b, \\*not\\*, [not a link] and [x]y.\n"
        #expect(renderMarkdown(text) == "snake_case_name, 2 * 3 * 4, a ** b, *not*, [not a link] and [x]y.\n")
    }

    @Test func plainProseIsWrittenUnchanged() {
        let text = "Nothing to style here: just words, numbers (42) and punctuation!\n\nA second paragraph.\n"
        #expect(renderMarkdown(text) == text)
    }

    @Test func unclosedEmphasisEndsWithItsLine() {
        #expect(renderMarkdown("**unclosed bold\nnext\n") == "\u{1B}[0;1munclosed bold\u{1B}[0m\nnext\n")
    }

    @Test func listsWithBulletsPerLevelAndNumbers() {
        #expect(
            renderMarkdown("- one\n- two\n  - nested\n    - deeper\n3. three\n10) ten\n")
                == "\u{1B}[33m•\u{1B}[0m one\n\u{1B}[33m•\u{1B}[0m two\n  \u{1B}[33m◦\u{1B}[0m nested\n"
                + "    \u{1B}[33m▪\u{1B}[0m deeper\n\u{1B}[33m3.\u{1B}[0m three\n\u{1B}[33m10)\u{1B}[0m ten\n")
    }

    @Test func blockQuotesHaveADimGutter() {
        #expect(
            renderMarkdown("> quoted *text*\n>\n> > nested\n")
                == "\u{1B}[2m│\u{1B}[0m quoted \u{1B}[0;3mtext\u{1B}[0m\n\u{1B}[2m│\u{1B}[0m\n"
                + "\u{1B}[2m│\u{1B}[0m \u{1B}[2m│\u{1B}[0m nested\n")
    }

    @Test func fencedCodeHasAHeaderAndHighlighting() {
        #expect(
            renderMarkdown("```swift\nlet x = 42 // answer\nprint(\"hi\")\n```\n", width: 30)
                == "\u{1B}[2m── swift ─────────────────────\u{1B}[0m\n"
                + "\u{1B}[0;35mlet\u{1B}[0m x = \u{1B}[0;33m42\u{1B}[0m \u{1B}[0;2;3m// answer\u{1B}[0m\n"
                + "print(\u{1B}[0;32m\"hi\"\u{1B}[0m)\n"
                + "\u{1B}[2m──────────────────────────────\u{1B}[0m\n")
    }

    @Test func codeWithoutALanguageIsNotStyled() {
        #expect(
            renderMarkdown("~~~\nplain *code* `x`\n~~~\n", width: 12)
                == "\u{1B}[2m────────────\u{1B}[0m\nplain *code* `x`\n\u{1B}[2m────────────\u{1B}[0m\n")
    }

    @Test func horizontalRuleSpansTheWidth() {
        #expect(renderMarkdown("---\n", width: 10) == "\u{1B}[2m──────────\u{1B}[0m\n")
        #expect(renderMarkdown("***\n", width: 4) == "\u{1B}[2m────\u{1B}[0m\n")
    }

    @Test func linksShowTextThenDimURL() {
        #expect(
            renderMarkdown("See [Swift](https://swift.org) or [https://a.b](https://a.b) or [f](https://x.y/a_(b)).\n")
                == "See \u{1B}[0;4;34mSwift\u{1B}[0m \u{1B}[0;2mhttps://swift.org\u{1B}[0m or \u{1B}[0;4;34mhttps://a.b\u{1B}[0m "
                + "or \u{1B}[0;4;34mf\u{1B}[0m \u{1B}[0;2mhttps://x.y/a_(b)\u{1B}[0m.\n")
    }

    @Test func onATerminalWithHyperlinksALinkIsItsTextAlone() {
        var theme = Theme.standard
        theme.hyperlinks = true
        var renderer = MarkdownStreamRenderer(width: 80, theme: theme)
        let output = renderer.feed("See [Swift](https://swift.org) now.\n") + renderer.finish()
        #expect(
            output
                == "See \u{1B}[0;4;34m\u{1B}]8;;https://swift.org\u{07}Swift\u{1B}]8;;\u{07}\u{1B}[0m now.\n")
    }

    /// A hyperlink's text wraps at words like any other; its URL is not shown.
    @Test func aHyperlinkWrapsLikeText() {
        var theme = Theme.standard
        theme.hyperlinks = true
        var renderer = MarkdownStreamRenderer(width: 20, theme: theme)
        let output = renderer.feed("Read [the guide to retries](https://x.io/r) first.\n") + renderer.finish()
        let screen = screenShowing(output, width: 20)
        #expect(screen.lines.prefix(3) == ["Read the guide to", "retries first.", ""])
        #expect(screen.unexpected.isEmpty)
    }

    @Test func hyperlinksAreUsedWhereTheTerminalSaysItShowsThem() {
        #expect(Theme.terminalSupportsHyperlinks(["TERM_PROGRAM": "WezTerm"]))
        #expect(Theme.terminalSupportsHyperlinks(["VTE_VERSION": "7600"]))
        #expect(!Theme.terminalSupportsHyperlinks(["VTE_VERSION": "4800"]))
        #expect(!Theme.terminalSupportsHyperlinks(["TERM_PROGRAM": "WezTerm", "TMUX": "/tmp/tmux-0/default,1,0"]))
        #expect(!Theme.terminalSupportsHyperlinks(["TERM": "xterm-256color"]))
        #expect(Theme.terminalSupportsHyperlinks(["TERM": "xterm-256color", "AISH_HYPERLINKS": "1"]))
        #expect(!Theme.terminalSupportsHyperlinks(["TERM": "xterm-kitty", "AISH_HYPERLINKS": "0"]))
    }

    @Test func pipeLinesThatAreNoTablePassAsText() {
        #expect(renderMarkdown("| a | b |\n| c |\nafter\n") == "| a | b |\n| c |\nafter\n")
    }

    @Test func aTableIsDrawnWithBordersAndABoldHeader() {
        #expect(
            renderMarkdown("| a | b |\n|---|--:|\n| x | 10 |\n")
                == "\u{1B}[2m┌───┬────┐\u{1B}[0m\n"
                + "\u{1B}[2m│\u{1B}[0m \u{1B}[0;1ma\u{1B}[0m \u{1B}[2m│\u{1B}[0m  \u{1B}[0;1mb\u{1B}[0m \u{1B}[2m│\u{1B}[0m\n"
                + "\u{1B}[2m├───┼────┤\u{1B}[0m\n"
                + "\u{1B}[2m│\u{1B}[0m x \u{1B}[2m│\u{1B}[0m 10 \u{1B}[2m│\u{1B}[0m\n"
                + "\u{1B}[2m└───┴────┘\u{1B}[0m\n")
    }

    @Test func controlCharactersFromTheModelAreDropped() {
        #expect(renderMarkdown("a\u{1B}[31mb\r\nc\u{07}\n") == "a[31mb\nc\n")
    }

    @Test func finishFlushesWhatIsHeldAndAddsNoNewline() {
        var renderer = MarkdownStreamRenderer(width: 80)
        #expect(renderer.feed("text **") == "text")
        #expect(renderer.finish() == " **")
        #expect(renderer.feed("again\n") == "again\n")
    }

    @Test func finishClosesAnOpenStyle() {
        var renderer = MarkdownStreamRenderer(width: 80)
        #expect(renderer.feed("**bold") == "\u{1B}[0;1mbold")
        #expect(renderer.finish() == "\u{1B}[0m")
    }

    @Test func withoutColorsTextPassesThroughByteForByte() {
        let chunks = [
            "# Title\n\n**bo", "ld** `co", "de` \u{1B}[31m", "red\r\n", "```sw", "ift\nlet x = 1\n``", "`\n", "中文 😀",
            "",
        ]
        var renderer = MarkdownStreamRenderer(width: 10, colors: false)
        for chunk in chunks { #expect(renderer.feed(chunk) == chunk) }
        #expect(renderer.finish() == "")
    }
}
