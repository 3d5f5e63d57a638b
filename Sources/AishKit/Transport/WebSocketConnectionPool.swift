import NIOCore
import Synchronization
import WSClient

/// The WebSocket connections of one ``WebSocketTransport``: one per specialist,
/// reused by every request while it stays open and replaced when it is lost.
///
/// Concurrent requests for a specialist that has no connection yet share one
/// connection attempt. Dropping the pool (the transport goes away) closes its
/// connections.
actor WebSocketConnectionPool {
    private let client: TektonClient
    private let options: WebSocketTransport.Options
    private var connections: [String: WebSocketConnection] = [:]
    private var opening: [String: Task<WebSocketConnection, any Error>] = [:]
    /// The same connections, readable without a hop onto the actor: every call on
    /// an open connection (each `ping`, each reply) looks here first.
    private nonisolated let open = Mutex<[String: WebSocketConnection]>([:])

    init(client: TektonClient, options: WebSocketTransport.Options) {
        self.client = client
        self.options = options
    }

    deinit {
        for connection in connections.values { connection.close() }
    }

    /// The open connection for `specialistID`, if there is one, at once.
    nonisolated func existing(for specialistID: String) -> WebSocketConnection? {
        guard let connection = open.withLock({ $0[specialistID] }), connection.isOpen else { return nil }
        return connection
    }

    /// An open connection for `specialistID`, connecting when there is none.
    ///
    /// - Throws: ``WebSocketConnectionError`` when no connection can be made.
    func connection(for specialistID: String) async throws -> WebSocketConnection {
        if let connection = connections[specialistID], connection.isOpen { return connection }
        if let attempt = opening[specialistID] { return try await attempt.value }
        let url = client.webSocketURL(for: specialistID)
        let configuration = options.clientConfiguration(authorization: client.authorization)
        let eventLoopGroup = client.httpClient.eventLoopGroup
        let tls = client.tlsConfiguration
        let attempt = Task {
            try await WebSocketConnection.open(
                url: url, configuration: configuration, tlsConfiguration: tls, eventLoopGroup: eventLoopGroup)
        }
        opening[specialistID] = attempt
        defer { opening[specialistID] = nil }
        let connection = try await attempt.value
        connections[specialistID]?.close()
        connections[specialistID] = connection
        open.withLock { $0[specialistID] = connection }
        return connection
    }

    /// Closes every connection.
    func closeAll() {
        for connection in connections.values { connection.close() }
        connections.removeAll()
        open.withLock { $0.removeAll() }
    }
}

extension TektonClient {
    /// `ws://HOST:PORT/PREFIX/ws/ai/ID` (`wss://` for an https server).
    func webSocketURL(for specialistID: String) -> String {
        var base = baseURL
        if base.lowercased().hasPrefix("https://") {
            base = "wss://" + base.dropFirst("https://".count)
        } else if base.lowercased().hasPrefix("http://") {
            base = "ws://" + base.dropFirst("http://".count)
        }
        return base + "/ws/ai/" + PercentEncoding.encode(specialistID)
    }
}

extension TektonClient {
    /// Why the server refused to upgrade to a WebSocket: the WebSocket client only
    /// says that it did, so the same route is asked again over plain HTTP, with the
    /// same headers, and its status tells a missing token (401) or a rate limit
    /// (429) from a server or proxy that does not do WebSockets.
    func whyUpgradeRefused(specialistID: String) async -> AishError {
        let url = self.url("/ws/ai/" + PercentEncoding.encode(specialistID))
        guard let response = try? await send(makeRequest(url: url), timeout: Self.metadataTimeout) else {
            return .webSocketRefused(url: webSocketURL(for: specialistID))
        }
        switch response.status.code {
        case 401, 429:
            return await failure(for: response, url: url, specialistID: nil)
        default:
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            return .webSocketRefused(url: webSocketURL(for: specialistID))
        }
    }
}
