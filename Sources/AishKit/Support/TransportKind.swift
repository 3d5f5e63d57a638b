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
    /// An OpenAI-compatible API's chat completions, streamed as server-sent events:
    /// how a configured provider's models are reached (never Tekton's specialists).
    case openAI = "openai"

    /// A short human name for status lines.
    public var displayName: String {
        switch self {
        case .websocket: "WebSocket"
        case .sse: "v2 SSE"
        case .v1Stream: "v1 SSE"
        case .v1Post: "v1 POST"
        case .openAI: "OpenAI SSE"
        }
    }

    /// Whether the server counts tokens over this transport. v1 sends only pieces
    /// of text (Rhetor's are 50-code-point chunks), so aish shows no count for it
    /// rather than invent one.
    public var countsTokens: Bool { self != .v1Stream && self != .v1Post }

    /// Whether text arrives as the model makes it, so that the time between its
    /// thinking and its answer is the time it thought. v1's POST answers with the whole
    /// reply, and Rhetor's v1 stream drips one that is already finished.
    public var streamsAsGenerated: Bool { self != .v1Stream && self != .v1Post }
}
