import AishKit
import Testing

/// The basic highlighter, through the renderer: keywords, strings, comments, numbers.
@Suite struct CodeHighlighterTests {
    private func code(_ language: String, _ body: String) -> String {
        let rendered = renderMarkdown("```\(language)\n\(body)\n```\n", width: 20)
        // Drop the header and closing rules.
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.dropFirst().dropLast(2).joined(separator: "\n")
    }

    @Test func python() {
        #expect(
            code("py", "def f(x): # add 'one'\n    return x + 1.5")
                == "\u{1B}[0;35mdef\u{1B}[0m f(x): \u{1B}[0;2;3m# add 'one'\u{1B}[0m\n"
                + "    \u{1B}[0;35mreturn\u{1B}[0m x + \u{1B}[0;33m1.5\u{1B}[0m")
    }

    @Test func javaScriptStringsWithEscapesAndBlockComments() {
        #expect(
            code("ts", "const s = 'it\\'s' /* a\nb */ done")
                == "\u{1B}[0;35mconst\u{1B}[0m s = \u{1B}[0;32m'it\\'s'\u{1B}[0m \u{1B}[0;2;3m/* a\u{1B}[0m\n"
                + "\u{1B}[0;2;3mb */\u{1B}[0m done")
    }

    @Test func json() {
        #expect(
            code("json", "{\"a\": [1, true, null]}")
                == "{\u{1B}[0;32m\"a\"\u{1B}[0m: [\u{1B}[0;33m1\u{1B}[0m, \u{1B}[0;35mtrue\u{1B}[0m, \u{1B}[0;35mnull\u{1B}[0m]}"
        )
    }

    @Test func bash() {
        #expect(
            code("sh", "for i in 1 2; do echo \"$i\"; done")
                == "\u{1B}[0;35mfor\u{1B}[0m i \u{1B}[0;35min\u{1B}[0m \u{1B}[0;33m1\u{1B}[0m \u{1B}[0;33m2\u{1B}[0m; "
                + "\u{1B}[0;35mdo\u{1B}[0m echo \u{1B}[0;32m\"$i\"\u{1B}[0m; \u{1B}[0;35mdone\u{1B}[0m")
    }

    @Test func goRustAndSwiftKeywords() {
        #expect(code("go", "func main() {}") == "\u{1B}[0;35mfunc\u{1B}[0m main() {}")
        #expect(code("rust", "fn f<'a>(x: &'a str)") == "\u{1B}[0;35mfn\u{1B}[0m f<'a>(x: &'a str)")
        #expect(
            code("swift", "guard let x else { return }")
                == "\u{1B}[0;35mguard\u{1B}[0m \u{1B}[0;35mlet\u{1B}[0m x \u{1B}[0;35melse\u{1B}[0m { \u{1B}[0;35mreturn\u{1B}[0m }"
        )
    }

    @Test func unknownLanguagesAndTabsPassUnchanged() {
        #expect(code("cobol", "\tDISPLAY 'HI' // 42") == "\tDISPLAY 'HI' // 42")
    }

    @Test func aDivisionIsNotAComment() {
        #expect(code("js", "a / b") == "a / b")
    }
}
