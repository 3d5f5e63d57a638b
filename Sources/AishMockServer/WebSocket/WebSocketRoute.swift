import Hummingbird
import HummingbirdWebSocket

/// `GET /ws/ai/{specialist_id}` (PROTOCOL.md §7): upgrades to a WebSocket that
/// speaks JSON-RPC 2.0 for that specialist.
///
/// An unknown specialist or a malformed `X-Aish-Fault` header is refused before
/// the upgrade (404 / 400 with the §8 error body), and so is a plain GET (426). An
/// unhealthy specialist is upgraded, and its calls answer -32001.
struct WebSocketRoute: Sendable {
    let state: MockServerState

    /// The WebSocket settings of the mock's server: frames and messages up to
    /// `maxMessageSize` (PROTOCOL.md §8: 1 MiB); a bigger one closes the
    /// connection with code 1009.
    static func serverConfiguration(maxMessageSize: Int) -> HTTP1WebSocketUpgradeChannel.Configuration {
        .init(ws: WebSocketServerConfiguration(maxFrameSize: maxMessageSize))
    }

    /// Adds the route to `router`.
    func register(on router: Router<MockContext>) {
        router.ws("/ws/ai/:id") { request, context in
            let id = try context.parameters.require("id")
            _ = try V2StreamRoutes.specialist(id)
            _ = try state.faults(for: request)
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                throw APIError(
                    status: .init(code: 426, reasonPhrase: "Upgrade Required"), code: "UPGRADE_REQUIRED",
                    message: "Connect to /ws/ai/\(id) with a WebSocket client; it speaks JSON-RPC 2.0.", details: nil
                )
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let requestContext = context.requestContext
            requestContext.webSocketSlot.release(countedIn: state.webSocketSlots)
            let specialist = try V2StreamRoutes.specialist(try requestContext.parameters.require("id"))
            let request = context.request
            let connection = RPCConnection(
                state: state, specialist: specialist, faults: try state.faults(for: request),
                outbound: outbound, channel: requestContext.channel,
                client: Credentials.clientKey(request: request, channel: requestContext.channel),
                owner: Credentials.owner(of: request),
                // The security middleware has refused a bad bearer token already.
                authenticated: !state.security.credentials.required || Credentials.bearerToken(of: request) != nil
            )
            try await connection.run(inbound)
        }
    }
}
