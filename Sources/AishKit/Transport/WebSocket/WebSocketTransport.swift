/// Chat over JSON-RPC 2.0 on a WebSocket (`/ws/ai/{specialist_id}`, PROTOCOL.md §7),
/// resuming a reply when the connection drops.
///
/// One connection per specialist is opened on first use and reused by every
/// request while it stays open, so a whole interactive session shares one socket,
/// and several requests can stream over it at once. Each request is a `chat` call
/// with `stream: true`: `stream.start` yields `.started` with the request id,
/// `stream.chunk`s yield text (coalesced per read), a `stream.error` yields
/// `.notice`, and the call's result yields `.done`. A JSON-RPC error ends the reply
/// with the ``AishError`` of ``JSONRPCError/aishError(specialistID:url:hasToken:)``.
///
/// When the connection is lost before the result, the transport reconnects (with
/// jittered exponential backoff, as `options.resumePolicy` allows) and calls
/// `resume {request, after_chunk}` with the last chunk it has, so the text is the
/// same as that of an undisturbed reply; only when that cannot work does the reply
/// end with ``AishError/streamInterrupted(id:reason:)`` after the text received.
/// Cancelling the task that reads the stream sends `cancel` and stops at once.
public struct WebSocketTransport: ChatTransport {
    /// Always ``TransportKind/websocket``.
    public var kind: TransportKind { .websocket }

    let client: TektonClient
    let options: Options
    let pool: WebSocketConnectionPool

    /// Creates the transport for `client`'s server; nothing connects until the
    /// first request. Without `options` it shares the client's connections (one per
    /// specialist for the whole server); with them it keeps connections of its own.
    public init(client: TektonClient, options: Options? = nil) {
        self.client = client
        self.pool =
            options.map { WebSocketConnectionPool(endpoint: client.webSocketEndpoint, options: $0) }
            ?? client.webSockets
        self.options = pool.options
    }

    /// How many of this transport's connections are open now, and how many it made
    /// in all (shared with every transport of the same client, unless it has options
    /// of its own).
    public var connectionCounts: (open: Int, made: Int) { pool.counts }

    /// Sends `request` and streams the reply.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing(on: client.readerExecutor) { continuation in
            var reply = WebSocketReply(request: request, transport: self, continuation: continuation)
            try await reply.run()
        }
    }

    /// Calls `method` on the specialist's connection and returns its result: for
    /// short calls such as `ping`.
    ///
    /// - Throws: the ``AishError`` the failure stands for.
    public func call(_ method: String, params: FlatJSONObject.Value? = nil, specialistID: String) async throws
        -> FlatJSONObject.Value
    {
        let connection = try await connection(for: specialistID)
        let (limit, wait) = (options.maxMessageSize, options.timeouts.firstAnswer)
        do {
            // On the connection's loop, where the answer is read: it resumes the call in place.
            return try await withTaskExecutorPreference(client.readerExecutor) {
                try await withDeadline(wait, reason: Timeouts.phrase("the server sent no answer", wait)) {
                    try await connection.request(method, params: params, limit: limit)
                }
            }.get()
        } catch let timeout as DeadlineExceeded {
            throw AishError.streamInterrupted(id: specialistID, reason: timeout.reason)
        } catch let error as JSONRPCError {
            throw error.aishError(specialistID: specialistID, url: client.baseURL, hasToken: client.token != nil)
        } catch let error as WebSocketConnectionError {
            throw aishError(error, specialistID: specialistID)
        }
    }

    /// Closes the transport's connections (they also close when it is dropped).
    public func close() async {
        pool.closeAll()
    }

    /// The open connection for `specialistID`, with failures as ``AishError``.
    func connection(for specialistID: String) async throws -> WebSocketConnection {
        if let connection = pool.existing(for: specialistID) { return connection }
        do {
            return try await pool.connection(for: specialistID)
        } catch WebSocketConnectionError.upgradeRefused {
            throw await client.whyUpgradeRefused(specialistID: specialistID)
        } catch let error as WebSocketConnectionError {
            throw aishError(error, specialistID: specialistID)
        }
    }

    /// The ``AishError`` for a connection failure.
    func aishError(_ error: WebSocketConnectionError, specialistID: String) -> AishError {
        switch error {
        case .unreachable(let reason):
            return .serverUnreachable(url: client.baseURL, reason: reason)
        case .upgradeRefused:
            return .webSocketRefused(url: client.webSocketURL(for: specialistID))
        case .lost(let reason):
            return .streamInterrupted(id: specialistID, reason: reason)
        case .tooLarge(let bytes, let limit):
            return .invalidArgument(
                name: "message", value: "\(bytes) bytes",
                hint: "a WebSocket message may be at most \(limit) bytes with its JSON-RPC envelope; shorten it"
            )
        case .unreadable(let detail):
            return .malformedResponse(url: client.webSocketURL(for: specialistID), detail: detail)
        }
    }
}
