/// Turns the bytes of an OpenAI chat-completions stream into what a transport does:
/// start, show text, finish, or fail. It does no I/O and knows no clock.
///
/// It follows the stream as real servers send it: ``SSEDecoder`` splits the
/// events (bytes may be split anywhere), a role-only first delta and null contents
/// give no text, `finish_reason` comes on the last choice chunk, an optional usage
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
        /// The reply is complete.
        case finished(finishReason: String?, usage: OpenAIUsage?)
        /// The server reported an error; the reply ends in it.
        case failed(OpenAIErrorBody)
    }

    private var events = SSEDecoder()
    private var started = false
    private var finishReason: String?
    private var usage: OpenAIUsage?
    /// Whether `[DONE]` or an error has ended the stream.
    public private(set) var isComplete = false

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// Consumes the next bytes of the body and returns the actions they complete, in
    /// order; text from consecutive chunks is one action per chunk.
    ///
    /// - Throws: ``WireFormatError`` for an event that is not a chunk, an error or
    ///   `[DONE]`, or for an event longer than the SSE decoder's limit.
    public mutating func decode(_ bytes: some Collection<UInt8>) throws(WireFormatError) -> [Action] {
        guard !isComplete else { return [] }
        var read = ReadEvents(readingID: !started)
        events.decode(bytes, into: &read)
        if events.exceededLimit {
            throw WireFormatError("an event-stream line or event longer than \(events.limit) bytes")
        }
        var actions: [Action] = []
        for event in read.items {
            handle(try event.get(), into: &actions)
            if isComplete { break }
        }
        return actions
    }

    /// One read's events, each read from the bytes the SSE decoder lends (no string
    /// is made of its data), in order, an unreadable one as its error. Only the
    /// stream's first event reads the chunk's `id`, which spares a string per token.
    private struct ReadEvents: SSEEventSink {
        var readingID: Bool
        var items: [Result<OpenAIStreamEvent, WireFormatError>] = []

        mutating func take(id: String?, event: String, data: UnsafeBufferPointer<UInt8>) {
            let readsID = readingID
            readingID = false
            items.append(
                Result { () throws(WireFormatError) in try OpenAIStreamEvent(bytes: data, readingID: readsID) })
        }
    }

    /// The action for the end of the body: `.finished` when the stream had finished
    /// (`[DONE]`, or a `finish_reason` before the server closed it), else `nil`,
    /// which means the reply was cut off.
    public mutating func finish() -> Action? {
        guard !isComplete else { return nil }
        guard finishReason != nil else { return nil }
        isComplete = true
        return .finished(finishReason: finishReason, usage: usage)
    }

    private mutating func handle(_ event: OpenAIStreamEvent, into actions: inout [Action]) {
        switch event {
        case .chunk(let chunk):
            if !started {
                started = true
                actions.append(.start(id: chunk.id))
            }
            if let content = chunk.content, !content.isEmpty { actions.append(.text(content)) }
            if let reason = chunk.finishReason { finishReason = reason }
            if let counts = chunk.usage { usage = counts }
        case .error(let body):
            isComplete = true
            actions.append(.failed(body))
        case .done:
            isComplete = true
            if !started {
                started = true
                actions.append(.start(id: nil))
            }
            actions.append(.finished(finishReason: finishReason, usage: usage))
        }
    }
}
