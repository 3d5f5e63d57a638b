import Foundation
import Synchronization

/// The mock's server-side sessions (PROTOCOL.md §4): created on request, kept while
/// used, expired after `ttl` seconds without activity. Expired ids are remembered,
/// so they answer 410 rather than 404.
final class SessionRegistry: Sendable {
    /// One message of a session.
    struct Message: Sendable {
        var role: String
        var content: String
        var timestamp: Date
    }

    /// One session.
    struct Session: Sendable {
        let id: String
        let specialistID: String
        let contextWindow: Int
        let metadata: JSONValue
        let createdAt: Date
        var lastActivity: Date
        var messages: [Message] = []
    }

    /// What a lookup found.
    enum Lookup: Sendable {
        case active(Session)
        case expired
        case unknown
    }

    private struct State {
        var sessions: [String: Session] = [:]
        var expired: Set<String> = []
    }

    /// Seconds of inactivity after which a session expires.
    let ttl: Double
    private let state = Mutex(State())

    /// A registry whose sessions expire after `ttl` seconds without activity.
    init(ttl: Double) {
        self.ttl = ttl
    }

    /// Creates a session.
    func create(specialistID: String, contextWindow: Int, metadata: JSONValue, now: Date = Date()) -> Session {
        let id = "sess_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let session = Session(
            id: id, specialistID: specialistID, contextWindow: contextWindow, metadata: metadata, createdAt: now,
            lastActivity: now)
        state.withLock { state in
            expireIdle(&state, now: now)
            state.sessions[id] = session
        }
        return session
    }

    /// The session with `id`, after expiring idle ones.
    func lookup(_ id: String, now: Date = Date()) -> Lookup {
        state.withLock { state in
            expireIdle(&state, now: now)
            if let session = state.sessions[id] { return .active(session) }
            return state.expired.contains(id) ? .expired : .unknown
        }
    }

    /// Adds an exchange to the session and marks it active; nil when it is gone.
    func record(_ id: String, question: String, answer: String, now: Date = Date()) -> Session? {
        state.withLock { state in
            guard var session = state.sessions[id] else { return nil }
            session.messages.append(Message(role: "user", content: question, timestamp: now))
            session.messages.append(Message(role: "assistant", content: answer, timestamp: now))
            session.lastActivity = now
            state.sessions[id] = session
            return session
        }
    }

    /// Marks the session active without a message (a stream starting in it).
    func touch(_ id: String, now: Date = Date()) {
        state.withLock { $0.sessions[id]?.lastActivity = now }
    }

    /// Deletes a session; false when there was none.
    func delete(_ id: String) -> Bool {
        state.withLock { $0.sessions.removeValue(forKey: id) != nil }
    }

    /// When `session` expires if nothing happens.
    func expiry(of session: Session) -> Date {
        session.lastActivity.addingTimeInterval(ttl)
    }

    private func expireIdle(_ state: inout State, now: Date) {
        for (id, session) in state.sessions where now.timeIntervalSince(session.lastActivity) >= ttl {
            state.sessions[id] = nil
            state.expired.insert(id)
        }
    }
}
