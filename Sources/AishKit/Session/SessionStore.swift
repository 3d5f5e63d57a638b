import Foundation

/// Where conversations are kept: ``SQLiteSessionStore`` on disk, or
/// ``InMemorySessionStore`` in tests.
///
/// Every method throws ``SessionStoreError`` only. Session ids may be given in full
/// or as a unique prefix wherever a method says "id or prefix". Methods run to the
/// end even when the calling task is cancelled, so a final checkpoint is never lost
/// to Ctrl-C.
public protocol SessionStore: Sendable {
    /// Where the sessions are kept, for messages: a database path, or `memory`.
    var location: String { get }
    /// Starts an empty session with `specialist`, titled from `firstMessage`.
    func createSession(specialist: String, firstMessage: String) async throws -> StoredSession

    /// The session whose id is `idOrPrefix` or starts with it. Throws
    /// ``SessionStoreError/unknownSession(_:recent:)`` or
    /// ``SessionStoreError/ambiguousSession(_:candidates:)``.
    func session(_ idOrPrefix: String) async throws -> StoredSession

    /// The most recently used session, if any.
    func latestSession() async throws -> StoredSession?

    /// Sessions, most recently used first; at most `limit` when given.
    func sessions(limit: Int?) async throws -> [StoredSession]

    /// The messages of session `id` (full id), oldest first.
    func messages(inSession id: String) async throws -> [StoredMessage]

    /// The last `count` messages of session `id` (full id), oldest first: what a chat
    /// that continues it sends along, read without opening every earlier message.
    func messages(inSession id: String, last count: Int) async throws -> [StoredMessage]

    /// Adds `draft` to session `id` (full id) and marks the session used now.
    func append(_ draft: MessageDraft, toSession id: String) async throws -> MessageHandle

    /// Saves the user's `question` to `specialist` in session `id` (full id), then an
    /// empty reply marked as streaming from this process; returns both handles. A
    /// store may write both at once (the default appends one, then the other).
    func openExchange(inSession id: String, question: String, specialist: String) async throws -> SavedExchange

    /// Starts a session with `specialist`, titled from `question`, and opens its first
    /// exchange (as ``openExchange(inSession:question:specialist:)``). A store may write
    /// it all at once (the default creates the session, then opens the exchange).
    func openSession(specialist: String, question: String) async throws -> (StoredSession, SavedExchange)

    /// Replaces a message's text, token count and status (a reply's checkpoint);
    /// `isStreaming: false` records that its writer is done with it.
    func update(
        _ message: MessageHandle, content: String, tokens: Int, status: MessageStatus, isStreaming: Bool
    ) async throws

    /// Records (or clears) the server's session id for session `id` (full id).
    func setServerSessionID(_ serverSessionID: String?, forSession id: String) async throws

    /// Deletes the sessions with these full ids and their messages; returns how many existed.
    func deleteSessions(_ ids: [String]) async throws -> Int

    /// Removes the messages `exchange` names, all in one session: a question whose
    /// reply failed or was stopped before any text, which a session does not keep.
    /// A session left with no message goes too. Returns whether it did.
    func withdraw(_ exchange: [MessageHandle]) async throws -> Bool

    /// Sessions whose title or messages contain `text` (case-insensitive), most
    /// recent first, each with its matching messages.
    func search(_ text: String) async throws -> [SessionSearchHit]

    /// Deletes sessions not used since `cutoff`; returns how many.
    func prune(idleSince cutoff: Date) async throws -> Int
}

extension SessionStore {
    /// `memory`, for a store that keeps nothing on disk.
    public var location: String { "memory" }

    /// All sessions, most recently used first.
    public func sessions() async throws -> [StoredSession] { try await sessions(limit: nil) }

    /// The last `count` messages, from all of them (a store that can read fewer says so).
    public func messages(inSession id: String, last count: Int) async throws -> [StoredMessage] {
        Array(try await messages(inSession: id).suffix(max(0, count)))
    }

    /// Deletes sessions idle for longer than `ttl` before `now`; a zero `ttl` keeps everything.
    public func prune(idleLongerThan ttl: SessionAge, now: Date = Date()) async throws -> Int {
        guard !ttl.isNever else { return 0 }
        return try await prune(idleSince: now.addingTimeInterval(-ttl.seconds))
    }
}

/// A session that matched a search, with the messages that matched.
public struct SessionSearchHit: Sendable, Equatable {
    /// The session that matched.
    public var session: StoredSession
    /// Whether the title matched.
    public var titleMatches: Bool
    /// The matching messages, oldest first.
    public var messages: [StoredMessage]

    /// A hit for `session`.
    public init(session: StoredSession, titleMatches: Bool, messages: [StoredMessage]) {
        self.session = session
        self.titleMatches = titleMatches
        self.messages = messages
    }

    /// The hits of a search: each session of `sessions` (in their order) whose title
    /// matches or that has `matching` messages; a damaged one, or one with a message
    /// that could not be opened (`damaged`), is named as damaged.
    static func hits(
        in sessions: [StoredSession], matching: [String: [StoredMessage]], damaged: Set<String>, matcher: TextMatcher
    ) -> [SessionSearchHit] {
        sessions.compactMap { session in
            if session.isDamaged || damaged.contains(session.id) {
                return SessionSearchHit(session: .damaged(id: session.id), titleMatches: false, messages: [])
            }
            let titleMatches = matcher.matches(session.title)
            let messages = matching[session.id] ?? []
            guard titleMatches || !messages.isEmpty else { return nil }
            return SessionSearchHit(session: session, titleMatches: titleMatches, messages: messages)
        }
    }
}
