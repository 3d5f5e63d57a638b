import AsyncHTTPClient
import NIOCore

/// Reads an OpenAI stream's body through an ``OpenAIStreamDecoder`` into a
/// ``ReplyEmitter``: the I/O half of the streaming transport. Thinking the server left
/// inline in the text goes out as thinking (the emitter's ``InlineThinking``).
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
        do {
            for try await buffer in body {
                let actions: [OpenAIStreamDecoder.Action]
                do {
                    actions = try decoder.decode(buffer.readableBytesView)
                } catch {
                    throw AishError.malformedResponse(url: url, detail: error.detail)
                }
                for action in actions { try apply(action, to: &emitter) }
                emitter.flush()
                if decoder.isComplete { return }
            }
        } catch let error as AishError {
            throw error
        } catch {
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            emitter.end()
            throw AishError.streamInterrupted(id: shownAs, reason: NetworkFailure.reason(for: error))
        }
        guard let last = decoder.finish() else {
            emitter.end()
            throw AishError.streamInterrupted(
                id: shownAs, reason: "the server closed the stream before `data: [DONE]`")
        }
        try apply(last, to: &emitter)
    }

    private func apply(
        _ action: OpenAIStreamDecoder.Action, to emitter: inout ReplyEmitter
    ) throws {
        switch action {
        case .start(let id):
            emitter.start(requestID: id)
        case .text(let text):
            emitter.append(OpenAIServerText.reply(text))
        case .reasoning(let text):
            emitter.appendReasoning(OpenAIServerText.reply(text))
        case .finished(let finishReason, let usage):
            emitter.end()
            Self.finish(finishReason: finishReason, usage: usage, emitter: &emitter)
        case .failed(let body):
            emitter.end()
            throw OpenAIFailure.streamError(body, endpoint: endpoint, shownAs: shownAs)
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
