import NIOCore
import NIOSSL
import Synchronization
import WSClient

/// The WebSocket connections to one server: one per specialist, reused by every
/// request and every transport made for that server while it stays open, and
/// replaced when it is lost. A ``TektonClient`` holds one pool, so switching
/// specialist in the shell and back again reuses the first socket.
///
/// Concurrent requests for a specialist that has no connection yet share one
/// connection attempt. The state lives in one lock, the only source of truth.
/// Dropping the pool (the last copy of its client goes away) closes its connections.
final class WebSocketConnectionPool: Sendable {
    /// Where and how connections are made.
    struct Endpoint: Sendable {
        var baseURL: String
        /// The `Authorization` header's value, if any.
        var authorization: String?
        var tlsConfiguration: TLSConfiguration?
        var eventLoopGroup: any EventLoopGroup
    }

    private struct State {
        var connections: [String: WebSocketConnection] = [:]
        var opening: [String: Task<WebSocketConnection, any Error>] = [:]
        /// Connections made so far, for tests and `-v`.
        var made = 0
    }

    private let endpoint: Endpoint
    let options: WebSocketTransport.Options
    private let state = Mutex(State())

    init(endpoint: Endpoint, options: WebSocketTransport.Options) {
        self.endpoint = endpoint
        self.options = options
    }

    deinit {
        for connection in state.withLock({ $0.connections.values }) { connection.close() }
    }

    /// The open connection for `specialistID`, if there is one, at once.
    func existing(for specialistID: String) -> WebSocketConnection? {
        guard let connection = state.withLock({ $0.connections[specialistID] }), connection.isOpen else { return nil }
        return connection
    }

    /// How many connections are open now, and how many were ever made.
    var counts: (open: Int, made: Int) {
        state.withLock { state in (state.connections.values.filter(\.isOpen).count, state.made) }
    }

    /// An open connection for `specialistID`, connecting when there is none.
    ///
    /// - Throws: ``WebSocketConnectionError`` when no connection can be made.
    func connection(for specialistID: String) async throws -> WebSocketConnection {
        let attempt = state.withLock { state -> Task<WebSocketConnection, any Error> in
            if let connection = state.connections[specialistID], connection.isOpen {
                return Task { connection }
            }
            if let attempt = state.opening[specialistID] { return attempt }
            let attempt = Task { try await self.open(specialistID) }
            state.opening[specialistID] = attempt
            return attempt
        }
        return try await attempt.value
    }

    /// Connects, then files the connection in place of any lost one.
    private func open(_ specialistID: String) async throws -> WebSocketConnection {
        let url = Self.webSocketURL(base: endpoint.baseURL, specialistID: specialistID)
        let (configuration, endpoint) = (options.clientConfiguration(authorization: endpoint.authorization), endpoint)
        let limit = options.timeouts.connect
        let messageLimit = options.maxMessageSize
        let result = await Result(catching: {
            do {
                return try await withDeadline(
                    limit, reason: Timeouts.phrase("the connection and WebSocket upgrade did not complete", limit)
                ) {
                    try await WebSocketConnection.open(
                        url: url, configuration: configuration, messageLimit: messageLimit,
                        tlsConfiguration: endpoint.tlsConfiguration, eventLoopGroup: endpoint.eventLoopGroup)
                }
            } catch let timeout as DeadlineExceeded {
                throw WebSocketConnectionError.unreachable(reason: timeout.reason)
            }
        })
        let replaced = state.withLock { state -> WebSocketConnection? in
            state.opening[specialistID] = nil
            guard case .success(let connection) = result else { return nil }
            state.made += 1
            defer { state.connections[specialistID] = connection }
            return state.connections[specialistID]
        }
        replaced?.close()
        return try result.get()
    }

    /// Closes every connection.
    func closeAll() {
        let all = state.withLock { state -> [WebSocketConnection] in
            defer { state.connections.removeAll() }
            return Array(state.connections.values)
        }
        for connection in all { connection.close() }
    }

    /// `ws://HOST:PORT/PREFIX/ws/ai/ID` (`wss://` for an https server).
    static func webSocketURL(base: String, specialistID: String) -> String {
        var base = base
        if base.lowercased().hasPrefix("https://") {
            base = "wss://" + base.dropFirst("https://".count)
        } else if base.lowercased().hasPrefix("http://") {
            base = "ws://" + base.dropFirst("http://".count)
        }
        return base + "/ws/ai/" + PercentEncoding.encode(specialistID)
    }
}

extension Result where Failure == any Error {
    /// The result of `body`, thrown errors caught.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension TektonClient {
    /// `ws://HOST:PORT/PREFIX/ws/ai/ID` (`wss://` for an https server).
    func webSocketURL(for specialistID: String) -> String {
        WebSocketConnectionPool.webSocketURL(base: baseURL, specialistID: specialistID)
    }

    /// Why the server refused to upgrade to a WebSocket: the WebSocket client only
    /// says that it did, so the same route is asked again over plain HTTP, with the
    /// same headers, and its status tells a missing token (401) or a rate limit
    /// (429) from a server or proxy that does not do WebSockets.
    func whyUpgradeRefused(specialistID: String) async -> AishError {
        let url = self.url("/ws/ai/" + PercentEncoding.encode(specialistID))
        guard let response = try? await send(makeRequest(url: url), timeout: metadataTimeout) else {
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
