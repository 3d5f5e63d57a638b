/// A realistic Markdown reply of a given length, cut into roughly one-token chunks
/// the way a model streams it: headings, paragraphs with inline styles and links,
/// nested and numbered lists, quotes, rules, CJK and emoji, fenced code in several
/// languages, tables (CJK cells, alignments, inline styles), task lists and diff
/// blocks. Deterministic: the same length gives the same chunks.
enum MarkdownReplyText {
    /// `tokens` chunks of Markdown.
    static func chunks(tokens: Int) -> [String] {
        var generator = Generator()
        var chunks: [String] = []
        chunks.reserveCapacity(tokens + 64)
        while chunks.count < tokens { chunks += tokenize(generator.nextSection()) }
        return Array(chunks.prefix(tokens))
    }

    /// Splits text like a tokenizer: a word with its leading space (long words in
    /// pieces of four letters), each punctuation mark, each CJK character, runs of
    /// newlines or of spaces.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var letters = 0
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
            letters = 0
        }
        for scalar in text.unicodeScalars {
            let isLetter = scalar.properties.isAlphabetic && scalar.value < 0x2E80 || ("0"..."9").contains(scalar)
            if isLetter {
                if letters == 8 || (!current.isEmpty && letters == 0 && current != " ") { flush() }
                current.unicodeScalars.append(scalar)
                letters += 1
            } else if scalar == " " {
                if current.allSatisfy({ $0 == " " }) && !current.isEmpty {
                    current += " "
                } else {
                    flush()
                    current = " "
                }
            } else if scalar == "\n" {
                if current.allSatisfy({ $0 == "\n" }) && !current.isEmpty {
                    current += "\n"
                } else {
                    flush()
                    current = "\n"
                }
            } else {
                flush()
                current.unicodeScalars.append(scalar)
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Writes one section at a time from a fixed seed.
    private struct Generator {
        private var state: UInt64 = 0x5EED_0F_A15B
        private var section = 0

        mutating func nextSection() -> String {
            section += 1
            var text = "## \(words(3...6, capitalized: true))\n\n"
            text += paragraph() + "\n\n"
            switch section % 6 {
            case 0: text += bulletList() + "\n\n" + codeBlock() + "\n\n"
            case 1: text += numberedList() + "\n\n> " + sentence() + "\n> " + sentence() + "\n\n"
            case 2: text += codeBlock() + "\n\n" + paragraph() + "\n\n---\n\n"
            case 3: text += table() + "\n\n" + taskList() + "\n\n"
            case 4: text += diffBlock() + "\n\n" + table() + "\n\n"
            default: text += "### \(words(2...4, capitalized: true))\n\n" + bulletList() + "\n\n" + paragraph() + "\n\n"
            }
            return text
        }

        private mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        private mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }

        private mutating func pick(_ list: [String]) -> String { list[int(0...(list.count - 1))] }

        private mutating func words(_ count: ClosedRange<Int>, capitalized: Bool = false) -> String {
            var result = (0..<int(count)).map { _ in pick(Self.vocabulary) }.joined(separator: " ")
            if capitalized, let first = result.first { result = first.uppercased() + result.dropFirst() }
            return result
        }

        private mutating func sentence() -> String {
            var parts: [String] = []
            for _ in 0..<int(2...4) {
                switch int(0...11) {
                case 0: parts.append("**\(words(1...3))**")
                case 1: parts.append("*\(words(1...2))*")
                case 2: parts.append("`\(pick(Self.identifiers))`")
                case 3: parts.append("[\(words(1...3))](https://docs.example.org/\(pick(Self.identifiers)))")
                case 4: parts.append(pick(Self.extras))
                default: parts.append(words(3...7))
                }
            }
            let text = parts.joined(separator: " ")
            return (text.first.map { $0.uppercased() } ?? "") + text.dropFirst() + pick([".", ".", "!", "?", ":"])
        }

        private mutating func paragraph() -> String {
            (0..<int(3...6)).map { _ in sentence() }.joined(separator: " ")
        }

        private mutating func bulletList() -> String {
            (0..<int(3...6)).map { index in
                let indent = index > 0 && int(0...3) == 0 ? "  " : ""
                return indent + "- " + sentence()
            }.joined(separator: "\n")
        }

        private mutating func numberedList() -> String {
            (1...int(3...5)).map { "\($0). " + sentence() }.joined(separator: "\n")
        }

        /// A table of 3–4 columns and 3–7 rows, some cells long enough to wrap.
        private mutating func table() -> String {
            let columns = int(3...4)
            let header = (0..<columns).map { _ in words(1...2, capitalized: true) }
            let delimiters = (0..<columns).map { _ in pick([":---", ":---:", "---:", "---"]) }
            var rows = ["| " + header.joined(separator: " | ") + " |", "|" + delimiters.joined(separator: "|") + "|"]
            for _ in 0..<int(3...7) {
                let cells = (0..<columns).map { column -> String in
                    switch int(0...5) {
                    case 0: return pick(Self.extras)
                    case 1: return "`\(pick(Self.identifiers))`"
                    case 2: return "\(int(1...9_999))"
                    case 3: return column == 1 ? sentence() : "**\(words(1...2))**"
                    default: return words(1...4)
                    }
                }
                rows.append("| " + cells.joined(separator: " | ") + " |")
            }
            return rows.joined(separator: "\n")
        }

        private mutating func taskList() -> String {
            (0..<int(2...5)).map { _ in "- [\(pick([" ", "x"]))] " + sentence() }.joined(separator: "\n")
        }

        private mutating func diffBlock() -> String {
            let (_, lines) = Self.snippets[int(0...(Self.snippets.count - 1))]
            var body = ["@@ -\(int(1...90)),\(lines.count) +\(int(1...90)),\(lines.count) @@"]
            for line in lines { body.append(pick(["-", "+", " ", " "]) + line) }
            return "```diff\n" + body.joined(separator: "\n") + "\n```"
        }

        private mutating func codeBlock() -> String {
            let (language, lines) = Self.snippets[int(0...(Self.snippets.count - 1))]
            let body = (0..<int(4...9)).map { lines[$0 % lines.count] }.joined(separator: "\n")
            return "```\(language)\n\(body)\n```"
        }

        static let vocabulary = [
            "the", "stream", "renderer", "writes", "each", "line", "once", "and", "only", "redraws", "what",
            "still", "grows", "a", "terminal", "cell", "width", "token", "reply", "server", "specialist",
            "cache", "request", "retry", "session", "latency", "budget", "throughput", "window", "buffer",
            "quickly", "carefully", "without", "before", "after", "every", "small", "large", "streaming",
            "configuration", "deterministic", "concurrency", "structured", "cancellation", "backpressure",
        ]
        static let identifiers = [
            "ReplyPrinter", "maxTokens", "retry_after", "TerminalColumns", "feed(_:)", "resumeToken", "ws://",
            "stream.start", "tokensUsed", "NO_COLOR",
        ]
        static let extras = [
            "中文字符的宽度是两个单元格", "日本語のテキスト", "🚀 fast", "✅ done", "naïve café", "2 * 3 = 6", "snake_case_name",
        ]
        static let snippets: [(String, [String])] = [
            (
                "swift",
                [
                    "struct Budget: Sendable {", "    let limit: Int = 20_000 // tokens", "    var used = 0",
                    "    func remaining() -> Int { limit - used }", "}", "let message = \"hello, \\(name)\"",
                ]
            ),
            (
                "python",
                [
                    "def stream(reply, width=80):", "    # wrap at the terminal's width", "    for token in reply:",
                    "        yield token.strip() if token else None", "    return 'done'",
                    "print(f\"{len(reply)} tokens\")",
                ]
            ),
            (
                "json",
                [
                    "{", "  \"specialist\": \"apollo\",", "  \"max_tokens\": 2048,", "  \"stream\": true,",
                    "  \"temperature\": 0.7", "}",
                ]
            ),
            (
                "bash",
                [
                    "#!/usr/bin/env bash", "set -euo pipefail", "for i in 1 2 3; do",
                    "  aish apollo \"question $i\" # ask",
                    "done", "echo 'finished'",
                ]
            ),
        ]
    }
}
