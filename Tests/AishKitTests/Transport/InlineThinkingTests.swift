import Testing

@testable import AishKit

/// `<think>…</think>` at the start of a reply's text is the model's thinking, however
/// the server cuts the text into chunks; any other reply passes through byte for byte.
@Suite struct InlineThinkingTests {
    /// The thinking and the answer `text` gives when the server sends it in chunks of
    /// `size` characters.
    private func split(_ text: String, chunksOf size: Int) -> (thinking: String, answer: String) {
        var splitter = InlineThinking()
        var pieces: [InlineThinking.Piece] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces += splitter.split(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        pieces += splitter.finish()
        var thinking = ""
        var answer = ""
        for piece in pieces {
            switch piece {
            case .thinking(let text): thinking += text
            case .answer(let text): answer += text
            }
        }
        return (thinking, answer)
    }

    @Test(arguments: 1...12)
    func aLeadingBlockIsThinkingWhereverTheChunksEnd(size: Int) {
        let text = "<think>\nFirst, the sky.\nThen </thi the sea.\n</think>\n\nThe answer: blue. <think> stays."
        let (thinking, answer) = split(text, chunksOf: size)
        #expect(thinking == "First, the sky.\nThen </thi the sea.")
        #expect(answer == "The answer: blue. <think> stays.")
    }

    @Test(arguments: 1...9)
    func anyOtherReplyPassesThroughByteForByte(size: Int) {
        for text in ["  Hello <think> x </think>", "<thead>table</thead>", "<", " \n", "plain", "<think", "x<think>y"] {
            let (thinking, answer) = split(text, chunksOf: size)
            #expect(thinking.isEmpty, "\(text)")
            #expect(answer == text, "\(text) in chunks of \(size)")
        }
    }

    @Test func anEmptyBlockGivesNoThinkingAndAnUnclosedOneIsAllThinking() {
        #expect(split("<think>\n\n</think>\n\nJust the answer.", chunksOf: 3) == ("", "Just the answer."))
        #expect(split("\n<think>still pondering ", chunksOf: 4) == ("still pondering", ""))
        #expect(split("<think></think>", chunksOf: 1) == ("", ""))
    }

    @Test func onceTheAnswerFlowsItPassesThrough() {
        var splitter = InlineThinking()
        #expect(splitter.split("<think>a</think>") == [.thinking("a")])
        #expect(!splitter.passesThrough)
        #expect(splitter.split("\n\n") == [])
        #expect(splitter.split("b") == [.answer("b")])
        #expect(splitter.passesThrough)
        #expect(splitter.split("<think>c") == [.answer("<think>c")])
        #expect(splitter.finish() == [])
    }

    @Test func aWholeReplyIsSplitToo() {
        #expect(InlineThinking.split(whole: "<think>why</think>\nbecause") == ("why", "because"))
        #expect(InlineThinking.split(whole: "because") == (nil, "because"))
    }
}
