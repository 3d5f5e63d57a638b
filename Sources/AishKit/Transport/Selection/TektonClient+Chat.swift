import Foundation

/// Preparing a chat: feature detection, name resolution, transport choice.
extension TektonClient {
    /// The transports this build implements, by kind. Adding a transport (such as
    /// WebSocket) is one entry here; ``TransportSelector`` then offers it.
    static let transportFactories: [TransportKind: @Sendable (TektonClient) -> any ChatTransport] = [
        .websocket: { WebSocketTransport(client: $0) },
        .sse: { V2SSETransport(client: $0) },
        .v1Stream: { V1StreamTransport(client: $0) },
        .v1Post: { V1PostTransport(client: $0) },
    ]

    /// The transport kinds this build can speak.
    public static var implementedTransports: Set<TransportKind> {
        Set(transportFactories.keys)
    }

    /// A transport of the given kind for this server, whether or not the server
    /// offers it. It waits out rate limits as ``rateLimitPolicy`` says.
    ///
    /// - Throws: ``AishError/transportUnavailable(_:reason:)`` for a kind this build
    ///   does not implement.
    public func transport(_ kind: TransportKind) throws(AishError) -> any ChatTransport {
        guard let make = Self.transportFactories[kind] else {
            throw AishError.transportUnavailable(kind, reason: "this version of aish does not implement it yet")
        }
        return RateLimitRetry(base: make(self), policy: rateLimitPolicy)
    }

    /// Transports that cannot work with this client whatever the server offers:
    /// the WebSocket client sends the URL's host as TLS SNI, which may not be an IP
    /// address, so wss needs a host name (`https://localhost:…`, not `https://127.0.0.1:…`).
    public var unusableTransports: [TransportKind: String] {
        guard baseURL.lowercased().hasPrefix("https://"), let host = URL(string: baseURL)?.host,
            host.contains(":") || host.split(separator: ".").count == 4 && host.allSatisfy({ $0.isNumber || $0 == "." })
        else { return [:] }
        return [.websocket: "wss needs a host name, not the IP address \(host)"]
    }
}

extension TektonClient: ChatServer {
    public var implementedTransports: Set<TransportKind> { Self.implementedTransports }
}
