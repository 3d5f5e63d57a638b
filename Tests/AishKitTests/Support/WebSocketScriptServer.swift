import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// One client connection to a ``WebSocketScriptServer``, as its script sees it
/// (used by the script's task only).
final class ScriptedPeer {
    private let outbound: WebSocketOutboundWriter
    private var inbound: WebSocketInboundMessageStream.AsyncIterator
    /// The connection's number on its server, from 1.
    let number: Int

    init(number: Int, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) {
        self.number = number
        self.outbound = outbound
        self.inbound = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
    }

    /// The next text message as a JSON object, or nil when the client closed.
    func receive() async throws -> [String: Any]? {
        while let message = try await inbound.next() {
            guard case .text(let text) = message else { continue }
            return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        }
        return nil
    }

    /// The next message that is a call (has a `method` and an `id`).
    func receiveCall() async throws -> (id: Int, method: String, params: [String: Any])? {
        while let message = try await receive() {
            if let method = message["method"] as? String, let id = message["id"] as? Int {
                return (id, method, message["params"] as? [String: Any] ?? [:])
            }
        }
        return nil
    }

    /// Sends one text frame.
    func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    /// `stream.start` for call `id`.
    func start(_ id: Int, requestID: String = "req_1") async throws {
        try await send(
            #"{"jsonrpc":"2.0","method":"stream.start","params":{"request":\#(id),"request_id":"\#(requestID)"}}"#)
    }

    /// `stream.chunk` number `index` for call `id`, carrying `ScriptedReply.words[index]`.
    func chunk(_ id: Int, _ index: Int) async throws {
        try await send(
            #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":\#(id),"content":"\#(ScriptedReply.words[index])","chunk_index":\#(index)}}"#
        )
    }

    /// Chunks `range`, then `stream.complete` and the result when the range reaches the end.
    func chunks(_ id: Int, _ range: ClosedRange<Int>) async throws {
        for index in range { try await chunk(id, index) }
        guard range.upperBound == ScriptedReply.words.count - 1 else { return }
        let total = ScriptedReply.words.count
        try await send(
            #"{"jsonrpc":"2.0","method":"stream.complete","params":{"request":\#(id),"total_chunks":\#(total),"tokens_used":\#(total)}}"#
        )
        try await send(
            #"{"jsonrpc":"2.0","id":\#(id),"result":{"request_id":"req_1","total_chunks":\#(total),"tokens_used":\#(total),"finish_reason":"stop"}}"#
        )
    }
}

/// The reply scripted servers stream: ten words, some not ASCII.
enum ScriptedReply {
    static let words = (0..<10).map { "w\($0)é " }
    static let text = words.joined()
}

/// A WebSocket server on 127.0.0.1 and a free port whose every connection to
/// `/ws/ai/{id}` runs `script`; other paths are refused.
enum WebSocketScriptServer {
    typealias Script = @Sendable (ScriptedPeer) async throws -> Void

    /// Runs `body` with the server's `http://` base URL and a count of the
    /// connections made so far, then stops the server.
    static func with<T: Sendable>(
        script: @escaping Script,
        _ body: @Sendable (String, Connections) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "aish.test.ws")
        logger.logLevel = .critical
        let connections = Connections()
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/ws/ai/:id") { inbound, outbound, _ in
            try await script(ScriptedPeer(number: connections.add(), inbound: inbound, outbound: outbound))
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: .init(maxFrameSize: 1 << 20))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            let result: Result<T, any Error>
            do {
                result = .success(try await body("http://127.0.0.1:\(port)", connections))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }

    /// How many connections the server accepted.
    final class Connections: Sendable {
        private let count = Mutex(0)

        /// Counts one more and returns its number.
        func add() -> Int {
            count.withLock {
                $0 += 1
                return $0
            }
        }

        /// The number so far.
        var value: Int { count.withLock { $0 } }
    }
}

/// A one-shot signal a script can wait on and a test can give.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until ``open()``.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Lets every waiter go, now and later.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A value scripts and tests share (JSON objects are not `Sendable`), behind a lock.
final class SharedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
