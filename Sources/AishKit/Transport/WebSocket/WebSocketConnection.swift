import Logging
import NIOCore
import NIOSSL
import Synchronization
import WSClient

/// One WebSocket to `/ws/ai/{specialist_id}` speaking JSON-RPC 2.0 (PROTOCOL.md §7).
///
/// Calls are multiplexed by id: each gets a ``WebSocketCallInbox`` that receives
/// its response and the notifications whose `request` is its id. The socket is
/// read by a task of its own for as long as it is open, which also answers the
/// server's pings; the client pings every `pingInterval` and closes the socket when
/// a ping goes unanswered for as long, so a dead peer is noticed even while no
/// reply is streaming. When the socket ends, every call still waiting gets
/// ``WebSocketCallInbox/Item/connectionLost(reason:)``.
final class WebSocketConnection: Sendable {
    /// The socket's shared state; the read loop (in +Reading) and callers both use it.
    struct State {
        var outbound: WebSocketOutboundWriter?
        var opening: CheckedContinuation<Void, any Error>?
        var calls: [JSONRPCID: WebSocketCallInbox] = [:]
        var nextID = 1
        var lostReason: String?
        var task: Task<Void, Never>?
    }

    /// The `ws://` or `wss://` URL.
    let url: String
    let state = Mutex(State())
    let onEvent: @Sendable (JSONRPCNotification) -> Void

    private init(url: String, onEvent: @escaping @Sendable (JSONRPCNotification) -> Void) {
        self.url = url
        self.onEvent = onEvent
    }

    /// Connects and returns once the upgrade succeeded.
    ///
    /// - Parameters:
    ///   - onEvent: receives notifications that belong to no call (`specialist.status`).
    /// - Throws: the connection error, as ``WebSocketConnectionError``.
    static func open(
        url: String,
        configuration: WebSocketClientConfiguration,
        messageLimit: Int,
        tlsConfiguration: TLSConfiguration? = nil,
        eventLoopGroup: any EventLoopGroup,
        onEvent: @escaping @Sendable (JSONRPCNotification) -> Void = { _ in }
    ) async throws -> WebSocketConnection {
        let connection = WebSocketConnection(url: url, onEvent: onEvent)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                connection.state.withLock { $0.opening = continuation }
                let task = Task {
                    await connection.run(
                        configuration: configuration, messageLimit: messageLimit, tlsConfiguration: tlsConfiguration,
                        reader: EventLoopTaskExecutor(eventLoopGroup))
                }
                connection.state.withLock { $0.task = task }
            }
        } onCancel: {
            connection.close()
        }
        return connection
    }

    /// Whether the socket is still usable.
    var isOpen: Bool {
        state.withLock { $0.outbound != nil && $0.lostReason == nil }
    }

    /// Closes the socket; calls still waiting get `connectionLost`, and an opening
    /// still waiting for the upgrade fails at once (the library's connect does not
    /// end on cancellation until the server answers).
    func close() {
        let (task, opening) = state.withLock { state in
            defer { state.opening = nil }
            return (state.task, state.opening)
        }
        task?.cancel()
        opening?.resume(throwing: WebSocketConnectionError.unreachable(reason: "the connection was closed"))
    }

    // MARK: Calls

    /// Sends a call and returns its id and inbox.
    ///
    /// - Throws: ``WebSocketConnectionError/lost(reason:)`` when the socket is gone,
    ///   ``WebSocketConnectionError/tooLarge(bytes:limit:)`` for a message over `limit`.
    func startCall(_ method: String, params: FlatJSONObject.Value?, limit: Int) async throws -> (
        JSONRPCID, WebSocketCallInbox
    ) {
        let inbox = WebSocketCallInbox()
        let (id, outbound) = try state.withLock { state throws -> (JSONRPCID, WebSocketOutboundWriter) in
            guard let outbound = state.outbound, state.lostReason == nil else {
                throw WebSocketConnectionError.lost(reason: state.lostReason ?? "the connection is closed")
            }
            let id = JSONRPCID.number(state.nextID)
            state.nextID += 1
            state.calls[id] = inbox
            return (id, outbound)
        }
        let text = JSONRPCRequest(id: id, method: method, params: params).text
        do {
            guard text.utf8.count <= limit else {
                throw WebSocketConnectionError.tooLarge(bytes: text.utf8.count, limit: limit)
            }
            try await outbound.write(.text(text))
        } catch {
            forget(id)
            if error is WebSocketConnectionError || error is CancellationError { throw error }
            throw WebSocketConnectionError.lost(reason: NetworkFailure.reason(for: error))
        }
        return (id, inbox)
    }

    /// Stops routing anything to the call with `id`.
    func forget(_ id: JSONRPCID) {
        _ = state.withLock { $0.calls.removeValue(forKey: id) }
    }

    /// Asks the server to cancel the call with `id` and stops listening to it.
    /// Sent from a task of its own, so it goes out even when the caller's task is
    /// the one being cancelled (a cancelled task cannot write).
    func cancel(_ id: JSONRPCID) {
        forget(id)
        guard let outbound = state.withLock({ $0.outbound }) else { return }
        let text = JSONRPCNotification(method: "cancel", params: .object(["request": id.value])).text
        Task { try? await outbound.write(.text(text)) }
    }

    /// Sends a call and waits for its response (for short calls: `ping`, `auth`).
    func request(_ method: String, params: FlatJSONObject.Value? = nil, limit: Int) async throws -> Result<
        FlatJSONObject.Value, JSONRPCError
    > {
        let (id, inbox) = try await startCall(method, params: params, limit: limit)
        while true {
            let items = await inbox.next()
            if Task.isCancelled {
                cancel(id)
                throw CancellationError()
            }
            for item in items {
                switch item {
                case .response(let outcome): return outcome
                case .connectionLost(let reason), .silent(let reason):
                    throw WebSocketConnectionError.lost(reason: reason)
                case .unreadable(let detail): throw WebSocketConnectionError.unreadable(detail: detail)
                case .notification, .chunks: continue
                }
            }
        }
    }
}

/// Why a ``WebSocketConnection`` could not be used.
enum WebSocketConnectionError: Error, Sendable, Equatable {
    /// The server could not be reached (connection refused, DNS, timeout).
    case unreachable(reason: String)
    /// The server answered the upgrade request with something other than a WebSocket.
    case upgradeRefused
    /// The socket ended; the words say why.
    case lost(reason: String)
    /// A message would be larger than the limit.
    case tooLarge(bytes: Int, limit: Int)
    /// The server sent what cannot be read (a message over the limit): trying again
    /// would only get the same.
    case unreadable(detail: String)
}
