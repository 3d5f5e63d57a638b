/// Thinking that a server left in the reply's text: a reasoning model served without a
/// reasoning parser (vLLM without `--reasoning-parser`, LM Studio or Ollama set up so)
/// writes it into `content`, `<think>…</think>` before the answer. This splits such a
/// stream's text into thinking and answer, as if the server had sent the thinking as
/// `reasoning_content`: it then shows, is saved and is sent back like any model's.
///
/// Only a reply that *begins* with `<think>` (after blanks) is split; any other passes
/// through unchanged, and a `<think>` later in a reply is the answer's own text. Tags
/// may be cut anywhere between chunks. The blank lines around the tags are dropped, and
/// an empty block (Qwen3 with thinking turned off sends `<think>\n\n</think>`) gives no
/// thinking at all.
struct InlineThinking: Sendable {
    /// A piece of the reply's text.
    enum Piece: Sendable, Equatable {
        case thinking(String)
        case answer(String)
    }

    private enum State: Sendable {
        /// Not yet known whether the reply begins with `<think>`: the text so far.
        case opening(String)
        /// Inside the block; `held` may be the start of `</think>`, `started` says
        /// whether any thinking (not blanks) has gone out.
        case thinking(held: String, started: Bool)
        /// After the block: blanks before the answer are dropped.
        case answerBegins
        /// Everything is the answer.
        case answering
    }

    static let open = "<think>"
    static let close = "</think>"

    private var state = State.opening("")

    /// Whether every further text is the answer as it is: the caller may skip ``split(_:)``.
    var passesThrough: Bool {
        if case .answering = state { true } else { false }
    }

    /// The pieces `text`, the next text of the stream, completes.
    mutating func split(_ text: String) -> [Piece] {
        switch state {
        case .opening(let before):
            let seen = before + text
            let rest = seen.drop(while: \.isWhitespace)
            if rest.hasPrefix(Self.open) {
                state = .thinking(held: "", started: false)
                return split(String(rest.dropFirst(Self.open.count)))
            }
            if Self.open.hasPrefix(rest) {
                state = .opening(seen)
                return []
            }
            state = .answering
            return [.answer(seen)]
        case .thinking(let held, let started):
            let seen = held + text
            if let end = seen.firstRange(of: Self.close) {
                let thought = Self.thinking(String(seen[..<end.lowerBound]), started: started, last: true)
                state = .answerBegins
                return (thought.map { [.thinking($0)] } ?? []) + split(String(seen[end.upperBound...]))
            }
            // Held back: what may begin `</think>`, and the blanks before it (they may end the block).
            var kept = Self.partialClose(endOf: seen)
            kept += seen.dropLast(kept).reversed().prefix(while: \.isWhitespace).count
            let out = String(seen.dropLast(kept))
            let thought = Self.thinking(out, started: started, last: false)
            state = .thinking(held: String(seen.suffix(kept)), started: started || thought != nil)
            return thought.map { [.thinking($0)] } ?? []
        case .answerBegins:
            let answer = text.drop(while: \.isWhitespace)
            guard !answer.isEmpty else { return [] }
            state = .answering
            return [.answer(String(answer))]
        case .answering:
            return text.isEmpty ? [] : [.answer(text)]
        }
    }

    /// What is left at the end of the stream: text that might have begun `<think>`, or
    /// a block that was never closed (the model stopped while thinking).
    mutating func finish() -> [Piece] {
        defer { state = .answering }
        switch state {
        case .opening(let seen): return seen.isEmpty ? [] : [.answer(seen)]
        case .thinking(let held, let started):
            return Self.thinking(held, started: started, last: true).map { [.thinking($0)] } ?? []
        case .answerBegins, .answering: return []
        }
    }

    /// Splits a whole reply (a completion that was not streamed).
    static func split(whole text: String) -> (thinking: String?, answer: String) {
        var splitter = InlineThinking()
        var thinking = ""
        var answer = ""
        for piece in splitter.split(text) + splitter.finish() {
            switch piece {
            case .thinking(let text): thinking += text
            case .answer(let text): answer += text
            }
        }
        return (thinking.isEmpty ? nil : thinking, answer)
    }

    /// `text` as thinking to show: without the blanks before the first thought, and at
    /// the `last` piece without those after it; nil when nothing is left.
    private static func thinking(_ text: String, started: Bool, last: Bool) -> String? {
        var piece = Substring(text)
        if !started { piece = piece.drop(while: \.isWhitespace) }
        if last { while let end = piece.last, end.isWhitespace { piece.removeLast() } }
        return piece.isEmpty ? nil : String(piece)
    }

    /// How many characters at the end of `text` could begin `</think>`.
    private static func partialClose(endOf text: String) -> Int {
        for count in stride(from: min(close.count - 1, text.count), to: 0, by: -1)
        where close.hasPrefix(text.suffix(count)) {
            return count
        }
        return 0
    }
}
