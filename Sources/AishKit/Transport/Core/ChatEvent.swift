/// One thing that happened while a specialist answered a request.
///
/// Every transport (WebSocket, v2 SSE, v1 SSE, v1 POST) turns its wire format into
/// this one type; the renderer and the session store know nothing else.
public enum ChatEvent: Sendable, Equatable {
    /// The server accepted the request over `transport` (always the first event).
    /// `requestID` is what a resume needs, when the transport has one.
    case started(requestID: String?, transport: TransportKind)
    /// Reply text, in order. Consecutive chunks that arrived in the same network read
    /// may be coalesced into one event; `tokens` counts the chunks it holds.
    case text(String, tokens: Int)
    /// A reasoning model's thinking, streamed before its answer by the servers that
    /// run one (OpenAI-compatible `reasoning_content` or `reasoning`). It may be shown
    /// on a terminal; it is never part of the reply's text, nor saved, nor sent back.
    case reasoning(String)
    /// A recoverable problem the server reported; the reply goes on.
    case notice(code: String, message: String)
    /// The reply is complete.
    case done(tokensUsed: Int?, finishReason: String?)
}
