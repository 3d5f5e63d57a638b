import Foundation

/// The session store's in-memory twin, for tests and for running without a disk.
/// It behaves like ``SQLiteSessionStore`` (prefix ids, newest first, pruning) but
/// keeps nothing and encrypts nothing. It also counts writes, so tests can check
/// how often a reply was checkpointed.
public actor InMemorySessionStore: SessionStore {
    private var records: [String: StoredSession] = [:]
    private var messageRows: [StoredMessage] = []
    private var nextMessageID: Int64 = 1
    private let now: @Sendable () -> Date
    /// How many times ``update(_:content:tokens:status:isStreaming:)`` ran.
    public private(set) var updateCount = 0

    /// An empty store with `now` as its clock.
    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    /// `memory`: nothing is kept past the process.
    public nonisolated var location: String { "memory" }

    public func createSession(specialist: String, firstMessage: String) throws -> StoredSession {
        var id = SessionID.random()
        while records[id] != nil { id = SessionID.random() }
        let time = now()
        let session = StoredSession(
            id: id, title: StoredSession.title(from: firstMessage), specialist: specialist,
            createdAt: time, updatedAt: time)
        records[id] = session
        return session
    }

    public func session(_ idOrPrefix: String) throws -> StoredSession {
        guard let prefix = SessionID.prefix(idOrPrefix) else { throw SessionStoreError.invalidSessionID(idOrPrefix) }
        let matches = ordered().filter { $0.id.hasPrefix(prefix) }
        if matches.count == 1, let only = matches.first { return only }
        if matches.isEmpty {
            throw SessionStoreError.unknownSession(idOrPrefix, recent: ordered().prefix(5).map(SessionCandidate.init))
        }
        throw SessionStoreError.ambiguousSession(idOrPrefix, candidates: matches.prefix(10).map(SessionCandidate.init))
    }

    public func latestSession() -> StoredSession? { ordered().first }

    public func sessions(limit: Int?) -> [StoredSession] {
        let all = ordered()
        return limit.map { Array(all.prefix($0)) } ?? all
    }

    public func messages(inSession id: String) -> [StoredMessage] {
        messageRows.filter { $0.handle.sessionID == id }
    }

    public func append(_ draft: MessageDraft, toSession id: String) throws -> MessageHandle {
        try checkSize(draft.content)
        guard records[id] != nil else { throw SessionStoreError.unknownSession(id, recent: []) }
        let time = now()
        let handle = MessageHandle(sessionID: id, messageID: nextMessageID)
        nextMessageID += 1
        messageRows.append(
            StoredMessage(
                handle: handle, role: draft.role, specialist: draft.specialist, content: draft.content,
                tokens: draft.tokens, status: draft.status, isStreaming: draft.isStreaming, createdAt: time))
        records[id]?.updatedAt = time
        records[id]?.messageCount += 1
        return handle
    }

    public func update(
        _ message: MessageHandle, content: String, tokens: Int, status: MessageStatus, isStreaming: Bool
    ) throws {
        try checkSize(content)
        guard let index = messageRows.firstIndex(where: { $0.handle == message }) else {
            throw SessionStoreError.unknownSession(message.sessionID, recent: [])
        }
        updateCount += 1
        messageRows[index].content = content
        messageRows[index].tokens = tokens
        messageRows[index].status = status
        messageRows[index].isStreaming = isStreaming
        records[message.sessionID]?.updatedAt = now()
    }

    public func setServerSessionID(_ serverSessionID: String?, forSession id: String) throws {
        guard records[id] != nil else { throw SessionStoreError.unknownSession(id, recent: []) }
        records[id]?.serverSessionID = serverSessionID
    }

    public func withdraw(_ exchange: [MessageHandle]) -> Bool {
        guard let id = exchange.first?.sessionID else { return false }
        let doomed = Set(exchange.filter { $0.sessionID == id })
        let before = messageRows.count
        messageRows.removeAll { doomed.contains($0.handle) }
        records[id]?.messageCount -= before - messageRows.count
        guard let left = records[id]?.messageCount, left <= 0 else { return false }
        records[id] = nil
        return true
    }

    public func deleteSessions(_ ids: [String]) -> Int {
        let doomed = Set(ids.filter { records[$0] != nil })
        for id in doomed { records[id] = nil }
        messageRows.removeAll { doomed.contains($0.handle.sessionID) }
        return doomed.count
    }

    public func search(_ text: String) -> [SessionSearchHit] {
        let matcher = TextMatcher(text)
        return ordered().compactMap { session in
            let messages = messages(inSession: session.id).filter { matcher.matches($0.content) }
            let titleMatches = matcher.matches(session.title)
            guard titleMatches || !messages.isEmpty else { return nil }
            return SessionSearchHit(session: session, titleMatches: titleMatches, messages: messages)
        }
    }

    public func prune(idleSince cutoff: Date) -> Int {
        let busy = Set(messageRows.filter(\.isStreaming).map(\.handle.sessionID))
        let doomed = records.values.filter { $0.updatedAt < cutoff && !busy.contains($0.id) }.map(\.id)
        return deleteSessions(doomed)
    }

    private func ordered() -> [StoredSession] {
        records.values.sorted { ($0.updatedAt, $1.id) > ($1.updatedAt, $0.id) }
    }

    private func checkSize(_ content: String) throws {
        let bytes = content.utf8.count
        if bytes > SQLiteSessionStore.messageLimit {
            throw SessionStoreError.messageTooLarge(bytes: bytes, limit: SQLiteSessionStore.messageLimit)
        }
    }
}
