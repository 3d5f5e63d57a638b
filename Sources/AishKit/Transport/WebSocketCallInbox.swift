import Synchronization

/// What arrives for one JSON-RPC call on a ``WebSocketConnection``, gathered until
/// the caller takes it.
///
/// The connection's read loop pushes; the caller takes everything that arrived
/// since it last looked in one go, which is how text is coalesced per network
/// read. The buffer is not bounded: the read loop never waits for a caller, so
/// pings are answered even while a renderer is slow.
final class WebSocketCallInbox: Sendable {
    /// One thing that arrived for the call.
    enum Item: Sendable, Equatable {
        /// A notification whose `request` is this call (`stream.chunk`, …).
        case notification(method: String, params: FlatJSONObject)
        /// The call's response; nothing follows it.
        case response(Result<FlatJSONObject.Value, JSONRPCError>)
        /// The connection ended before the response; nothing follows it.
        case connectionLost(reason: String)
    }

    private struct State {
        var items: [Item] = []
        var waiter: CheckedContinuation<[Item], Never>?
    }

    private let state = Mutex(State())

    /// Adds an item and wakes the caller.
    func push(_ item: Item) {
        let (waiter, items) = state.withLock { state -> (CheckedContinuation<[Item], Never>?, [Item]) in
            state.items.append(item)
            guard let waiter = state.waiter else { return (nil, []) }
            state.waiter = nil
            defer { state.items.removeAll(keepingCapacity: true) }
            return (waiter, state.items)
        }
        waiter?.resume(returning: items)
    }

    /// Everything that arrived since the last call, waiting until something has.
    /// Returns an empty array at once when the task is cancelled.
    func next() async -> [Item] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Item], Never>) in
                let ready = state.withLock { state -> [Item]? in
                    if !state.items.isEmpty || Task.isCancelled {
                        defer { state.items.removeAll(keepingCapacity: true) }
                        return state.items
                    }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: [])
        }
    }
}
