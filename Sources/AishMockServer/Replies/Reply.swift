/// A specialist's deterministic answer to one message: the same specialist and
/// message give the same text, byte for byte, in every process.
struct Reply: Sendable {
    /// Who answers.
    let specialist: Specialist
    /// What was asked.
    let message: String
    /// The exact number of tokens to produce, or nil for the natural length.
    let maxTokens: Int?
    /// Whether the reply starts with the model's thinking (``thoughts()``): the
    /// OpenAI-compatible routes set it for a message that contains ``thinkMarker``.
    var thinks = false

    /// Whether the reply's text begins with the model's thinking, `<think>…</think>`
    /// before the answer, as a reasoning model sends it through a server without a
    /// reasoning parser (or through Tekton): true for a message that contains
    /// ``inlineThinkMarker``, on every route.
    let thinksInline: Bool

    init(specialist: Specialist, message: String, maxTokens: Int?) {
        self.specialist = specialist
        self.message = message
        self.maxTokens = maxTokens
        self.thinksInline = message.contains(Self.inlineThinkMarker)
    }

    /// What asks one of the mock's models to think before it answers.
    static let thinkMarker = "[think]"
    /// What asks it to think inline, in the text.
    static let inlineThinkMarker = "[think-inline]"

    /// The tags of inline thinking, as the mock writes them.
    static let inlineOpening = "<think>\n"
    static let inlineClosing = "\n</think>\n\n"

    /// The tokens of the thinking before the reply (none unless it ``thinks``); they
    /// do not count against `maxTokens`.
    func thoughts() -> [String] {
        thinks ? ReplyTokens.split(ReplyComposer.thinking(of: specialist, about: message)) : []
    }

    /// The tokens the text begins with when the reply ``thinksInline``: the tags and the
    /// thinking between them, which do not count against `maxTokens` either.
    private func inlineThoughts() -> [String] {
        guard thinksInline else { return [] }
        let thinking = ReplyTokens.split(ReplyComposer.thinking(of: specialist, about: message))
        return [Self.inlineOpening] + thinking + [Self.inlineClosing]
    }

    /// The thinking of `specialist` about `message` as it begins a reply's text.
    static func inlineThinking(of specialist: Specialist, about message: String) -> String {
        inlineOpening + ReplyComposer.thinking(of: specialist, about: message) + inlineClosing
    }

    /// `"length"` when the reply was cut to `max_tokens`, else `"stop"`.
    var finishReason: String { maxTokens == nil ? "stop" : "length" }

    /// The tokens of the reply, produced lazily.
    func tokens() -> ReplyTokens { tokens(opening: inlineThoughts()) }

    private func tokens(opening: [String]) -> ReplyTokens {
        ReplyTokens(
            composer: ReplyComposer(specialist: specialist, message: message), limit: maxTokens, opening: opening)
    }

    /// The whole reply as one string, as it goes on the wire (inline thinking included).
    var text: String { tokens().joined() }

    /// The answer alone: the ``text`` without the thinking it may begin with.
    var answer: String { tokens(opening: []).joined() }
}

/// The tokens of a ``Reply``: each a word with its leading spaces, or a newline.
struct ReplyTokens: Sequence, IteratorProtocol, Sendable {
    private var composer: ReplyComposer
    private let limit: Int?
    private var produced = 0
    private var block: [String] = []
    private var blockPosition = 0
    /// Tokens before the reply's own, outside the limit (inline thinking).
    private var opening: [String]
    private var openingPosition = 0

    init(composer: ReplyComposer, limit: Int?, opening: [String] = []) {
        self.composer = composer
        self.limit = limit
        self.opening = opening
    }

    /// The next token, or nil at the end of the reply.
    mutating func next() -> String? {
        if openingPosition < opening.count {
            defer { openingPosition += 1 }
            return opening[openingPosition]
        }
        if let limit, produced >= limit { return nil }
        while blockPosition >= block.count {
            if limit == nil && composer.finishedNaturalReply { return nil }
            block = Self.split(composer.nextBlock())
            blockPosition = 0
        }
        defer {
            blockPosition += 1
            produced += 1
        }
        return block[blockPosition]
    }

    /// Splits text into newlines and runs of spaces plus the word after them.
    /// Spaces and newlines are ASCII, so cutting the UTF-8 there never splits a
    /// multi-byte character.
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        var sawWord = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                if index != start { tokens.append(String(Substring(text.utf8[start..<index]))) }
                tokens.append("\n")
                index = bytes.index(after: index)
                start = index
                sawWord = false
                continue
            }
            if byte == UInt8(ascii: " ") && sawWord {
                tokens.append(String(Substring(text.utf8[start..<index])))
                start = index
                sawWord = false
            } else if byte != UInt8(ascii: " ") {
                sawWord = true
            }
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex { tokens.append(String(Substring(text.utf8[start..<bytes.endIndex]))) }
        return tokens
    }
}
