import ServiceLifecycle
import Synchronization

/// Every v2 stream the server is writing or still keeps for resume, by request id.
///
/// A finished stream is kept for `retention`, for a client to resume; a cancelled
/// one, or one that no route resumes (an OpenAI stream), is forgotten as it ends:
/// a 20,000-token reply's events weigh about a megabyte. Expired streams are swept
/// whenever the registry is used, so it needs no timer of its own.
final class StreamRegistry: Sendable {
    /// A stream and what it belongs to.
    struct Entry: Sendable {
        let log: EventLog
        let specialistID: String
        let faults: FaultPlan
        /// The credentials that started it (see ``Credentials/owner(of:)``); only they may read it again.
        let owner: String?
        /// Whether a route may read it again by its request id once it has ended.
        let resumable: Bool
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var activeGenerations = 0
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let retention: Duration

    /// An empty registry keeping finished streams for `retention`.
    init(retention: Duration) {
        self.retention = retention
    }

    /// Starts writing `reply` into a new log under a fresh request id, with the
    /// log's first reader registered before the first event is written. A stream
    /// that is not `resumable` is forgotten when it ends.
    ///
    /// The generation runs in its own task because it must outlive the request
    /// that started it (a dropped client resumes later). It inherits the server's
    /// graceful-shutdown handling, so stopping the server stops it.
    func start(
        reply: Reply, faults: FaultPlan, pacing: Pacing, grace: Duration, owner: String?, resumable: Bool = true
    ) -> (requestID: String, entry: Entry, lease: ReaderLease) {
        let requestID = Self.makeRequestID()
        let entry = Entry(
            log: EventLog(specialistID: reply.specialist.id), specialistID: reply.specialist.id, faults: faults,
            owner: owner, resumable: resumable)
        state.withLock { state in
            sweep(&state)
            state.entries[requestID] = entry
            state.activeGenerations += 1
        }
        let lease = ReaderLease(firstReaderOf: entry.log)
        let generation = Generation(
            log: entry.log, requestID: requestID, reply: reply, faults: faults, pacing: pacing, grace: grace
        )
        Task {
            await cancelWhenGracefulShutdown { await generation.run() }
            self.generationEnded(requestID: requestID, entry: entry)
        }
        return (requestID, entry, lease)
    }

    /// The stream with this request id, if it is still kept and belongs to `owner`:
    /// to anyone else it does not exist.
    func entry(for requestID: String, owner: String?) -> Entry? {
        state.withLock { state in
            sweep(&state)
            guard let entry = state.entries[requestID], entry.owner == owner else { return nil }
            return entry
        }
    }

    /// How many streams are kept, running or ended.
    var keptCount: Int {
        state.withLock { state in
            sweep(&state)
            return state.entries.count
        }
    }

    /// How many generations are running now.
    var activeGenerationCount: Int {
        state.withLock { $0.activeGenerations }
    }

    /// Waits until no generation is running. For tests: a disconnect must stop
    /// its generation, and this observes that without sleeping.
    func waitUntilNoActiveGenerations() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if state.activeGenerations == 0 { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func generationEnded(requestID: String, entry: Entry) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.activeGenerations -= 1
            if !entry.resumable || entry.log.ending?.0 != .completed {
                state.entries[requestID] = nil
            }
            guard state.activeGenerations == 0 else { return [] }
            defer { state.idleWaiters.removeAll() }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func sweep(_ state: inout State) {
        let now = ContinuousClock.now
        state.entries = state.entries.filter { _, entry in
            guard let (_, endedAt) = entry.log.ending else { return true }
            return now < endedAt + retention
        }
    }

    /// `req_` and 12 lower-case hex digits.
    static func makeRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & 0xFFFF_FFFF_FFFF
        let hex = String(value, radix: 16)
        return "req_" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}
