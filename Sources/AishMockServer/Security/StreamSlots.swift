import Synchronization

/// Counts each client's streams in flight against a limit.
final class StreamSlots: Sendable {
    /// The most streams one client may have at once.
    let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    /// Slots allowing `limit` streams per client.
    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for `client`; false when it already has `limit` streams.
    func acquire(for client: String) -> Bool {
        counts.withLock { counts in
            let current = counts[client, default: 0]
            guard current < limit else { return false }
            counts[client] = current + 1
            return true
        }
    }

    /// Gives back a slot taken with ``acquire(for:)``.
    func release(for client: String) {
        counts.withLock { counts in
            let remaining = counts[client, default: 1] - 1
            counts[client] = remaining > 0 ? remaining : nil
        }
    }
}
