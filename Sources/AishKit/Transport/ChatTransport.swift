/// A way of sending a chat request to a Tekton server and receiving the reply.
///
/// Implementations turn their wire format into ``ChatEvent``s. Cancelling the task
/// that iterates the stream must cancel the request on the server (close the
/// connection, or send `cancel`).
public protocol ChatTransport: Sendable {
    /// Which wire protocol this transport speaks.
    var kind: TransportKind { get }
    /// Sends `request` and streams the reply. The stream finishes after `.done`, or
    /// throws an ``AishError``.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error>
}

/// The wire protocols aish can use, best first.
public enum TransportKind: String, Sendable, CaseIterable, Codable {
    /// JSON-RPC 2.0 over WebSocket (PROTOCOL.md §7).
    case websocket = "ws"
    /// v2 server-sent events (PROTOCOL.md §3).
    case sse
    /// v1 server-sent events, `/api/v1/ai/stream/chat/{id}` (PROTOCOL.md §2).
    case v1Stream = "v1-sse"
    /// v1 single POST, `/api/v1/ai/specialists/{id}/message` (PROTOCOL.md §2).
    case v1Post = "v1-post"

    /// A short human name for status lines.
    public var displayName: String {
        switch self {
        case .websocket: "WebSocket"
        case .sse: "v2 SSE"
        case .v1Stream: "v1 SSE"
        case .v1Post: "v1 POST"
        }
    }
}
