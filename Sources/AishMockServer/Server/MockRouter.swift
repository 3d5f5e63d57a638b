import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore

/// The request context of every mock route; changing it here changes it everywhere.
typealias MockContext = MockRequestContext

/// Builds the router serving everything in PROTOCOL.md the mock implements.
func makeMockRouter(state: MockServerState) -> Router<MockContext> {
    if state.configuration.profile == .rhetor { return makeRhetorRouter(state: state) }
    let router = Router(context: MockContext.self)
    if state.configuration.profile == .openAI {
        router.add(middleware: SecurityMiddleware(security: state.security))
        OpenAIRoutes(state: state).register(on: router)
        return router
    }
    router.add(middleware: ErrorBodyMiddleware())
    router.add(middleware: SecurityMiddleware(security: state.security))
    CapabilitiesRoute().register(on: router)
    V1Routes(state: state).register(on: router)
    V2StreamRoutes(state: state).register(on: router)
    DiscoveryRoutes().register(on: router)
    SessionRoutes(state: state).register(on: router)
    BulkRoute(state: state).register(on: router)
    WebSocketRoute(state: state).register(on: router)
    OpenAIRoutes(state: state).register(on: router)
    return router
}

/// Builds the Hummingbird application for `state`, listening where its
/// configuration says and reporting the bound channel to `onServerRunning`.
/// The same router answers plain HTTP and WebSocket upgrades, over TLS when the
/// configuration has a certificate; a request that cannot be parsed gets a 400
/// (``ClosingUnparsableRequests``).
///
/// - Throws: ``MockServerError`` when the certificate or key cannot be read.
func makeMockApplication(
    state: MockServerState,
    logger: Logger,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let router = makeMockRouter(state: state)
    let webSocketResponder = router.buildResponder()
    let configuration = WebSocketRoute.serverConfiguration(maxMessageSize: state.messageSizeLimit)
    // As `.http1WebSocketUpgrade(webSocketRouter:configuration:)`, answering noise with 400.
    let http = HTTPServerBuilder { responder in
        ClosingUnparsableRequests(
            base: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSocketResponder, configuration: configuration))
    }
    return Application(
        router: router,
        server: try state.configuration.tls.map { try .tls(http, tlsConfiguration: $0.serverConfiguration()) } ?? http,
        configuration: .init(
            address: .hostname(state.configuration.host, port: state.configuration.port),
            serverName: state.configuration.profile == .rhetor ? "uvicorn" : "aish-mock"
        ),
        onServerRunning: onServerRunning,
        logger: logger
    )
}

/// An HTTP header name (HTTPTypes' `HTTPField.Name`, reached through Hummingbird).
typealias HeaderName = HTTPFields.Element.Name
