import AsyncHTTPClient
import NIOCore

/// Reads an OpenAI stream's body, one network read at a time, through an
/// ``OpenAIStreamDecoder`` into a ``ReplyEmitter``: the I/O half of the streaming
/// transport (``OpenAIPulledReply`` calls it). Thinking the server left inline in the
/// text goes out as thinking (the emitter's ``InlineThinking``).
struct OpenAIStreamReader: Sendable {
    /// The server, to redact its key from errors.
    let endpoint: OpenAIEndpoint
    /// The request's URL, for errors.
    let url: String
    /// The model as the user named it, for errors.
    let shownAs: String

    /// Reads one network read of the body; its text goes out as one `.text`.
    /// Returns whether the stream is complete.
    func read(_ buffer: ByteBuffer, with decoder: inout OpenAIStreamDecoder, into emitter: inout ReplyEmitter)
        throws(AishError) -> Bool
    {
        let actions: [OpenAIStreamDecoder.Action]
        do {
            actions = try decoder.decode(buffer.readableBytesView)
        } catch {
            throw AishError.malformedResponse(url: url, detail: error.detail)
        }
        for action in actions { try apply(action, to: &emitter) }
        emitter.flush()
        return decoder.isComplete
    }

    /// The body ended before the stream was complete: finished all the same when a
    /// `finish_reason` came, else cut off.
    func end(_ decoder: inout OpenAIStreamDecoder, into emitter: inout ReplyEmitter) throws(AishError) {
        guard let last = decoder.finish() else {
            emitter.end()
            throw AishError.streamInterrupted(
                id: shownAs, reason: "the server closed the stream before `data: [DONE]`")
        }
        try apply(last, to: &emitter)
    }

    /// What a failed read of the body ends the reply with, after the text held back so far.
    func failure(_ error: any Error, emitter: inout ReplyEmitter) -> any Error {
        if let error = error as? AishError { return error }
        if NetworkFailure.isCancellation(error) { return CancellationError() }
        emitter.end()
        return AishError.streamInterrupted(id: shownAs, reason: NetworkFailure.reason(for: error))
    }

    private func apply(_ action: OpenAIStreamDecoder.Action, to emitter: inout ReplyEmitter) throws(AishError) {
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

    /// A reply answered whole (`stream: false`, or a server that ignored it).
    static func emit(_ completion: OpenAICompletion, into emitter: inout ReplyEmitter) {
        emitter.start(requestID: completion.id)
        // Thinking written inline, `<think>…</think>` first, the emitter splits off.
        if let thinking = completion.reasoning, !thinking.isEmpty {
            emitter.appendReasoning(OpenAIServerText.reply(thinking))
        }
        if let text = completion.content, !text.isEmpty { emitter.append(OpenAIServerText.reply(text)) }
        finish(finishReason: completion.finishReason, usage: completion.usage, emitter: &emitter)
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
