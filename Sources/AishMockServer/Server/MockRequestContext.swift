import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every mock route: Hummingbird's basic context, plus what
/// a WebSocket route needs, plus the connection's channel.
///
/// The channel lets a WebSocket connection be cut abruptly (the `drop-after`
/// fault), and gives later per-client limits the peer's address.
struct MockRequestContext: RequestContext, WebSocketRequestContext {
    /// Hummingbird's per-request storage (logger, path parameters).
    var coreContext: CoreRequestContextStorage
    /// Where a WebSocket route leaves its handler for the upgrade.
    let webSocket: WebSocketHandlerReference<MockRequestContext>
    /// The connection the request arrived on.
    let channel: any Channel

    /// A context for a request arriving on `source.channel`.
    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.channel = source.channel
    }
}
