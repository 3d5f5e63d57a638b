import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

// A scripted HTTP/1.1 server for tests, on 127.0.0.1 and a port the system picks.
// It parses requests with NIO and answers with raw bytes chosen by a responder, so a
// test can send exactly what a real server sent, cut a stream in the middle, or hold
// a connection open. Self-contained (NIO only) so other test targets can compile it.

/// A request the test server received.
struct RecordedRequest: Sendable {
    var method: HTTPMethod
    /// The request target: path and query.
    var uri: String
    var headers: HTTPHeaders
    var body: [UInt8]

    /// The path without the query.
    var path: String {
        uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
    }
}

/// One step of a scripted answer.
enum ResponseStep: Sendable {
    /// Write these bytes and flush them.
    case send([UInt8])
    /// Close the connection (a stream cut off, as far as the client can tell).
    case close
    /// Answer nothing more and keep the connection open until the client closes it.
    case holdOpen

    /// Sends `text` as UTF-8.
    static func send(_ text: String) -> ResponseStep { .send(Array(text.utf8)) }
}

/// Wire-format helpers for scripted answers.
enum RawHTTP {
    /// A response head ending in the blank line.
    static func head(status: String = "200 OK", headers: [(String, String)]) -> [UInt8] {
        var text = "HTTP/1.1 \(status)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// A complete response with a `Content-Length` body.
    static func response(status: String = "200 OK", contentType: String = "application/json", body: String) -> [UInt8] {
        head(status: status, headers: [("Content-Type", contentType), ("Content-Length", "\(body.utf8.count)")])
            + Array(body.utf8)
    }

    /// The head of an event stream sent with chunked transfer encoding.
    static let chunkedEventStreamHead = head(headers: [
        ("Content-Type", "text/event-stream"), ("Transfer-Encoding", "chunked"),
    ])

    /// One chunk of a chunked body.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array("\(String(bytes.count, radix: 16))\r\n".utf8) + bytes + Array("\r\n".utf8)
    }

    /// One chunk holding `text`.
    static func chunk(_ text: String) -> [UInt8] { chunk(Array(text.utf8)) }

    /// The chunk that ends a chunked body.
    static let lastChunk = Array("0\r\n\r\n".utf8)
}

/// The server. Stop it with ``shutdown()``.
final class RawHTTPTestServer: Sendable {
    typealias Responder = @Sendable (RecordedRequest) -> [ResponseStep]

    /// The port it listens on.
    let port: Int
    /// Yields once each time a client connection closes.
    let closedConnections: AsyncStream<Void>

    private let channel: any Channel
    private let log = Mutex<[RecordedRequest]>([])
    private let closedContinuation: AsyncStream<Void>.Continuation

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    var requests: [RecordedRequest] { log.withLock { $0 } }

    /// Starts a server that answers each request with the steps `responder` returns.
    static func start(responder: @escaping Responder) async throws -> RawHTTPTestServer {
        let (closed, closedContinuation) = AsyncStream.makeStream(of: Void.self)
        let recorder = RequestRecorder()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)),
                        ScriptHandler(responder: responder, recorder: recorder, closed: closedContinuation)
                    )
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = RawHTTPTestServer(
            channel: channel,
            port: channel.localAddress?.port ?? 0,
            closed: closed,
            closedContinuation: closedContinuation
        )
        recorder.server.withLock { $0 = server }
        return server
    }

    private init(
        channel: any Channel,
        port: Int,
        closed: AsyncStream<Void>,
        closedContinuation: AsyncStream<Void>.Continuation
    ) {
        self.channel = channel
        self.port = port
        self.closedConnections = closed
        self.closedContinuation = closedContinuation
    }

    /// Stops listening. Connections already open stay open until their clients close.
    func shutdown() async throws {
        try await channel.close()
        closedContinuation.finish()
    }

    fileprivate func record(_ request: RecordedRequest) {
        log.withLock { $0.append(request) }
    }
}

/// Lets handlers made before the server object exists reach its log.
private final class RequestRecorder: Sendable {
    let server = Mutex<RawHTTPTestServer?>(nil)

    func record(_ request: RecordedRequest) {
        server.withLock { $0 }?.record(request)
    }
}

/// Collects one request at a time and plays the responder's steps.
private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let responder: RawHTTPTestServer.Responder
    private let recorder: RequestRecorder
    private let closed: AsyncStream<Void>.Continuation
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var holding = false

    init(
        responder: @escaping RawHTTPTestServer.Responder, recorder: RequestRecorder,
        closed: AsyncStream<Void>.Continuation
    ) {
        self.responder = responder
        self.recorder = recorder
        self.closed = closed
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body += buffer.readableBytesView
        case .end:
            guard let head, !holding else { return }
            let request = RecordedRequest(method: head.method, uri: head.uri, headers: head.headers, body: body)
            recorder.record(request)
            play(responder(request), on: context.channel)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed.yield()
        context.fireChannelInactive()
    }

    /// Runs the steps in order, each after the previous one's write completed.
    private func play(_ steps: [ResponseStep], on channel: any Channel) {
        var done = channel.eventLoop.makeSucceededVoidFuture()
        for step in steps {
            switch step {
            case .send(let bytes):
                done = done.flatMap { channel.writeAndFlush(ByteBuffer(bytes: bytes)) }
            case .close:
                done = done.flatMap { channel.close() }
                return
            case .holdOpen:
                holding = true
                return
            }
        }
    }
}
