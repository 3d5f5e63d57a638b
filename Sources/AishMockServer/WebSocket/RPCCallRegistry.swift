import Synchronization

/// The calls in flight on one WebSocket connection, by id, so `cancel` can stop
/// one and a repeated id can be refused.
final class RPCCallRegistry: Sendable {
    private struct Entry {
        var task: Task<RPCOutcome, Never>?
        var cancelled = false
    }

    private let calls = Mutex<[RPCID: Entry]>([:])

    /// Reserves `id`; false when a call with that id is already in flight.
    func reserve(_ id: RPCID) -> Bool {
        calls.withLock { calls in
            guard calls[id] == nil else { return false }
            calls[id] = Entry()
            return true
        }
    }

    /// Records the task running the call with `id`; cancels it at once when a
    /// `cancel` arrived between ``reserve(_:)`` and now.
    func attach(_ task: Task<RPCOutcome, Never>, to id: RPCID) {
        let cancelNow = calls.withLock { calls -> Bool in
            calls[id]?.task = task
            return calls[id]?.cancelled ?? false
        }
        if cancelNow { task.cancel() }
    }

    /// Cancels the call with `id`; false when no such call is in flight.
    func cancel(_ id: RPCID) -> Bool {
        let (found, task) = calls.withLock { calls -> (Bool, Task<RPCOutcome, Never>?) in
            guard calls[id] != nil else { return (false, nil) }
            calls[id]?.cancelled = true
            return (true, calls[id]?.task)
        }
        task?.cancel()
        return found
    }

    /// Forgets the call with `id`; returns whether `cancel` stopped it.
    func finish(_ id: RPCID) -> Bool {
        calls.withLock { calls in calls.removeValue(forKey: id)?.cancelled ?? false }
    }
}

/// What a call ends with: its reply, and notifications to send after the reply.
struct RPCOutcome: Sendable {
    /// The result, or the error the call answers with.
    var reply: Result<JSONValue, RPCError>
    /// Notifications that follow the reply (a subscription's first status).
    var followUps: [String] = []
    /// True when the connection was cut while the call ran: nothing is owed.
    var connectionGone = false

    /// A success.
    static func result(_ value: JSONValue, followUps: [String] = []) -> RPCOutcome {
        RPCOutcome(reply: .success(value), followUps: followUps)
    }

    /// A failure.
    static func failure(_ error: RPCError) -> RPCOutcome {
        RPCOutcome(reply: .failure(error))
    }

    /// The connection went away; no reply.
    static let gone = RPCOutcome(reply: .success(.null), connectionGone: true)
}
