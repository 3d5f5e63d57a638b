import AsyncHTTPClient
import NIOCore

/// Reads an OpenAI stream's body through an ``OpenAIStreamDecoder`` into a
/// ``ReplyEmitter``: the I/O half of the streaming transport. Thinking the server left
/// inline in the text goes out as thinking (``InlineThinking``).
struct OpenAIStreamReader {
    /// The server, to redact its key from errors.
    let endpoint: OpenAIEndpoint
    /// The request's URL, for errors.
    let url: String
    /// The model as the user named it, for errors.
    let shownAs: String

    /// Reads the body until the stream is complete; text read together goes out as
    /// one `.text`.
    func read(_ body: HTTPClientResponse.Body, into emitter: inout ReplyEmitter) async throws {
        var decoder = OpenAIStreamDecoder()
        var inline = InlineThinking()
        do {
            for try await buffer in body {
                let actions: [OpenAIStreamDecoder.Action]
                do {
                    actions = try decoder.decode(buffer.readableBytesView)
                } catch {
                    throw AishError.malformedResponse(url: url, detail: error.detail)
                }
                for action in actions { try apply(action, to: &emitter, inline: &inline) }
                emitter.flush()
                if decoder.isComplete { return }
            }
        } catch let error as AishError {
            throw error
        } catch {
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            Self.append(inline.finish(), to: &emitter)
            emitter.flush()
            throw AishError.streamInterrupted(id: shownAs, reason: NetworkFailure.reason(for: error))
        }
        guard let last = decoder.finish() else {
            Self.append(inline.finish(), to: &emitter)
            emitter.flush()
            throw AishError.streamInterrupted(
                id: shownAs, reason: "the server closed the stream before `data: [DONE]`")
        }
        try apply(last, to: &emitter, inline: &inline)
    }

    private func apply(
        _ action: OpenAIStreamDecoder.Action, to emitter: inout ReplyEmitter, inline: inout InlineThinking
    ) throws {
        switch action {
        case .start(let id):
            emitter.start(requestID: id)
        case .text(let text):
            if inline.passesThrough {
                emitter.append(OpenAIServerText.reply(text))
            } else {
                Self.append(inline.split(text), to: &emitter)
            }
        case .reasoning(let text):
            emitter.appendReasoning(OpenAIServerText.reply(text))
        case .finished(let finishReason, let usage):
            Self.append(inline.finish(), to: &emitter)
            Self.finish(finishReason: finishReason, usage: usage, emitter: &emitter)
        case .failed(let body):
            Self.append(inline.finish(), to: &emitter)
            emitter.flush()
            throw OpenAIFailure.streamError(body, endpoint: endpoint, shownAs: shownAs)
        }
    }

    /// Sends the pieces of the reply's text on: thinking written inline (``InlineThinking``)
    /// as thinking, the rest as text.
    static func append(_ pieces: [InlineThinking.Piece], to emitter: inout ReplyEmitter) {
        for piece in pieces {
            switch piece {
            case .thinking(let text): emitter.appendReasoning(OpenAIServerText.reply(text))
            case .answer(let text): emitter.append(OpenAIServerText.reply(text))
            }
        }
    }

    /// Ends the reply: a notice when a content filter cut it off, then `.done` with the tokens of
    /// the reply (`completion_tokens`) when the server counted them.
    static func finish(finishReason: String?, usage: OpenAIUsage?, emitter: inout ReplyEmitter) {
        // `length` gets its notice from the emitter, as Tekton's replies do.
        if finishReason == "content_filter" {
            emitter.notice(code: "content_filter", message: "the server's content filter cut the reply off")
        }
        emitter.done(tokensUsed: usage?.completionTokens ?? usage?.totalTokens, finishReason: finishReason)
    }
}
