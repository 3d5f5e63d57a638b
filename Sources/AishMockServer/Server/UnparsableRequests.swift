import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// A child channel that answers a connection whose first request cannot be parsed with
/// `400 Bad Request` and closes it, as uvicorn (Tekton's server) does.
///
/// Hummingbird's HTTP/1 pipeline with a WebSocket upgrade leaves such a connection
/// open and silent: a client that says `https://` to the plain-HTTP mock sent its TLS
/// handshake and waited until its own timeout (aish 10 s, curl 5 minutes) instead of
/// learning at once that the server speaks plain text.
struct ClosingUnparsableRequests<Base: ServerChildChannel>: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let base: Base.Value
        /// True once a request's head was read; false when the first bytes were
        /// answered with 400, or the connection ended before a request came.
        let served: EventLoopFuture<Bool>
        var channel: any Channel { base.channel }
    }

    /// The channel doing the work.
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let served = channel.eventLoop.makePromise(of: Bool.self)
            // Right after the decoder: the request head reaches it before the upgrade handler.
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(UnparsableRequestHandler(served: served, logger: logger), position: .after(decoder))
            return Value(base: value, served: served.futureResult)
        }
    }

    func handle(value: Value, logger: Logger) async {
        // A connection with no request (answered with 400, or closed first, as when a
        // client refuses the mock's certificate) has nothing to serve: the upgrade it never
        // made is not Hummingbird's to report as an error. Any other connection goes on as
        // soon as its first request's head has been decoded.
        guard (try? await value.served.get()) != false else { return }
        await base.handle(value: value.base, logger: logger)
    }
}

/// Sits right after the HTTP decoder until the first request's head has passed (then it
/// leaves the pipeline); when the decoder fails before that, it writes the 400 and
/// closes. A later error is Hummingbird's to handle, as before.
final class UnparsableRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias OutboundOut = HTTPServerResponsePart

    /// The body of the answer, uvicorn's words.
    static let body = "Invalid HTTP request received."

    private let served: EventLoopPromise<Bool>
    private let logger: Logger
    private var decided = false

    init(served: EventLoopPromise<Bool>, logger: Logger) {
        self.served = served
        self.logger = logger
    }

    private func decide(_ value: Bool) {
        guard !decided else { return }
        decided = true
        served.succeed(value)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        decide(true)
        context.fireChannelRead(data)
        // Its work is done once a request came: the pipeline is then as Hummingbird made it.
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        decide(false)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        decide(false)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !decided, error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        decide(false)
        logger.warning(
            "answered 400 to a connection that sent no HTTP request (an https:// client? this server speaks http://)")
        let headers = HTTPHeaders([
            ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(Self.body.utf8.count)),
            ("Connection", "close"),
        ])
        let head = HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: Self.body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
