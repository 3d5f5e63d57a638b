import Synchronization

/// The events of one v2 stream: a generation writes them, connections read them.
///
/// Keeping the stream apart from any connection is what makes resume work: a
/// connection that drops leaves the log (and the generation writing it) intact,
/// and a new connection reads on from any event still held. The log holds at most
/// about `capacity` events; older ones are dropped once every reader has them,
/// and the writer waits while a reader lags a full window behind.
final class EventLog: Sendable {
    /// How a stream ended.
    enum Ending: Sendable, Equatable {
        /// The generation wrote its last event (`done` or a fatal error).
        case completed
        /// The generation was stopped before its end.
        case cancelled
    }

    /// What a reader gets.
    enum ReadResult: Sendable, Equatable {
        /// Events after the reader's position, in order.
        case events([StreamEvent])
        /// Nothing new yet; wait and read again.
        case nothingYet
        /// Nothing new, ever.
        case ended
    }

    /// A registered reader.
    struct Reader: Hashable, Sendable {
        let number: Int
    }

    struct State {
        var events: [StreamEvent] = []
        var firstID = 0
        var ending: Ending?
        var endedAt: ContinuousClock.Instant?
        var orphanedAt: ContinuousClock.Instant?
        var cursors: [Int: Int] = [:]
        var nextReader = 0
        var readerWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var writerWaiter: CheckedContinuation<Void, Never>?
        /// Who waits for the writer to wait (``waitUntilWriterWaits()``).
        var writerWaitWatchers: [CheckedContinuation<Void, Never>] = []

        var nextID: Int { firstID + events.count }
        var slowestCursor: Int { cursors.values.min() ?? nextID }
    }

    /// The id of the stream's specialist, written into content events.
    let specialistID: String
    /// About how many events the log holds.
    let capacity: Int
    let state = Mutex(State())

    /// An empty log.
    init(specialistID: String, capacity: Int = 16_384) {
        self.specialistID = specialistID
        self.capacity = max(capacity, 1)
    }

    // MARK: Writer

    /// Adds events (their ids must follow on) and wakes every waiting reader.
    func append(_ batch: [StreamEvent]) {
        guard !batch.isEmpty else { return }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.events.append(contentsOf: batch)
            trim(&state)
            defer { state.readerWaiters.removeAll() }
            return Array(state.readerWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Marks the stream ended and wakes everyone.
    func finish(_ ending: Ending) {
        let (readers, writer) = state.withLock { state in
            if state.ending == nil {
                state.ending = ending
                state.endedAt = .now
            }
            defer {
                state.readerWaiters.removeAll()
                state.writerWaiter = nil
            }
            return (Array(state.readerWaiters.values), state.writerWaiter)
        }
        for reader in readers { reader.resume() }
        writer?.resume()
    }

    /// How the stream ended and when, or nil while it is still being written.
    var ending: (Ending, ContinuousClock.Instant)? {
        state.withLock { state in state.ending.flatMap { ending in state.endedAt.map { (ending, $0) } } }
    }

    /// When the last reader left because its client went away, if no reader came since.
    var orphanedAt: ContinuousClock.Instant? {
        state.withLock { $0.orphanedAt }
    }

    /// Waits while some reader lags a whole window behind the writer.
    func waitForRoom() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let (ready, watchers) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
                    if Task.isCancelled || state.nextID - state.slowestCursor < capacity { return (true, []) }
                    state.writerWaiter = continuation
                    defer { state.writerWaitWatchers.removeAll() }
                    return (false, state.writerWaitWatchers)
                }
                for watcher in watchers { watcher.resume() }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.writerWaiter = nil }
                return state.writerWaiter
            }
            waiter?.resume()
        }
    }

    /// Returns once the writer waits for a reader a whole window behind (at once if
    /// it waits now). For tests: that a reader holds the log's events back.
    func waitUntilWriterWaits() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state -> Bool in
                if state.writerWaiter != nil { return true }
                state.writerWaitWatchers.append(continuation)
                return false
            }
            if waiting { continuation.resume() }
        }
    }

    /// Drops events every reader has read, but only in large steps, so the cost
    /// of moving the array stays small per event.
    private func trim(_ state: inout State) {
        let excess = state.events.count - capacity
        guard excess > capacity / 4 else { return }
        let droppable = min(excess, state.slowestCursor - state.firstID)
        guard droppable > 0 else { return }
        state.events.removeFirst(droppable)
        state.firstID += droppable
    }
}
