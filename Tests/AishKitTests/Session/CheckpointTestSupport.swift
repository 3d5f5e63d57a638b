import Foundation
import Synchronization

@testable import AishKit

/// A sleep the test ends by hand: the checkpointer's writer rests here until
/// `wake()`, so the test decides when "250 ms" have passed and never sleeps itself.
final class ManualSleeper: Sendable {
    private struct State {
        var sleepers: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var cancelled: Set<Int> = []
        var nextID = 0
        var requested: [Duration] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }
    private let state = Mutex(State())

    /// The durations asked for, in order.
    var requested: [Duration] { state.withLock { $0.requested } }

    /// The sleep to hand to ``Checkpointer``.
    var sleep: @Sendable (Duration) async throws -> Void { { try await self.sleep(for: $0) } }

    func sleep(for duration: Duration) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
                    if state.cancelled.contains(id) {
                        continuation.resume(throwing: CancellationError())
                        return []
                    }
                    state.sleepers.append((id, continuation))
                    state.requested.append(duration)
                    let count = state.requested.count
                    let ready = state.waiters.filter { $0.count <= count }.map(\.continuation)
                    state.waiters.removeAll { $0.count <= count }
                    return ready
                }
                for waiter in ready { waiter.resume() }
            }
        } onCancel: {
            state.withLock { state in
                state.cancelled.insert(id)
                if let index = state.sleepers.firstIndex(where: { $0.id == id }) {
                    state.sleepers.remove(at: index).continuation.resume(throwing: CancellationError())
                }
            }
        }
    }

    /// Ends the oldest sleep.
    func wake() {
        state.withLock { state in
            guard !state.sleepers.isEmpty else { return }
            state.sleepers.removeFirst().continuation.resume()
        }
    }

    /// Returns once `count` sleeps have begun in all.
    func waitForSleeps(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.requested.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}

/// An in-memory store that tells the test about each reply update and counts reads
/// of messages, and can make updates fail or hang until the test lets them through.
actor ObservedStore: SessionStore {
    let inner = InMemorySessionStore()
    private(set) var updates: [(content: String, status: MessageStatus, streaming: Bool)] = []
    /// How many times a session's messages were read.
    private(set) var reads = 0
    private var failing = false
    private var gated = false
    private var gateWaiters: [CheckedContinuation<Void, Never>] = []
    private var countWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    private var holdsNewSessions = false
    private var sessionWaiters: [CheckedContinuation<Void, Never>] = []

    func failUpdates() { failing = true }
    /// New sessions wait until ``releaseNewSessions()``.
    func holdNewSessions() { holdsNewSessions = true }
    func releaseNewSessions() {
        holdsNewSessions = false
        for waiter in sessionWaiters { waiter.resume() }
        sessionWaiters = []
    }
    func closeGate() { gated = true }
    func openGate() {
        gated = false
        for waiter in gateWaiters { waiter.resume() }
        gateWaiters = []
    }

    /// Returns once `count` updates have been saved.
    func waitForUpdates(_ count: Int) async {
        if updates.count >= count { return }
        await withCheckedContinuation { countWaiters.append((count, $0)) }
    }

    func update(
        _ message: MessageHandle, content: String, tokens: Int, status: MessageStatus, isStreaming: Bool
    ) async throws {
        if gated { await withCheckedContinuation { gateWaiters.append($0) } }
        if failing {
            throw SessionStoreError.databaseUnavailable(path: "/full/disk.sqlite", detail: "the disk is full")
        }
        try await inner.update(message, content: content, tokens: tokens, status: status, isStreaming: isStreaming)
        updates.append((content, status, isStreaming))
        let done = countWaiters.filter { $0.count <= updates.count }
        countWaiters.removeAll { $0.count <= updates.count }
        for waiter in done { waiter.continuation.resume() }
    }

    func createSession(specialist: String, firstMessage: String) async throws -> StoredSession {
        if holdsNewSessions { await withCheckedContinuation { sessionWaiters.append($0) } }
        return try await inner.createSession(specialist: specialist, firstMessage: firstMessage)
    }
    func session(_ idOrPrefix: String) async throws -> StoredSession { try await inner.session(idOrPrefix) }
    func latestSession() async throws -> StoredSession? { await inner.latestSession() }
    func sessions(limit: Int?) async throws -> [StoredSession] { await inner.sessions(limit: limit) }
    func messages(inSession id: String) async throws -> [StoredMessage] {
        reads += 1
        return await inner.messages(inSession: id)
    }
    func append(_ draft: MessageDraft, toSession id: String) async throws -> MessageHandle {
        try await inner.append(draft, toSession: id)
    }
    func setServerSessionID(_ serverSessionID: String?, forSession id: String) async throws {
        try await inner.setServerSessionID(serverSessionID, forSession: id)
    }
    func deleteSessions(_ ids: [String]) async throws -> Int { await inner.deleteSessions(ids) }
    func withdraw(_ exchange: [MessageHandle]) async throws -> Bool { await inner.withdraw(exchange) }
    func search(_ text: String) async throws -> [SessionSearchHit] { await inner.search(text) }
    func prune(idleSince cutoff: Date) async throws -> Int { await inner.prune(idleSince: cutoff) }
}
