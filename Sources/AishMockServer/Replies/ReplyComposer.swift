/// Writes a specialist's Markdown reply one block at a time, so a reply of any
/// length costs only the memory of its current block.
///
/// The natural reply is a heading, a quote echoing the message (Rhetor's "echo
/// from" flavour), a paragraph naming the specialist's role (with a link), a
/// bulleted list, a table (with CJK), a task list, a fenced code block (a diff
/// now and then) and a closing line: everything the renderer draws. Blocks after that are extra sections,
/// used only when a caller asks for more tokens than the natural reply has.
struct ReplyComposer: Sendable {
    private typealias Words = ReplyVocabulary
    private var rng: SplitMix64
    private let specialist: Specialist
    private let message: String
    private var blockIndex = 0

    /// The number of blocks in the natural reply.
    static let naturalBlockCount = 8

    /// A composer whose blocks depend only on the specialist and the message.
    init(specialist: Specialist, message: String) {
        var hash = StableHash()
        hash.combine(specialist.id)
        hash.combineSeparator()
        hash.combine(message)
        self.rng = SplitMix64(seed: hash.value)
        self.specialist = specialist
        self.message = message
    }

    /// A reasoning model's thinking about `message`, before its reply: a few
    /// sentences that depend only on the specialist and the message, as the reply does.
    static func thinking(of specialist: Specialist, about message: String) -> String {
        // Seeded apart from the reply's own words, which stay what they are without thinking.
        var rng = ReplyComposer(specialist: specialist, message: message + "\u{0}thinking").rng
        let words = ReplyComposer(specialist: specialist, message: message).messageWords()
        let asked = words.isEmpty ? "nothing in particular" : words.prefix(8).joined(separator: " ")
        return "\nThe question: \(asked). As \(specialist.name) I should look at "
            + "\(rng.pick(Words.subjects)) first; it \(rng.pick(Words.verbs)) \(rng.pick(Words.objects)).\n"
            + "Then check `\(rng.pick(Words.identifiers))` and answer with a heading, a list and an example.\n\n"
    }

    /// Whether every block of the natural reply has been written.
    var finishedNaturalReply: Bool { blockIndex >= Self.naturalBlockCount }

    /// The next block, with the blank line that separates it from the previous one.
    mutating func nextBlock() -> String {
        defer { blockIndex += 1 }
        let separator = blockIndex == 0 ? "" : "\n\n"
        switch blockIndex {
        case 0: return separator + "## \(specialist.name) on \(topic())"
        case 1: return separator + "> echo from \(specialist.id): \(excerpt(words: 16))"
        case 2: return separator + introduction()
        case 3: return separator + bulletList(items: rng.int(in: 2...4))
        case 4: return separator + table()
        case 5: return separator + taskList()
        case 6: return separator + codeBlock()
        case 7: return separator + "\(rng.pick(Words.closings)) \(rng.pick(Words.emoji))"
        default: return separator + extraSection(number: blockIndex - Self.naturalBlockCount + 1)
        }
    }

    private func topic() -> String {
        let words = messageWords()
        guard !words.isEmpty else { return "your question" }
        return "“" + words.prefix(6).joined(separator: " ") + (words.count > 6 ? " …”" : "”")
    }

    private func excerpt(words count: Int) -> String {
        let words = messageWords()
        return words.prefix(count).joined(separator: " ") + (words.count > count ? " …" : "")
    }

    /// The message's words with Markdown markers removed, so the echo cannot
    /// break the reply's own structure.
    private func messageWords() -> [String] {
        message.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .map { $0.filter { !"`#*_>[]".contains($0) } }
            .filter { !$0.isEmpty }
    }

    private mutating func introduction() -> String {
        let topic = rng.pick(Words.linkTopics)
        let role = specialist.description.prefix(1).lowercased() + specialist.description.dropFirst().lowercased()
        return "\(rng.pick(Words.openings)) As \(specialist.name), the \(role), I look at "
            + "\(rng.pick(Words.subjects)) first: it \(rng.pick(Words.verbs)) \(rng.pick(Words.objects)) "
            + "\(rng.pick(Words.qualifiers)). \(rng.pick(Words.accents)) \(rng.pick(Words.accentEndings)) "
            + "In \(rng.pick(Words.cjk)) terms, `\(rng.pick(Words.identifiers))` is the knob that matters. "
            + "See [the notes on \(topic)](https://docs.example.org/aish/\(topic)) for more."
    }

    private mutating func table() -> String {
        let rows = (0..<2).map { _ in
            "| \(rng.pick(Words.subjects)) | \(rng.pick(Words.states)) | \(rng.int(in: 1...99)) |"
        }
        return "| Part | 状態 | 📦 Load |\n|:--|:--:|--:|\n" + rows.joined(separator: "\n")
    }

    private mutating func taskList() -> String {
        "- [x] \(rng.pick(Words.labels)): \(rng.pick(Words.subjects)) \(rng.pick(Words.verbs)) "
            + "\(rng.pick(Words.objects))\n- [ ] \(rng.pick(Words.labels)): check `\(rng.pick(Words.identifiers))`"
    }

    private mutating func bulletList(items: Int) -> String {
        (0..<items).map { _ in
            "- **\(rng.pick(Words.labels))**: \(rng.pick(Words.subjects)) \(rng.pick(Words.verbs)) "
                + "\(rng.pick(Words.objects)) via `\(rng.pick(Words.identifiers))`."
        }.joined(separator: "\n")
    }

    private mutating func codeBlock() -> String {
        let snippet = Words.snippets[rng.int(in: 0...(Words.snippets.count - 1))]
        let number = String(rng.int(in: 2...9))
        let lines = snippet.lines.map {
            $0.replacing("{n}", with: number).replacing("{id}", with: specialist.id)
        }
        return "```\(snippet.language)\n" + lines.joined(separator: "\n") + "\n```"
    }

    private mutating func extraSection(number: Int) -> String {
        let heading = "### \(specialist.name), part \(number): \(rng.pick(Words.subjects))\n\n"
        let paragraph =
            "\(rng.pick(Words.openings)) \(rng.pick(Words.accents)) \(rng.pick(Words.accentEndings)) "
            + "Then \(rng.pick(Words.subjects)) \(rng.pick(Words.verbs)) \(rng.pick(Words.objects)) "
            + "\(rng.pick(Words.qualifiers)) \(rng.pick(Words.emoji))\n\n"
        return heading + paragraph + (number % 2 == 0 ? codeBlock() : bulletList(items: rng.int(in: 2...4)))
    }
}
