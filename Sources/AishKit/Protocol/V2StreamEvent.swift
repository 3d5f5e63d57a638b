/// One event of a v2 reply stream (PROTOCOL.md §3), read from its SSE event.
public enum V2StreamEvent: Sendable, Equatable {
    /// The server accepted the request; `requestID` is what a resume needs.
    case start(requestID: String?)
    /// The next piece of reply text.
    case content(String)
    /// A problem; when `recoverable` the reply goes on, otherwise the stream ends.
    case error(code: String?, message: String, recoverable: Bool)
    /// The reply is complete.
    case done(tokensUsed: Int?, finishReason: String?)
    /// An event type this client does not know; newer servers may send some.
    case unknown(type: String)

    /// Reads an SSE event. The type is the SSE event name, or, for an unnamed event
    /// (`"message"`), the `type` member of its JSON data.
    public init(_ event: SSEEvent) throws(WireFormatError) {
        let object: FlatJSONObject
        do {
            object = try FlatJSONObject(parsing: event.data)
        } catch {
            throw WireFormatError(error, in: "stream event data")
        }
        let type = event.event == "message" ? object.string("type") : event.event
        switch type {
        case "content":
            guard let text = object.string("data") else {
                throw WireFormatError("a content event without a \"data\" string")
            }
            self = .content(text)
        case "start":
            self = .start(requestID: object.string("request_id"))
        case "error":
            self = .error(
                code: object.string("code"),
                message: object.string("message") ?? "the server reported an error without a message",
                recoverable: object.bool("recoverable") ?? false
            )
        case "done":
            self = .done(tokensUsed: object.int("tokens_used"), finishReason: object.string("finish_reason"))
        case .some(let other):
            self = .unknown(type: other)
        case nil:
            throw WireFormatError("a stream event with neither an event name nor a \"type\"")
        }
    }
}
