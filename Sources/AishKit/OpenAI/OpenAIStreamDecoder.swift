/// Turns the bytes of an OpenAI chat-completions stream into what a transport does:
/// start, show text, finish, or fail. It does no I/O and knows no clock.
///
/// It follows the stream as real servers send it: ``SSEDecoder`` splits the
/// events (bytes may be split anywhere), a role-only first delta and null contents
/// give no text, a reasoning model's deltas carry its thinking before the answer
/// (`reasoning_content` or `reasoning`), `finish_reason` comes on the last choice chunk, an optional usage
/// chunk with `"choices": []` gives the tokens used, and `data: [DONE]` ends it.
/// After `[DONE]` or an error, further input is ignored. A server that closes the
/// stream after a `finish_reason` without `[DONE]` has still finished (``finish()``).
public struct OpenAIStreamDecoder: Sendable {
    /// What the caller should do.
    public enum Action: Sendable, Equatable {
        /// The first chunk arrived; `id` is the completion's id, if the server gave one.
        case start(id: String?)
        /// Show this reply text.
        case text(String)
        /// A reasoning model's thinking (see ``ChatEvent/reasoning(_:)``).
        case reasoning(String)
        /// The reply is complete.
        case finished(finishReason: String?, usage: OpenAIUsage?)
        /// The server reported an error; the reply ends in it.
        case failed(OpenAIErrorBody)
    }

    private var events = SSEDecoder()
    private var progress = Progress()
    /// Whether `[DONE]` or an error has ended the stream.
    public var isComplete: Bool { progress.isComplete }

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// Consumes the next bytes of the body and returns the actions they complete, in
    /// order; text from consecutive chunks is one action per chunk.
    ///
    /// - Throws: ``WireFormatError`` for an event that is not a chunk, an error or
    ///   `[DONE]`, or for an event longer than the SSE decoder's limit.
    public mutating func decode(_ bytes: some Collection<UInt8>) throws(WireFormatError) -> [Action] {
        guard !isComplete else { return [] }
        var read = ReadEvents(progress: progress)
        events.decode(bytes, into: &read)
        if events.exceededLimit {
            throw WireFormatError("an event-stream line or event longer than \(events.limit) bytes")
        }
        if let failure = read.failure { throw failure }
        progress = read.progress
        return read.actions
    }

    /// How far the stream has come.
    private struct Progress {
        var started = false
        var finishReason: String?
        var usage: OpenAIUsage?
        var isComplete = false
        /// The bytes around the text of the last chunk that carried only text.
        var template: JSONStringTemplate?
    }

    /// One read's events, each read from the bytes the SSE decoder lends (no string
    /// is made of its data) and acted on as it comes, until the stream ends or an
    /// event cannot be read. Only the stream's first chunk reads its `id`, which spares
    /// a string per token. A chunk that is the last text-only chunk's bytes with other
    /// text is read by its ``JSONStringTemplate``: servers repeat the id, time and model
    /// in every chunk, and a whole reading of them was most of a token's cost.
    private struct ReadEvents: SSEEventSink {
        var progress: Progress
        var actions: [Action] = []
        var failure: WireFormatError?

        mutating func take(id: String?, event: String, data: UnsafeBufferPointer<UInt8>) {
            guard !progress.isComplete, failure == nil else { return }
            if progress.started, let text = progress.template?.value(in: data) {
                if !text.isEmpty { actions.append(.text(text)) }
                return
            }
            do {
                var contentString: Range<Int>?
                let event = try OpenAIStreamEvent(
                    bytes: data, readingID: !progress.started, contentString: &contentString)
                // A chunk with reasoning is no template: its reasoning is around the text.
                if case .chunk(let chunk) = event, chunk.finishReason == nil, chunk.usage == nil,
                    chunk.reasoning == nil, let contentString
                {
                    progress.template = JSONStringTemplate(data, string: contentString)
                }
                handle(event)
            } catch {
                failure = error
            }
        }

        private mutating func handle(_ event: OpenAIStreamEvent) {
            switch event {
            case .chunk(let chunk):
                if !progress.started {
                    progress.started = true
                    actions.append(.start(id: chunk.id))
                }
                if let reasoning = chunk.reasoning, !reasoning.isEmpty { actions.append(.reasoning(reasoning)) }
                if let content = chunk.content, !content.isEmpty { actions.append(.text(content)) }
                if let reason = chunk.finishReason { progress.finishReason = reason }
                if let counts = chunk.usage { progress.usage = counts }
            case .error(let body):
                progress.isComplete = true
                actions.append(.failed(body))
            case .done:
                progress.isComplete = true
                if !progress.started {
                    progress.started = true
                    actions.append(.start(id: nil))
                }
                actions.append(.finished(finishReason: progress.finishReason, usage: progress.usage))
            }
        }
    }

    /// The action for the end of the body: `.finished` when the stream had finished
    /// (`[DONE]`, or a `finish_reason` before the server closed it), else `nil`,
    /// which means the reply was cut off.
    public mutating func finish() -> Action? {
        guard !isComplete, progress.finishReason != nil else { return nil }
        progress.isComplete = true
        return .finished(finishReason: progress.finishReason, usage: progress.usage)
    }
}
