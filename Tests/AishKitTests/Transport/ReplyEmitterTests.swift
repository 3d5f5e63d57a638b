import Testing

@testable import AishKit

/// What a transport's reading becomes: `.started` first, one event per network read,
/// thinking written inline told apart from the answer, nothing held back lost.
@Suite struct ReplyEmitterTests {
    /// The events `feed` makes an emitter yield.
    private func events(_ feed: (inout ReplyEmitter) -> Void) async throws -> [ChatEvent] {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatEvent.self)
        var emitter = ReplyEmitter(ReplyOutlet(continuation), transport: .sse)
        feed(&emitter)
        continuation.finish()
        var events: [ChatEvent] = []
        for try await event in stream { events.append(event) }
        return events
    }

    @Test func textReadTogetherIsOneEventAndCountsItsChunks() async throws {
        let events = try await events { emitter in
            emitter.append("Hello")
            emitter.append(", world", tokens: 2)
            emitter.flush()
            emitter.append("!")
            emitter.done(tokensUsed: nil, finishReason: nil)
        }
        #expect(
            events == [
                .started(requestID: nil, transport: .sse), .text("Hello, world", tokens: 3), .text("!", tokens: 1),
                .done(tokensUsed: nil, finishReason: nil),
            ])
    }

    @Test func thinkingWrittenInlineGoesOutAsThinking() async throws {
        let events = try await events { emitter in
            for piece in ["<thi", "nk>\nWhy? Be", "cause.\n</th", "ink>\n\nBlue", "."] {
                emitter.append(piece)
                emitter.flush()
            }
            emitter.done(tokensUsed: 9, finishReason: "stop")
        }
        #expect(
            events == [
                .started(requestID: nil, transport: .sse), .reasoning("Why? Be"), .reasoning("cause."),
                .text("Blue", tokens: 1), .text(".", tokens: 1), .done(tokensUsed: 9, finishReason: "stop"),
            ])
    }

    /// A reply that ends (an error) while its first characters could still open a
    /// block, or while a block's end could be on its way, keeps what was held back.
    @Test func endingLetsHeldTextGo() async throws {
        let opening = try await events { emitter in
            emitter.append(" <thin")
            emitter.flush()
            emitter.end()
        }
        #expect(opening == [.started(requestID: nil, transport: .sse), .text(" <thin", tokens: 1)])
        let closing = try await events { emitter in
            emitter.append("<think>almost </thi")
            emitter.flush()
            emitter.end()
        }
        #expect(
            closing == [
                .started(requestID: nil, transport: .sse), .reasoning("almost"), .reasoning(" </thi"),
            ])
    }
}
