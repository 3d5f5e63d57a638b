/// What a transport tells ``Timeouts/watch(_:clock:_:)``: that the server has just
/// said something about the reply (an event, a batch of chunks).
public final class ReplyHeartbeat: Sendable {
    private let clock: any AishClock
    private let last = LockedBox<ContinuousClock.Instant?>(nil)

    init(clock: any AishClock) {
        self.clock = clock
    }

    /// Notes that the server said something now.
    public func beat() {
        let now = clock.now
        last.withLock { $0 = now }
    }

    /// When the server last said something, if it has.
    var lastHeard: ContinuousClock.Instant? { last.withLock { $0 } }
}

extension Timeouts {
    /// Runs `exchange` (sending a request and reading its reply) under the
    /// first-answer and silence bounds: until `exchange` first calls
    /// ``ReplyHeartbeat/beat()`` it may take ``firstAnswer``, then at most
    /// ``silence`` between two beats. Past a bound, `exchange` is cancelled (it must
    /// flush what it has before it ends) and ``AishError/streamInterrupted(id:reason:)``
    /// for `specialistID` is thrown, naming the bound.
    ///
    /// One watcher task per reply and a clock read per beat: nothing per token.
    public func watch<T: Sendable>(
        _ specialistID: String, clock: any AishClock = SystemClock(),
        _ exchange: @escaping @Sendable (ReplyHeartbeat) async throws -> T
    ) async throws -> T {
        let heartbeat = ReplyHeartbeat(clock: clock)
        let started = clock.now
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await exchange(heartbeat) }
            group.addTask {
                while true {
                    let last = heartbeat.lastHeard
                    let due = last.map { $0 + silence } ?? started + firstAnswer
                    let now = clock.now
                    if now >= due {
                        let reason =
                            last == nil
                            ? Self.phrase("the server sent no answer", firstAnswer)
                            : Self.phrase("the server sent nothing more", silence)
                        throw AishError.streamInterrupted(id: specialistID, reason: reason)
                    }
                    // A beat may come while waiting for the first answer: look again within `silence`.
                    try await clock.sleep(for: min(due - now, silence))
                }
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }
}
