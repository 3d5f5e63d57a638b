import Logging
import NIOCore
import NIOSSL
import WSClient

/// The socket's life: connecting, reading and routing messages, and ending.
extension WebSocketConnection {
    /// Connects and reads until the socket ends, then fails whatever still waits.
    ///
    /// A message over `messageLimit` bytes closes the connection, and every call on
    /// it ends as ``WebSocketCallInbox/Item/unreadable(detail:)``.
    ///
    /// The socket is made on `reader`'s loop and its messages are read there, so each
    /// is decoded and routed where it arrived; the connecting (which, for `wss`, loads
    /// the system's certificates from disk) is done before, off the loop.
    func run(
        configuration: WebSocketClientConfiguration, messageLimit: Int, tlsConfiguration: TLSConfiguration?,
        reader: EventLoopTaskExecutor
    ) async {
        var ending = "the connection was lost"
        do {
            let closeFrame = try await WebSocketClient.connect(
                url: url, configuration: configuration, tlsConfiguration: tlsConfiguration,
                eventLoopGroup: reader.eventLoop, logger: Self.silentLogger
            ) { inbound, outbound, _ in
                self.opened(outbound)
                try await withTaskExecutorPreference(reader) {
                    for try await message in inbound.messages(maxSize: configuration.maxFrameSize) {
                        guard case .text(let text) = message else { continue }
                        guard text.utf8.count <= messageLimit else {
                            throw Oversize(bytes: text.utf8.count, limit: messageLimit)
                        }
                        self.receive(text)
                    }
                }
            }
            if let closeFrame { ending = Self.describe(closeFrame) }
        } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
            ended(.upgradeRefused)
            return
        } catch let oversize as Oversize {
            ended(
                .unreadable(
                    detail:
                        "the server sent a WebSocket message of \(oversize.bytes) bytes, over the \(oversize.limit) bytes the protocol allows"
                ))
            return
        } catch {
            let reason = Task.isCancelled ? "the connection was closed" : NetworkFailure.reason(for: error)
            ended(isOpen ? .lost(reason: reason) : .unreachable(reason: reason))
            return
        }
        ended(.lost(reason: Task.isCancelled ? "the connection was closed" : ending))
    }

    private func opened(_ outbound: WebSocketOutboundWriter) {
        let opening = state.withLock { state in
            state.outbound = outbound
            defer { state.opening = nil }
            return state.opening
        }
        opening?.resume()
    }

    /// Marks the socket gone: fails the opening, or every call still waiting.
    private func ended(_ error: WebSocketConnectionError) {
        let reason: String
        switch error {
        case .lost(let why), .unreachable(let why): reason = why
        case .upgradeRefused: reason = "the server refused the WebSocket upgrade"
        case .tooLarge: reason = "a message was too large"
        case .unreadable(let detail): reason = detail
        }
        let (opening, calls) = state.withLock { state in
            state.lostReason = state.lostReason ?? reason
            defer {
                state.opening = nil
                state.calls.removeAll()
            }
            return (state.opening, Array(state.calls.values))
        }
        opening?.resume(throwing: error)
        let item: WebSocketCallInbox.Item =
            if case .unreadable(let detail) = error { .unreadable(detail: detail) } else {
                .connectionLost(reason: reason)
            }
        for call in calls { call.push([item]) }
    }

    // MARK: Routing

    /// Routes one text message. Messages that are not valid JSON-RPC are dropped:
    /// a chunk lost that way shows up as a gap in `chunk_index`. A batch's messages
    /// for one call reach it together, so its reader wakes once per batch.
    private func receive(_ text: String) {
        let inbound: JSONRPCDecoder.Inbound
        do {
            inbound = try JSONRPCDecoder.decode(text)
        } catch {
            return
        }
        switch inbound {
        case .single(.success(let message)):
            if let (inbox, item) = route(message) { inbox.push([item]) }
        case .single(.failure):
            return
        case .batch(let elements):
            // Consecutive messages for one call go to it together.
            var inbox: WebSocketCallInbox?
            var items: [WebSocketCallInbox.Item] = []
            for case .success(let message) in elements {
                guard let (target, item) = route(message) else { continue }
                if let inbox, inbox !== target {
                    inbox.push(items)
                    items.removeAll(keepingCapacity: true)
                }
                inbox = target
                items.append(item)
            }
            inbox?.push(items)
        }
    }

    /// Where `message` goes: the inbox of the call it belongs to and what to put
    /// there, or nil once it is handled here (an event, a call from the server, a
    /// message for a call no longer waiting).
    private func route(_ message: JSONRPCMessage) -> (WebSocketCallInbox, WebSocketCallInbox.Item)? {
        switch message {
        case .response(let response):
            let call = state.withLock { $0.calls.removeValue(forKey: response.id) }
            return call.map { ($0, .response(response.outcome)) }
        case .notification(let notification):
            guard let params = notification.paramsObject, let target = params["request"].flatMap(JSONRPCID.init) else {
                onEvent(notification)
                return nil
            }
            let call = state.withLock { $0.calls[target] }
            return call.map { ($0, .notification(method: notification.method, params: params)) }
        case .request(let request):
            // The server calling the client: nothing is offered, as JSON-RPC requires saying.
            let reply = JSONRPCResponse(
                id: request.id,
                outcome: .failure(JSONRPCError(code: .methodNotFound, message: "aish offers no methods"))
            )
            guard let outbound = state.withLock({ $0.outbound }) else { return nil }
            Task { try? await outbound.write(.text(reply.text)) }
            return nil
        }
    }

    // MARK: Support

    /// A message from the server over the limit, which ends the connection.
    private struct Oversize: Error {
        let bytes: Int
        let limit: Int
    }

    /// Logging from the WebSocket library is never shown: it would mix with the reply.
    static let silentLogger = Logger(label: "aish.websocket", factory: { _ in SwiftLogNoOpLogHandler() })

    private static func describe(_ frame: WebSocketCloseFrame) -> String {
        let code: String
        switch frame.closeCode {
        case .normalClosure: code = "closed normally"
        case .goingAway: code = "going away"
        case .messageTooLarge: code = "a message was larger than the server accepts"
        case .unexpectedServerError: code = "server error"
        case .policyViolation: code = "policy violation"
        default: code = "close code \(frame.closeCode)"
        }
        guard let reason = frame.reason, !reason.isEmpty else { return "the server closed the connection (\(code))" }
        return "the server closed the connection (\(code): \(reason))"
    }
}
