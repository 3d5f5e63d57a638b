import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing
import WSClient

/// A plain WebSocket client for the mock's JSON-RPC endpoint: it sends raw text
/// and hands back the text messages it receives, with no JSON-RPC logic of its own.
final class TestSocket: Sendable {
    private struct State {
        var messages: [String] = []
        /// The rest of a batch of notifications ``receiveObject()`` took apart, as JSON.
        var unbatched: [Data] = []
        var closed = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    private let outbound: WebSocketOutboundWriter

    init(outbound: WebSocketOutboundWriter) {
        self.outbound = outbound
    }

    /// Sends one text frame.
    func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    /// Sends one binary frame.
    func sendBinary(_ bytes: [UInt8]) async throws {
        try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
    }

    /// The next text message, or nil once the connection has closed.
    func receive() async -> String? {
        while true {
            let (message, closed) = state.withLock { state -> (String?, Bool) in
                if !state.messages.isEmpty { return (state.messages.removeFirst(), false) }
                return (nil, state.closed)
            }
            if let message { return message }
            if closed { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if !state.messages.isEmpty || state.closed { return true }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// The next message as a JSON value.
    func receiveJSON() async throws -> Any {
        let text = try #require(await receive(), "the connection closed")
        return try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// The next message as a JSON object; a batch of notifications (chunks the
    /// mock had ready together) is taken apart and handed back one by one.
    func receiveObject() async throws -> [String: Any] {
        if let next = state.withLock({ $0.unbatched.isEmpty ? nil : $0.unbatched.removeFirst() }) {
            return try #require(try JSONSerialization.jsonObject(with: next) as? [String: Any])
        }
        let value = try await receiveJSON()
        if let batch = value as? [[String: Any]], let first = batch.first, batch.allSatisfy(\.isNotification) {
            let rest = try batch.dropFirst().map { try JSONSerialization.data(withJSONObject: $0) }
            state.withLock { $0.unbatched = rest }
            return first
        }
        return try #require(value as? [String: Any])
    }

    /// Every message up to and including the response with `id` (a number).
    func receive(untilResponseTo id: Int) async throws -> [[String: Any]] {
        var received: [[String: Any]] = []
        while true {
            let object = try await receiveObject()
            received.append(object)
            if object["method"] == nil, (object["id"] as? Int) == id { return received }
        }
    }

    /// Every message until the connection closes, batches taken apart.
    func receiveAllObjects() async throws -> [[String: Any]] {
        var received: [[String: Any]] = []
        while let text = await receive() {
            let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
            received += try (value as? [[String: Any]]) ?? [#require(value as? [String: Any])]
        }
        return received
    }

    /// Every message until the connection closes.
    func receiveAll() async -> [String] {
        var received: [String] = []
        while let message = await receive() { received.append(message) }
        return received
    }

    fileprivate func deliver(_ message: String?) {
        let waiter = state.withLock { state in
            if let message { state.messages.append(message) } else { state.closed = true }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}

/// Connects to `url` (`ws://…`), runs `body` with the socket, then closes it.
func withSocket(
    _ url: String,
    headers: [String: String] = [:],
    _ body: @escaping @Sendable (TestSocket) async throws -> Void
) async throws {
    _ = try await closeFrame(ofSocket: url, headers: headers, body)
}

/// ``withSocket(_:headers:_:)``, returning the close frame the server sent, if any.
func closeFrame(
    ofSocket url: String,
    headers: [String: String] = [:],
    _ body: @escaping @Sendable (TestSocket) async throws -> Void
) async throws -> WebSocketCloseFrame? {
    var configuration = WebSocketClientConfiguration(maxFrameSize: 4 << 20)
    for (name, value) in headers {
        if let field = HTTPFields.Element.Name(name) { configuration.additionalHeaders[field] = value }
    }
    var logger = Logger(label: "aish.ws.test")
    logger.logLevel = .critical
    return try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
        inbound, outbound, _ in
        let socket = TestSocket(outbound: outbound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { socket.deliver(nil) }
                for try await message in inbound.messages(maxSize: 4 << 20) {
                    if case .text(let text) = message { socket.deliver(text) }
                }
            }
            try await body(socket)
            group.cancelAll()
            try? await group.waitForAll()
        }
    }
}

/// The `ws://` URL of a specialist's endpoint on a mock at `base` (`http://…`).
func webSocketURL(_ base: String, _ specialist: String = "apollo") -> String {
    base.replacingOccurrences(of: "http://", with: "ws://") + "/ws/ai/" + specialist
}

/// A JSON-RPC request's text.
func rpc(_ id: Int?, _ method: String, _ params: String? = nil) -> String {
    var text = #"{"jsonrpc":"2.0""#
    if let id { text += #","id":\#(id)"# }
    text += #","method":"\#(method)""#
    if let params { text += #","params":\#(params)"# }
    return text + "}"
}

extension Dictionary where Key == String, Value == Any {
    /// `error.code` of a response.
    var errorCode: Int? { (self["error"] as? [String: Any])?["code"] as? Int }
    /// `params` of a notification.
    var params: [String: Any] { self["params"] as? [String: Any] ?? [:] }
    /// Whether `id` is JSON null.
    var hasNullID: Bool { self["id"] is NSNull }
}

extension Dictionary where Key == String, Value == Any {
    /// A JSON-RPC notification: a method and no id.
    var isNotification: Bool { self["method"] != nil && self["id"] == nil }
}
