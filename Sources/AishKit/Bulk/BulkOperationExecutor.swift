/// Sends one operation's request and collects the reply: the seam between the
/// bulk runner and the network, so tests can run plans against a fake.
public protocol BulkOperationExecutor: Sendable {
    /// Sends `request` and returns the whole reply. `onText` receives the reply's
    /// text as it arrives (with the number of tokens in each piece). Throws an
    /// ``AishError`` on failure, `CancellationError` when the task is cancelled.
    func execute(_ request: ChatRequest, onText: @escaping @Sendable (String, Int) -> Void) async throws
        -> BulkReply
}

/// A whole reply to one operation.
public struct BulkReply: Sendable, Equatable {
    /// The text.
    public var text: String
    /// The tokens it used: what the server reported, else the pieces counted;
    /// nil over v1, which counts nothing (``TransportKind/countsTokens``).
    public var tokens: Int?

    /// Creates a reply.
    public init(text: String, tokens: Int?) {
        self.text = text
        self.tokens = tokens
    }
}

/// Runs operations through a chat transport (WebSocket, v2 SSE, v1), streaming
/// each reply as the chat command does.
public struct TransportOperationExecutor: BulkOperationExecutor {
    /// The transport every operation goes through.
    public let transport: any ChatTransport

    /// An executor over `transport`.
    public init(transport: any ChatTransport) {
        self.transport = transport
    }

    public func execute(_ request: ChatRequest, onText: @escaping @Sendable (String, Int) -> Void) async throws
        -> BulkReply
    {
        var text = ""
        var counted = 0
        let counts = transport.kind.countsTokens
        for try await event in transport.stream(request) {
            switch event {
            case .started, .notice, .reasoning:
                continue
            case .text(let piece, let tokens):
                let (chunk, overflowed) = ReplyLimit.fit(piece, after: text.utf8.count)
                text += chunk
                counted += tokens
                onText(chunk, counts ? tokens : 0)
                if overflowed { throw ReplyLimit.error(specialistID: request.specialistID) }
            case .done(let tokensUsed, _):
                return BulkReply(text: text, tokens: tokensUsed ?? (counts ? counted : nil))
            }
        }
        try Task.checkCancellation()
        throw AishError.streamInterrupted(id: request.specialistID, reason: "the reply ended before it was complete")
    }
}
