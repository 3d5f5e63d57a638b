import HummingbirdWebSocket
import NIOCore
import Synchronization

/// One WebSocket connection speaking JSON-RPC 2.0 (PROTOCOL.md §7) for one specialist.
///
/// Every message is handled in its own task, so several calls are in flight at
/// once and a long stream never holds up a `ping` or a `cancel`. Replies and
/// notifications are written as they are ready, one message per text frame. When
/// the client goes away every call still running is cancelled.
final class RPCConnection: Sendable {
    /// What every route shares.
    let state: MockServerState
    /// The specialist named in the path.
    let specialist: Specialist
    /// The faults for this connection: its upgrade request's `X-Aish-Fault`, else the server's.
    let faults: FaultPlan
    /// The calls in flight.
    let calls = RPCCallRegistry()
    /// The event names subscribed to.
    let subscriptions = Mutex<Set<String>>([])
    /// Who the client is, for per-client limits.
    let client: String
    /// Whether the client has authenticated: with its upgrade request's bearer
    /// token, with an `auth` message, or because the server needs none.
    let authenticated: Mutex<Bool>
    /// The credentials the connection's streams belong to: its upgrade request's bearer
    /// token, or the token of its last accepted `auth` (see ``Credentials/owner(of:)``).
    private let ownerKey: Mutex<String?>
    /// The messages-per-second limit of this connection, when there is one.
    private let messages: RateLimiter?

    private let outbound: WebSocketOutboundWriter
    private let channel: any Channel

    /// A connection writing to `outbound` over `channel`.
    init(
        state: MockServerState, specialist: Specialist, faults: FaultPlan, outbound: WebSocketOutboundWriter,
        channel: any Channel, client: String, owner: String?, authenticated: Bool
    ) {
        self.client = client
        self.ownerKey = Mutex(owner)
        self.authenticated = Mutex(authenticated)
        self.messages = state.configuration.limits.webSocketMessagesPerSecond.map { perSecond in
            let burst = max(1, Int(perSecond.rounded(.up)))
            return RateLimiter(rate: RequestRate(count: burst, seconds: Double(burst) / perSecond))
        }
        self.state = state
        self.specialist = specialist
        self.faults = faults
        self.outbound = outbound
        self.channel = channel
    }

    /// Serves the connection until the client closes it or it breaks. A message
    /// over the size limit ends it with close code 1009 (message too big).
    ///
    /// A client that has not authenticated must send `auth` first, within the
    /// server's auth timeout (5 s); anything else, a bad token or silence closes
    /// the connection with code 1008 (policy violation).
    func run(_ inbound: WebSocketInboundStream) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            defer { group.cancelAll() }
            if !isAuthenticated {
                group.addTask { await self.closeUnlessAuthenticated(after: self.state.configuration.authTimeout) }
            }
            for try await message in inbound.messages(maxSize: state.messageSizeLimit) {
                guard isAuthenticated else {
                    await authenticate(with: message)
                    continue
                }
                // A ping is answered right here: a task of its own would add a thread
                // hop to every round trip. Anything else may take long, so it runs apart.
                if Self.isPing(message) {
                    await handle(message)
                } else {
                    group.addTask { await self.handle(message) }
                }
            }
        }
    }

    /// Whether `message` is a single `ping` call (small, so it is cheap to look at).
    private static func isPing(_ message: WebSocketMessage) -> Bool {
        guard case .text(let text) = message, text.utf8.count <= 256, let value = JSONValue.parse(text) else {
            return false
        }
        return value[member: "method"] == .string("ping")
    }

    private var isAuthenticated: Bool { authenticated.withLock { $0 } }

    /// Who the connection's streams belong to now.
    var owner: String? { ownerKey.withLock { $0 } }

    /// Makes `token`, just accepted by `auth`, the credentials of later streams.
    func adopt(token: String) {
        ownerKey.withLock { $0 = Credentials.owner(token: token) }
    }

    /// Closes the connection with 1008 unless it authenticated within `seconds`.
    private func closeUnlessAuthenticated(after seconds: Double) async {
        try? await Task.sleep(for: .clampedSeconds(seconds))
        guard !Task.isCancelled, !isAuthenticated else { return }
        try? await outbound.close(.policyViolation, reason: "authenticate within \(seconds.compactText) s")
    }

    /// Handles the first message of an unauthenticated client: a good `auth`
    /// call authenticates it; anything else gets -32004 and the 1008 close.
    private func authenticate(with message: WebSocketMessage) async {
        var id = RPCID.null
        if case .text(let text) = message, let value = JSONValue.parse(text), let request = try? RPCRequest.read(value)
        {
            id = request.id ?? .null
            if request.method == "auth", let token = request.params?[member: "token"]?.stringValue,
                state.security.credentials.accepts(token)
            {
                authenticated.withLock { $0 = true }
                adopt(token: token)
                if request.id != nil {
                    await send(RPCMessageText.result(.object(["authenticated": .bool(true)]), id: id))
                }
                return
            }
        }
        await send(RPCMessageText.error(.unauthorized, id: id))
        try? await outbound.close(.policyViolation, reason: "send auth with a valid token first")
    }

    /// Writes one message; a failure means the client is gone, which the read loop notices.
    func send(_ text: String) async {
        try? await outbound.write(.text(text))
    }

    /// Writes one message, reporting whether it went out.
    func trySend(_ text: String) async -> Bool {
        do {
            try await outbound.write(.text(text))
            return true
        } catch {
            return false
        }
    }

    /// Cuts the connection without a close handshake, as a failing network would.
    func dropAbruptly() {
        channel.close(promise: nil)
    }

    // MARK: Messages

    private func handle(_ message: WebSocketMessage) async {
        guard case .text(let text) = message else {
            await send(RPCMessageText.error(.invalidRequest("send JSON-RPC messages as text frames"), id: .null))
            return
        }
        guard let value = JSONValue.parse(text) else {
            await send(RPCMessageText.error(.unparsable, id: .null))
            return
        }
        if let messages, case let decision = messages.take(for: client), !decision.allowed {
            await refuse(value, retryAfter: decision.retryAfter)
            return
        }
        guard case .array(let elements) = value else {
            await answer(value)
            return
        }
        guard !elements.isEmpty else {
            await send(RPCMessageText.error(.invalidRequest("an empty batch"), id: .null))
            return
        }
        await answerBatch(elements)
    }

    /// Answers every call in a message over the rate with -32003 (a batch with an
    /// array of them); notifications get nothing, as always.
    private func refuse(_ value: JSONValue, retryAfter: Int) async {
        let error = RPCError.rateLimited(retryAfter: retryAfter)
        let ids: [RPCID] =
            switch value {
            case .array(let elements): elements.compactMap { $0[member: "id"].flatMap(RPCID.init) }
            default: [value[member: "id"].flatMap(RPCID.init) ?? .null]
            }
        if case .array = value {
            guard !ids.isEmpty else { return }
            await send(RPCMessageText.batch(ids.map { RPCMessageText.error(error, id: $0) }))
        } else if value[member: "method"] == nil || value[member: "id"] != nil {
            await send(RPCMessageText.error(error, id: ids.first ?? .null))
        }
    }

    private func answer(_ element: JSONValue) async {
        guard let (reply, followUps) = await process(element) else { return }
        await send(reply)
        for followUp in followUps { await send(followUp) }
    }

    /// Runs a batch's calls at once and sends their replies as one array, in the
    /// batch's order; notifications in it add nothing to the array.
    private func answerBatch(_ elements: [JSONValue]) async {
        let processed = await withTaskGroup(of: (Int, (String, [String])?).self) { group in
            for (index, element) in elements.enumerated() {
                group.addTask { (index, await self.process(element)) }
            }
            var results: [(Int, (String, [String])?)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.compactMap(\.1)
        }
        guard !processed.isEmpty else { return }
        await send(RPCMessageText.batch(processed.map(\.0)))
        for followUp in processed.flatMap(\.1) { await send(followUp) }
    }

    /// The reply text and follow-up notifications one element is owed, or nil
    /// for a notification or when the connection went away meanwhile.
    private func process(_ element: JSONValue) async -> (String, [String])? {
        let request: RPCRequest
        do {
            request = try RPCRequest.read(element)
        } catch {
            return (RPCMessageText.error(error.error, id: error.id), [])
        }
        guard let id = request.id else {
            await RPCMethods(connection: self).performNotification(request)
            return nil
        }
        let outcome = await call(request, id: id)
        guard !outcome.connectionGone else { return nil }
        switch outcome.reply {
        case .success(let result): return (RPCMessageText.result(result, id: id), outcome.followUps)
        case .failure(let error): return (RPCMessageText.error(error, id: id), outcome.followUps)
        }
    }

    /// Runs a call in a task of its own, so `cancel` can stop it while this task
    /// stays free to send the -32800 reply.
    private func call(_ request: RPCRequest, id: RPCID) async -> RPCOutcome {
        guard calls.reserve(id) else {
            return .failure(.invalidRequest("a call with this id is already in flight"))
        }
        let task = Task { await RPCMethods(connection: self).perform(request, id: id) }
        calls.attach(task, to: id)
        let outcome = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        let cancelledByRequest = calls.finish(id)
        if Task.isCancelled { return .gone }
        return cancelledByRequest ? .failure(.cancelled) : outcome
    }
}
