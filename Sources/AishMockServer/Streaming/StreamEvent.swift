/// One event of a v2 stream, as the event log keeps it.
struct StreamEvent: Sendable, Equatable {
    /// What the event says.
    enum Payload: Sendable, Equatable {
        /// The stream began; carries the id to resume it with.
        case start(requestID: String)
        /// One token of the reply.
        case content(String)
        /// One token of a model's thinking before the reply (OpenAI-compatible
        /// streams only: Tekton's protocol has no such event).
        case reasoning(String)
        /// Something went wrong; a fatal error ends the stream.
        case error(recoverable: Bool, code: String, message: String)
        /// The reply is complete.
        case done(tokensUsed: Int, finishReason: String)
    }

    /// The sequence number, from 0; also the SSE `id:`.
    let id: Int
    /// What the event says.
    let payload: Payload

    /// The SSE `event:` name, repeated as `type` in the data.
    var name: String {
        switch payload {
        case .start: return "start"
        case .content: return "content"
        case .reasoning: return "reasoning"
        case .error: return "error"
        case .done: return "done"
        }
    }

    /// A recoverable error for the `error-at` fault.
    static func slowUpstream(id: Int) -> StreamEvent {
        StreamEvent(
            id: id,
            payload: .error(
                recoverable: true, code: "UPSTREAM_SLOW",
                message: "The model is responding slowly; still generating."
            ))
    }

    /// A fatal error for the `fatal-at` fault.
    static func failedUpstream(id: Int) -> StreamEvent {
        StreamEvent(
            id: id,
            payload: .error(
                recoverable: false, code: "UPSTREAM_FAILED",
                message: "The model failed while generating the reply."
            ))
    }
}
