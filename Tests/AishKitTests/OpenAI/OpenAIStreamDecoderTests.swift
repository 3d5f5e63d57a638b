import Testing

@testable import AishKit

/// The OpenAI stream decoder on streams as real servers send them, split anywhere.
@Suite struct OpenAIStreamDecoderTests {
    typealias Action = OpenAIStreamDecoder.Action

    /// A chunk as OpenAI writes it, with `delta` and `finish_reason` as given (JSON).
    static func chunk(delta: String, finish: String = "null", id: String = "chatcmpl-7") -> String {
        #"data: {"id":"\#(id)","object":"chat.completion.chunk","created":1,"model":"m","#
            + #""choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]}"# + "\n\n"
    }

    static let usage =
        #"data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"#
        + #""usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}"# + "\n\n"

    /// A whole stream: role-only delta, three tokens (one null), finish, usage, [DONE].
    static let typical =
        chunk(delta: #"{"role":"assistant","content":""}"#) + chunk(delta: #"{"content":"Hello"}"#)
        + chunk(delta: #"{"content":null}"#) + chunk(delta: #"{"content":" world"}"#)
        + chunk(delta: "{}", finish: #""stop""#) + usage + "data: [DONE]\n\n"

    static let typicalActions: [Action] = [
        .start(id: "chatcmpl-7"), .text("Hello"), .text(" world"),
        .finished(
            finishReason: "stop", usage: OpenAIUsage(promptTokens: 9, completionTokens: 3, totalTokens: 12)),
    ]

    private func decode(_ parts: [String]) throws -> (actions: [Action], decoder: OpenAIStreamDecoder) {
        var decoder = OpenAIStreamDecoder()
        var actions: [Action] = []
        for part in parts { actions += try decoder.decode(Array(part.utf8)) }
        return (actions, decoder)
    }

    @Test func aTypicalStreamGivesStartTextAndTheUsageOfTheFinalChunk() throws {
        let (actions, decoder) = try decode([Self.typical])
        #expect(actions == Self.typicalActions)
        #expect(decoder.isComplete)
    }

    @Test func everySplitOfTheBytesGivesTheSameText() throws {
        let bytes = Array(Self.typical.utf8)
        for cut in stride(from: 1, to: bytes.count, by: 7) {
            var decoder = OpenAIStreamDecoder()
            let actions = try decoder.decode(bytes[..<cut]) + decoder.decode(bytes[cut...])
            #expect(actions == Self.typicalActions, "split at \(cut)")
        }
        var decoder = OpenAIStreamDecoder()
        var actions: [Action] = []
        for byte in bytes { actions += try decoder.decode([byte]) }
        #expect(actions == Self.typicalActions)
    }

    @Test func aRoleOnlyFirstDeltaStartsTheReplyWithoutText() throws {
        let (actions, decoder) = try decode([Self.chunk(delta: #"{"role":"assistant"}"#)])
        #expect(actions == [.start(id: "chatcmpl-7")])
        #expect(!decoder.isComplete)
    }

    @Test func nullAndEmptyContentGiveNoText() throws {
        let (actions, _) = try decode([
            Self.chunk(delta: #"{"content":null}"#), Self.chunk(delta: #"{"content":""}"#),
            Self.chunk(delta: #"{"role":null,"content":"x"}"#),
        ])
        #expect(actions == [.start(id: "chatcmpl-7"), .text("x")])
    }

    @Test func escapedTextIsUnescaped() throws {
        let (actions, _) = try decode([
            Self.chunk(delta: #"{"content":"a\nb \"q\" \u00e9 \ud83d\ude00"}"#),
            Self.chunk(delta: #"{"content":"ünï"}"#),
        ])
        #expect(actions == [.start(id: "chatcmpl-7"), .text("a\nb \"q\" é 😀"), .text("ünï")])
    }

    /// Chunks that are the bytes of the chunk before them with other text are read by
    /// its template; whatever stands in the text's place, each chunk gives what
    /// reading it in full gives (its text, or its error), a changed chunk included.
    @Test(arguments: [
        #""second""#, #""""#, #""a\nb \"q\" \u00e9""#, "null", "12", #""a","content":"b""#, #" "spaced" "#,
        #""tab"# + "\t" + #"here""#, #""unterminated"#, #""bad \q""#, #""a"}}]} {"x":"b""#,
    ])
    func chunksDifferingOnlyInTheirTextAreReadAsInFull(middle: String) throws {
        let texts = [#""first""#, middle, #""third""#]
        var decoder = OpenAIStreamDecoder()
        var actions = try decoder.decode(Array(Self.chunk(delta: #"{"role":"assistant"}"#).utf8))
        for text in texts {
            let event = Self.chunk(delta: #"{"content":"# + text + "}")
            let json = String(event.dropFirst("data: ".count).dropLast(2))
            let expected = Result { () throws(WireFormatError) in try OpenAIStreamEvent(data: json, readingID: false) }
            do {
                let got = try decoder.decode(Array(event.utf8))
                guard case .success(.chunk(let chunk)) = expected else {
                    Issue.record("\(middle): read, though reading it in full fails")
                    return
                }
                #expect(got == (chunk.content.map { $0.isEmpty ? [] : [Action.text($0)] } ?? []), "\(middle)")
                actions += got
            } catch {
                #expect((try? expected.get()) == nil, "\(middle): \(error)")
                return
            }
        }
        // A chunk with other bytes around its text (another model) is read in full too.
        let other = Self.chunk(delta: #"{"content":"fourth"}"#).replacingOccurrences(of: #""m""#, with: #""n""#)
        actions += try decoder.decode(Array(other.utf8))
        #expect(actions.first == .start(id: "chatcmpl-7"))
        #expect(actions.last == .text("fourth"))
        #expect(actions.contains(.text("first")) && actions.contains(.text("third")))
    }

    @Test func lengthIsReportedAsTheFinishReason() throws {
        let (actions, _) = try decode([
            Self.chunk(delta: #"{"content":"cut"}"#), Self.chunk(delta: "{}", finish: #""length""#), "data: [DONE]\n\n",
        ])
        #expect(actions.last == .finished(finishReason: "length", usage: nil))
    }

    @Test func usageOnTheLastChoiceChunkCountsToo() throws {
        let last =
            #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"#
            + #""usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"# + "\n\ndata: [DONE]\n\n"
        let (actions, _) = try decode([last])
        #expect(
            actions == [
                .start(id: nil),
                .finished(
                    finishReason: "stop", usage: OpenAIUsage(promptTokens: 1, completionTokens: 2, totalTokens: 3)),
            ])
    }

    @Test func anErrorEventFailsTheReplyAndEndsTheStream() throws {
        let error = #"data: {"error":{"message":"model crashed","type":"server_error","code":503}}"# + "\n\n"
        let (actions, decoder) = try decode([
            Self.chunk(delta: #"{"content":"par"}"#), error, Self.chunk(delta: #"{"content":"ignored"}"#),
        ])
        #expect(
            actions == [
                .start(id: "chatcmpl-7"), .text("par"),
                .failed(OpenAIErrorBody(message: "model crashed", type: "server_error", code: "503")),
            ])
        #expect(decoder.isComplete)
    }

    @Test func inputAfterDoneIsIgnored() throws {
        let (actions, _) = try decode(["data: [DONE]\n\n", Self.chunk(delta: #"{"content":"late"}"#)])
        #expect(actions == [.start(id: nil), .finished(finishReason: nil, usage: nil)])
    }

    @Test func commentsCRLFAndOnlyTheFirstChoiceAreHandled() throws {
        let twoChoices = #"data: {"choices":[{"delta":{"content":"one"}},{"delta":{"content":"two"}}]}"#
        let (actions, _) = try decode([": keep-alive\r\n\r\n", twoChoices + "\r\n\r\n", "data: [DONE]\r\n\r\n"])
        #expect(actions == [.start(id: nil), .text("one"), .finished(finishReason: nil, usage: nil)])
    }

    @Test func aStreamClosedAfterAFinishReasonButBeforeDoneIsComplete() throws {
        var (_, decoder) = try decode([Self.chunk(delta: "{}", finish: #""stop""#)])
        #expect(decoder.finish() == .finished(finishReason: "stop", usage: nil))
        var (_, cut) = try decode([Self.chunk(delta: #"{"content":"half"}"#)])
        #expect(cut.finish() == nil)
    }

    @Test(arguments: [
        #"data: {"choices":[{"delta":{"content":"x"}}]"#, #"data: {"choices":[{"delta":{"content":"x\q"}}]}"#,
        #"data: not json"#, #"data: {"choices":[{"delta":{"content":"x"}}]} trailing"#,
        #"data: {"choices":[01]}"#, "data: {\"id\":\"a\u{01}\"}",
    ])
    func malformedEventsThrowWithoutQuotingTheData(event: String) throws {
        var decoder = OpenAIStreamDecoder()
        do {
            _ = try decoder.decode(Array((event + "\n\n").utf8))
            Issue.record("expected an error for \(event)")
        } catch {
            #expect(error.detail.contains("byte") || error.detail.contains("string"))
            #expect(!error.detail.contains("not json"))
        }
    }

    @Test func deeplyNestedValuesAreRefusedNotRecursedInto() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: WireFormatError.self) {
            var decoder = OpenAIStreamDecoder()
            _ = try decoder.decode(Array(#"data: {"x":\#(deep)}"#.utf8) + [10, 10])
        }
    }

    /// A reasoning model's thinking comes before its answer in `reasoning_content`
    /// (vLLM, llama.cpp, DeepSeek) or `reasoning` (Ollama, OpenRouter); null, or a
    /// `reasoning` that is an object, is no thinking.
    @Test func reasoningDeltasGiveThinkingBeforeTheText() throws {
        let (actions, _) = try decode([
            Self.chunk(delta: #"{"role":"assistant","content":null,"reasoning_content":"Let me"}"#),
            Self.chunk(delta: #"{"content":null,"reasoning_content":" think.\n"}"#),
            Self.chunk(delta: #"{"content":"","reasoning":"Ollama's"}"#),
            Self.chunk(delta: #"{"reasoning":{"effort":"high"},"reasoning_content":null,"content":"Hi"}"#),
            Self.chunk(delta: #"{"content":"!"}"#) + "data: [DONE]\n\n",
        ])
        #expect(
            actions == [
                .start(id: "chatcmpl-7"), .reasoning("Let me"), .reasoning(" think.\n"), .reasoning("Ollama's"),
                .text("Hi"), .text("!"), .finished(finishReason: nil, usage: nil),
            ])
    }

    /// A chunk that carries both gives its thinking first; and a chunk with thinking
    /// is never the template for the chunks after it, whose thinking would be lost.
    @Test func aChunkWithThinkingAndTextIsNoTemplate() throws {
        let both = Self.chunk(delta: #"{"content":"","reasoning_content":"same"}"#)
        let (actions, _) = try decode([
            Self.chunk(delta: #"{"content":"a","reasoning_content":"same"}"#), both,
            Self.chunk(delta: #"{"content":"b","reasoning_content":"same"}"#),
        ])
        #expect(
            actions == [
                .start(id: "chatcmpl-7"), .reasoning("same"), .text("a"), .reasoning("same"), .reasoning("same"),
                .text("b"),
            ])
    }
}
