import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// The request context of every mock route; changing it here changes it everywhere.
typealias MockContext = MockRequestContext

/// Builds the router serving everything in PROTOCOL.md the mock implements.
func makeMockRouter(state: MockServerState) -> Router<MockContext> {
    let router = Router(context: MockContext.self)
    router.add(middleware: ErrorBodyMiddleware())
    CapabilitiesRoute().register(on: router)
    V1Routes(state: state).register(on: router)
    V2StreamRoutes(state: state).register(on: router)
    DiscoveryRoutes().register(on: router)
    BulkRoute(state: state).register(on: router)
    WebSocketRoute(state: state).register(on: router)
    return router
}

/// Builds the Hummingbird application for `state`, listening where its
/// configuration says and reporting the bound channel to `onServerRunning`.
/// The same router answers plain HTTP and WebSocket upgrades.
func makeMockApplication(
    state: MockServerState,
    logger: Logger,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = makeMockRouter(state: state)
    return Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: WebSocketRoute.serverConfiguration),
        configuration: .init(
            address: .hostname(state.configuration.host, port: state.configuration.port),
            serverName: "aish-mock"
        ),
        onServerRunning: onServerRunning,
        logger: logger
    )
}

/// An HTTP header name (HTTPTypes' `HTTPField.Name`, reached through Hummingbird).
typealias HeaderName = HTTPFields.Element.Name
