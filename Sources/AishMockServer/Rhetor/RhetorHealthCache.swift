import Synchronization

/// Rhetor's health cache: a specialist's health is checked at most once per `ttl`,
/// so within it a retry gets the same answer even when the specialist came back.
/// `POST /api/v1/ai/cache/clear` empties it.
final class RhetorHealthCache: Sendable {
    private struct Entry {
        let healthy: Bool
        let checkedAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let ttl: Duration

    /// A cache keeping each answer for `ttl`.
    init(ttl: Duration) {
        self.ttl = ttl
    }

    /// The cached health of `id`, or `check()`'s answer, remembered from `now`.
    func healthy(_ id: String, now: ContinuousClock.Instant = .now, check: () -> Bool) -> Bool {
        entries.withLock { entries in
            if let entry = entries[id], now < entry.checkedAt + ttl { return entry.healthy }
            let healthy = check()
            entries[id] = Entry(healthy: healthy, checkedAt: now)
            return healthy
        }
    }

    /// Forgets every answer.
    func clear() {
        entries.withLock { $0.removeAll() }
    }
}
