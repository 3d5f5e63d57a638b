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
    /// Holds the handler reference, until the upgraded connection lets go of it.
    let webSocketSlot: WebSocketSlot
    /// Where a WebSocket route leaves its handler for the upgrade.
    var webSocket: WebSocketHandlerReference<MockRequestContext> { webSocketSlot.handlerReference }
    /// The connection the request arrived on.
    let channel: any Channel

    /// A context for a request arriving on `source.channel`.
    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocketSlot = WebSocketSlot()
        self.channel = source.channel
    }
}
