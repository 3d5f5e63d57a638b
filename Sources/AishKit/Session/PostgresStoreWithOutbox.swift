import Crypto
import Foundation
import Synchronization

/// The PostgreSQL store as chats use it: when its server cannot be reached (at the
/// start, or in the middle of a reply), the conversation goes on and is kept in a
/// local outbox, an SQLite file sealed with the same key, after one warning; the
/// next aish that reaches the server sends the outbox there first
/// (``sendOutbox(_:to:)``, also `aish sessions sync`). Nothing is lost on the way:
/// outbox rows keep the ids they have on the server, so a reply cut off there is
/// completed, not repeated, and sending twice changes nothing.
public final class PostgresStoreWithOutbox: SessionStore {
    /// The server and database, without the password.
    public let location: String
    let outboxLocation: SessionLocation
    let keyring: SessionKeyring
    private let warn: @Sendable (String) -> Void
    let state: Mutex<State>

    struct State {
        /// The server's store, until it fails to answer.
        var primary: PostgresSessionStore?
        var outbox: SQLiteSessionStore?
        var warned = false
        /// Why the server is not used, once it failed.
        var away: SessionStoreError?
        /// Sessions this process created or read, for copying into the outbox.
        var sessions: [String: StoredSession] = [:]
        /// The drafts of messages this process added on the server.
        var drafts: [MessageHandle: MessageDraft] = [:]
        /// Sessions whose writes go to the outbox.
        var local: Set<String> = []
        /// What this process last read of each session's messages on the server (all of
        /// them, or the last ones over an earlier read of more), so a conversation that
        /// moves to the outbox keeps its earlier turns.
        var remote: [String: [StoredMessage]] = [:]
    }

    private init(
        location: String, primary: PostgresSessionStore?, outboxLocation: SessionLocation, keyring: SessionKeyring,
        warn: @escaping @Sendable (String) -> Void
    ) {
        self.location = location
        self.outboxLocation = outboxLocation
        self.keyring = keyring
        self.warn = warn
        state = Mutex(State(primary: primary))
    }

    /// The outbox for the store at `url`: a file beside `location`'s database, named
    /// after the store so that each store has its own, sealed with `location`'s key.
    public static func outbox(for url: PostgresURL, beside location: SessionLocation) -> SessionLocation {
        let digest = SHA256.hash(data: Data(url.description.utf8)).prefix(6).map { String(format: "%02x", $0) }
        let folder = (location.databasePath as NSString).deletingLastPathComponent
        return SessionLocation(
            databasePath: (folder as NSString).appendingPathComponent("outbox-\(digest.joined()).sqlite"),
            keyPath: location.keyPath)
    }

    /// Connects to `url` and sends the outbox there; when the server cannot be
    /// reached, keeps what follows in the outbox, saying so once through `warn`
    /// before the first write that goes there.
    public static func open(
        _ url: PostgresURL, keyring: SessionKeyring, location: SessionLocation, environment: [String: String],
        home: String, warn: @escaping @Sendable (String) -> Void
    ) async throws -> PostgresStoreWithOutbox {
        let outboxLocation = outbox(for: url, beside: location)
        var primary: PostgresSessionStore?
        var unreachable: SessionStoreError?
        do {
            let store = try await PostgresSessionStore.open(url, keyring: keyring, environment: environment, home: home)
            primary = store
            do {
                _ = try await sendOutbox(outboxLocation, keyring: keyring, to: store)
            } catch let error as SessionStoreError {
                // An outbox that cannot be sent (another key's, damaged) does not stop the chat.
                if case .storeUnreachable = error { throw error }
                warn("what waits in \(outboxLocation.databasePath) was not sent: \(error)")
            }
        } catch let error as SessionStoreError {
            guard case .storeUnreachable = error else { throw error }
            unreachable = error
        }
        let store = PostgresStoreWithOutbox(
            location: url.description, primary: primary, outboxLocation: outboxLocation, keyring: keyring, warn: warn)
        if let unreachable { store.failOver(unreachable) }
        return store
    }

    // MARK: - Where writes go

    /// Stops using the server after `error`: what follows goes to the outbox.
    private func failOver(_ error: SessionStoreError) {
        state.withLock { state in
            state.primary = nil
            state.away = error
        }
    }

    /// Says once, before the first write that goes to the outbox, why and where it goes.
    private func warnOnce() {
        let away = state.withLock { state -> SessionStoreError? in
            guard !state.warned, let away = state.away else { return nil }
            state.warned = true
            return away
        }
        guard let away else { return }
        var reason = away.description
        if case .storeUnreachable(let store, let detail) = away {
            reason = "cannot reach the session store \(store) (\(detail))"
        }
        warn(
            """
            \(reason); this conversation is kept on this machine and sent there by the next aish that reaches \
            it (or by `aish sessions sync`)
            """)
    }

    /// The outbox, opened on first use.
    private func outbox() throws -> SQLiteSessionStore {
        if let outbox = state.withLock({ $0.outbox }) { return outbox }
        let opened = try SQLiteSessionStore(location: outboxLocation, keyring: keyring)
        return state.withLock { state in
            if let outbox = state.outbox { return outbox }
            state.outbox = opened
            return opened
        }
    }

    /// The server's store, unless it failed or `session` is kept locally.
    private func primary(for session: String? = nil) -> PostgresSessionStore? {
        state.withLock { state in
            if let session, state.local.contains(session) { return nil }
            return state.primary
        }
    }

    /// Runs `remote` on the server's store; when the server cannot be reached (now
    /// or before), fails over and runs `local` instead.
    private func write<T>(
        session: String? = nil, warns: Bool = true, _ remote: (PostgresSessionStore) async throws -> T,
        local: () async throws -> T
    ) async throws -> T {
        if let primary = primary(for: session) {
            do {
                return try await remote(primary)
            } catch let error as SessionStoreError {
                guard case .storeUnreachable = error else { throw error }
                failOver(error)
            }
        }
        if warns { warnOnce() }
        return try await local()
    }

    /// Makes sure the outbox holds session `id` (with what this process knows of it),
    /// and sends its writes there from now on.
    private func keepLocally(_ id: String, specialist: String) async throws -> SQLiteSessionStore {
        let outbox = try outbox()
        let known = state.withLock { state in
            state.local.insert(id)
            return state.sessions[id]
        }
        let now = Date()
        try await outbox.keep(
            known ?? StoredSession(id: id, title: "(continued)", specialist: specialist, createdAt: now, updatedAt: now)
        )
        return outbox
    }

    private func remember(_ session: StoredSession) -> StoredSession {
        state.withLock { $0.sessions[session.id] = session }
        return session
    }

    // MARK: - SessionStore

    public func createSession(specialist: String, firstMessage: String) async throws -> StoredSession {
        // The ids are chosen here, so that a write whose answer was lost (the server
        // went away after it committed) lands on the same rows when sent again.
        let id = SessionID.random()
        let session = try await write {
            try await $0.createSession(specialist: specialist, firstMessage: firstMessage, id: id)
        } local: {
            let now = Date()
            let session = StoredSession(
                id: id, title: StoredSession.title(from: firstMessage), specialist: specialist, createdAt: now,
                updatedAt: now)
            try await outbox().keep(session)
            return session
        }
        if primary() == nil { _ = state.withLock { $0.local.insert(session.id) } }
        return remember(session)
    }

    public func append(_ draft: MessageDraft, toSession id: String) async throws -> MessageHandle {
        let messageID = Int64.random(in: 1...Int64.max)
        return try await write(session: id) { primary in
            let handle = try await primary.append(draft, toSession: id, messageID: messageID)
            state.withLock { state in
                state.drafts[handle] = draft
                state.remote[id, default: []].append(
                    StoredMessage(
                        handle: handle, role: draft.role, specialist: draft.specialist, content: draft.content,
                        tokens: draft.tokens, status: draft.status, createdAt: Date()))
            }
            return handle
        } local: {
            try await keepLocally(id, specialist: draft.specialist).insert(draft, id: messageID, toSession: id)
        }
    }

    public func update(
        _ message: MessageHandle, content: String, tokens: Int, status: MessageStatus, isStreaming: Bool
    ) async throws {
        try await write(session: message.sessionID) { primary in
            try await primary.update(
                message, content: content, tokens: tokens, status: status, isStreaming: isStreaming)
            state.withLock { state in
                guard let index = state.remote[message.sessionID]?.firstIndex(where: { $0.handle == message }) else {
                    return
                }
                state.remote[message.sessionID]?[index].content = content
                state.remote[message.sessionID]?[index].status = status
            }
        } local: {
            let outbox = try outbox()
            let moved = state.withLock { $0.local.contains(message.sessionID) && $0.drafts[message] == nil }
            if moved {
                try await outbox.update(
                    message, content: content, tokens: tokens, status: status, isStreaming: isStreaming)
                return
            }
            // A reply that began on the server: its whole text goes to the outbox under
            // its server id, to replace the partial row there when the outbox is sent.
            guard let draft = state.withLock({ $0.drafts.removeValue(forKey: message) }) else {
                throw SessionStoreError.unknownSession(message.sessionID, recent: [])
            }
            let local = try await keepLocally(message.sessionID, specialist: draft.specialist)
            var replacement = draft
            (replacement.content, replacement.tokens, replacement.status) = (content, tokens, status)
            replacement.isStreaming = isStreaming
            _ = try await local.insert(replacement, id: message.messageID, toSession: message.sessionID)
        }
    }

    public func setServerSessionID(_ serverSessionID: String?, forSession id: String) async throws {
        try await write(session: id) {
            try await $0.setServerSessionID(serverSessionID, forSession: id)
        } local: {
            try await keepLocally(id, specialist: "").setServerSessionID(serverSessionID, forSession: id)
        }
    }

    public func withdraw(_ exchange: [MessageHandle]) async throws -> Bool {
        guard let id = exchange.first?.sessionID else { return false }
        return try await write(session: id) {
            try await $0.withdraw(exchange)
        } local: {
            try await outbox().withdraw(exchange)
        }
    }

    // Reads and deletions go to the server; while it is away, to the outbox, which
    // holds what was written meanwhile.

    public func session(_ idOrPrefix: String) async throws -> StoredSession {
        remember(
            try await read {
                try await $0.session(idOrPrefix)
            } local: { outbox in
                // A session the outbox does not hold may well be on the server: say why
                // it cannot be looked at, not that it does not exist.
                do {
                    return try await outbox.session(idOrPrefix)
                } catch SessionStoreError.unknownSession {
                    throw state.withLock { $0.away } ?? SessionStoreError.unknownSession(idOrPrefix, recent: [])
                }
            })
    }

    public func latestSession() async throws -> StoredSession? {
        let latest = try await read {
            try await $0.latestSession()
        } local: { outbox in
            guard let latest = try await outbox.latestSession() else {
                if let away = state.withLock({ $0.away }) { throw away }
                return nil
            }
            return latest
        }
        return latest.map(remember)
    }

    public func sessions(limit: Int?) async throws -> [StoredSession] {
        try await read {
            try await $0.sessions(limit: limit)
        } local: {
            try await $0.sessions(limit: limit)
        }
    }

    public func messages(inSession id: String) async throws -> [StoredMessage] {
        try await read(session: id) { primary in
            let messages = try await primary.messages(inSession: id)
            state.withLock { $0.remote[id] = messages }
            return messages
        } local: { outbox in
            try await messagesKnown(inSession: id, outbox)
        }
    }

    /// What is known of a session's messages on the server after a read of its last
    /// ones (`whole` when that read held them all): the earlier messages `known` holds,
    /// then the ones just read.
    static func known(_ known: [StoredMessage], updatedBy last: [StoredMessage], whole: Bool) -> [StoredMessage] {
        if whole { return last }
        guard let first = last.first else { return known }
        let read = Set(last.map(\.handle.messageID))
        return known.filter { !read.contains($0.handle.messageID) && $0.createdAt <= first.createdAt } + last
    }

    /// With the server away: the turns the server had (as this process last read them)
    /// and what the outbox holds since, a reply that moved there replacing its server copy.
    private func messagesKnown(inSession id: String, _ outbox: any SessionStore) async throws -> [StoredMessage] {
        let kept = try await outbox.messages(inSession: id)
        let ids = Set(kept.map(\.handle.messageID))
        let earlier = state.withLock { $0.remote[id] ?? [] }.filter { !ids.contains($0.handle.messageID) }
        return (earlier + kept).sorted { $0.createdAt < $1.createdAt }
    }

    public func messages(inSession id: String, last count: Int) async throws -> [StoredMessage] {
        try await read(session: id) { primary in
            let messages = try await primary.messages(inSession: id, last: count)
            state.withLock {
                $0.remote[id] = Self.known($0.remote[id] ?? [], updatedBy: messages, whole: messages.count < count)
            }
            return messages
        } local: { outbox in
            Array(try await messagesKnown(inSession: id, outbox).suffix(max(0, count)))
        }
    }

    public func deleteSessions(_ ids: [String]) async throws -> Int {
        try await read {
            try await $0.deleteSessions(ids)
        } local: {
            try await $0.deleteSessions(ids)
        }
    }

    public func search(_ text: String) async throws -> [SessionSearchHit] {
        try await read {
            try await $0.search(text)
        } local: {
            try await $0.search(text)
        }
    }

    public func prune(idleSince cutoff: Date) async throws -> Int {
        try await read {
            try await $0.prune(idleSince: cutoff)
        } local: {
            try await $0.prune(idleSince: cutoff)
        }
    }

    /// Runs `remote` on the server's store, or `local` on the outbox once the server
    /// is away (failing over if it goes now).
    private func read<T>(
        session: String? = nil, _ remote: (any SessionStore) async throws -> T,
        local: (any SessionStore) async throws -> T
    ) async throws -> T {
        try await write(
            session: session, warns: false, { try await remote($0) }, local: { try await local(try outbox()) })
    }
}
