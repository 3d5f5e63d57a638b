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

    private let outbound: WebSocketOutboundWriter
    private let channel: any Channel

    /// A connection writing to `outbound` over `channel`.
    init(
        state: MockServerState, specialist: Specialist, faults: FaultPlan, outbound: WebSocketOutboundWriter,
        channel: any Channel
    ) {
        self.state = state
        self.specialist = specialist
        self.faults = faults
        self.outbound = outbound
        self.channel = channel
    }

    /// Serves the connection until the client closes it or it breaks. A message
    /// over the size limit ends it with close code 1009 (message too big).
    func run(_ inbound: WebSocketInboundStream) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            defer { group.cancelAll() }
            for try await message in inbound.messages(maxSize: WebSocketRoute.maxMessageSize) {
                group.addTask { await self.handle(message) }
            }
        }
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
