import Foundation
import PostgresNIO

extension PostgresSessionStore {
    /// A session row as the queries select it (see ``sessionColumns``).
    typealias SessionRow = (String, Data, String, String?, Double, Double, Int)
    /// A message row as the queries select it (see ``messageColumns``).
    typealias MessageRow = (Int64, String, String, String, Data, Int, String, String?, Double, Double)

    static let sessionColumns =
        "SELECT id, title, specialist, server_session_id, created_at, updated_at, message_count FROM aish_session"
    static let messageColumns = """
        SELECT id, session_id, role, specialist, content, tokens, status, writer, created_at, updated_at
        FROM aish_message
        """

    public func createSession(specialist: String, firstMessage: String) async throws -> StoredSession {
        try await createSession(specialist: specialist, firstMessage: firstMessage, id: SessionID.random())
    }

    /// As ``createSession(specialist:firstMessage:)``, trying the id `first` first.
    func createSession(specialist: String, firstMessage: String, id first: String) async throws -> StoredSession {
        let title = StoredSession.title(from: firstMessage)
        let time = now()
        let (cipher, logger) = (self.cipher, self.logger)
        return try await run { connection in
            // A collision of 64 random bits is unlikely; choose again rather than fail.
            var next = first
            while true {
                let id = next
                next = SessionID.random()
                let sealed = try cipher.seal(title, for: .title(session: id))
                let seconds = time.timeIntervalSince1970
                let rows = try await connection.query(
                    """
                    INSERT INTO aish_session (id, key_fingerprint, title, specialist, created_at, updated_at)
                    VALUES (\(id), \(cipher.fingerprint), \(sealed), \(specialist), \(seconds), \(seconds))
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """, logger: logger)
                for try await _ in rows {
                    return StoredSession(
                        id: id, title: title, specialist: specialist, createdAt: time, updatedAt: time)
                }
            }
        }
    }

    public func session(_ idOrPrefix: String) async throws -> StoredSession {
        guard let prefix = SessionID.prefix(idOrPrefix) else { throw SessionStoreError.invalidSessionID(idOrPrefix) }
        let (matches, recent, others) = try await run { [self] connection in
            // Ids are hex ("C" collation), so every id starting with the prefix sorts below prefix + "g".
            let fingerprint = cipher.fingerprint
            let matches = try await sessions(
                connection,
                """
                \(unescaped: Self.sessionColumns) WHERE key_fingerprint = \(fingerprint)
                AND id >= \(prefix) AND id < \(prefix + "g") ORDER BY updated_at DESC LIMIT 10
                """)
            guard matches.isEmpty else { return (matches, [StoredSession](), 0) }
            let recent = try await sessions(
                connection,
                """
                \(unescaped: Self.sessionColumns) WHERE key_fingerprint = \(fingerprint)
                ORDER BY updated_at DESC LIMIT 5
                """)
            var others = 0
            for try await count in try await connection.query(
                """
                SELECT count(*) FROM aish_session
                WHERE key_fingerprint <> \(fingerprint) AND id >= \(prefix) AND id < \(prefix + "g")
                """, logger: logger
            ).decode(Int.self) {
                others = count
            }
            return (matches, recent, others)
        }
        if matches.count == 1, let only = matches.first { return only }
        if matches.isEmpty {
            if others > 0 {
                throw SessionStoreError.sealedWithAnotherKey(store: location, count: others, source: keyring.source)
            }
            throw SessionStoreError.unknownSession(idOrPrefix, recent: recent.map(SessionCandidate.init))
        }
        throw SessionStoreError.ambiguousSession(idOrPrefix, candidates: matches.map(SessionCandidate.init))
    }

    public func latestSession() async throws -> StoredSession? {
        try await sessions(limit: 1).first
    }

    public func sessions(limit: Int?) async throws -> [StoredSession] {
        try await run { [self] connection in
            try await sessions(
                connection,
                """
                \(unescaped: Self.sessionColumns) WHERE key_fingerprint = \(cipher.fingerprint)
                ORDER BY updated_at DESC, id LIMIT \(limit)
                """)
        }
    }

    /// How many sessions this store's key sealed.
    public func sessionCount() async throws -> Int { try await countSessions(ofThisKey: true) }

    /// How many sessions in the database were sealed with other keys than this store's.
    public func sessionsOfOtherKeys() async throws -> Int { try await countSessions(ofThisKey: false) }

    private func countSessions(ofThisKey: Bool) async throws -> Int {
        try await run { [self] connection in
            let fingerprint = cipher.fingerprint
            let query: PostgresQuery =
                try ofThisKey
                ? "SELECT count(*) FROM aish_session WHERE key_fingerprint = \(fingerprint)"
                : "SELECT count(*) FROM aish_session WHERE key_fingerprint <> \(fingerprint)"
            var count = 0
            for try await value in try await connection.query(query, logger: logger).decode(Int.self) { count = value }
            return count
        }
    }

    public func messages(inSession id: String) async throws -> [StoredMessage] {
        try await run { [self] connection in
            try await messages(
                connection,
                """
                \(unescaped: Self.messageColumns) WHERE session_id = \(id) AND EXISTS
                    (SELECT 1 FROM aish_session WHERE id = \(id) AND key_fingerprint = \(cipher.fingerprint))
                ORDER BY created_at, seq
                """)
        }
    }

    public func messages(inSession id: String, last count: Int) async throws -> [StoredMessage] {
        try await run { [self] connection in
            try await messages(
                connection,
                """
                \(unescaped: Self.messageColumns) WHERE session_id = \(id) AND EXISTS
                    (SELECT 1 FROM aish_session WHERE id = \(id) AND key_fingerprint = \(cipher.fingerprint))
                ORDER BY created_at DESC, seq DESC LIMIT \(max(0, count))
                """
            ).reversed()
        }
    }

    public func append(_ draft: MessageDraft, toSession id: String) async throws -> MessageHandle {
        try await append(draft, toSession: id, messageID: Int64.random(in: 1...Int64.max))
    }

    /// As ``append(_:toSession:)``, with the message's id chosen by the caller (so a
    /// write whose answer was lost can be repeated elsewhere under the same id).
    func append(_ draft: MessageDraft, toSession id: String, messageID: Int64) async throws -> MessageHandle {
        try Self.checkSize(draft.content)
        let time = now().timeIntervalSince1970
        let (cipher, logger, writer) = (self.cipher, self.logger, draft.isStreaming ? self.writer : nil)
        let sealed = try cipher.seal(draft.content, for: .message(session: id))
        let added = try await run { connection in
            let rows = try await connection.execute(
                try MessageAppend(
                    messageID: messageID, sessionID: id, role: draft.role.rawValue, specialist: draft.specialist,
                    sealedContent: sealed, tokens: draft.tokens, status: draft.status.rawValue, writer: writer,
                    fingerprint: cipher.fingerprint, time: time),
                logger: logger)
            for try await _ in rows { return true }
            return false
        }
        guard added else { throw SessionStoreError.unknownSession(id, recent: []) }
        return MessageHandle(sessionID: id, messageID: messageID)
    }

    public func update(
        _ message: MessageHandle, content: String, tokens: Int, status: MessageStatus, isStreaming: Bool
    ) async throws {
        try Self.checkSize(content)
        let time = now().timeIntervalSince1970
        let (cipher, logger, writer) = (self.cipher, self.logger, isStreaming ? self.writer : nil)
        let sealed = try cipher.seal(content, for: .message(session: message.sessionID))
        let updated = try await run { connection in
            let rows = try await connection.execute(
                try MessageUpdate(
                    sealedContent: sealed, tokens: tokens, status: status.rawValue, writer: writer, time: time,
                    messageID: message.messageID, sessionID: message.sessionID, fingerprint: cipher.fingerprint),
                logger: logger)
            for try await _ in rows { return true }
            return false
        }
        guard updated else { throw SessionStoreError.unknownSession(message.sessionID, recent: []) }
    }

    public func setServerSessionID(_ serverSessionID: String?, forSession id: String) async throws {
        let updated = try await run { [self] connection in
            let rows = try await connection.query(
                """
                UPDATE aish_session SET server_session_id = \(serverSessionID)
                WHERE id = \(id) AND key_fingerprint = \(cipher.fingerprint) RETURNING id
                """, logger: logger)
            for try await _ in rows { return true }
            return false
        }
        guard updated else { throw SessionStoreError.unknownSession(id, recent: []) }
    }

    public func deleteSessions(_ ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await run { [self] connection in
            try await count(
                connection,
                """
                DELETE FROM aish_session WHERE id = ANY(\(ids)) AND key_fingerprint = \(cipher.fingerprint)
                RETURNING id
                """)
        }
    }

    public func withdraw(_ exchange: [MessageHandle]) async throws -> Bool {
        guard let id = exchange.first?.sessionID else { return false }
        let ids = exchange.filter { $0.sessionID == id }.map(\.messageID)
        return try await run { [self] connection in
            try await connection.withTransaction(logger: logger) { connection in
                // Only a session of this key: another key's rows are not this store's to change.
                let mine = try await count(
                    connection,
                    """
                    SELECT id FROM aish_session WHERE id = \(id) AND key_fingerprint = \(cipher.fingerprint) FOR UPDATE
                    """)
                guard mine == 1 else { return false }
                let removed = try await count(
                    connection, "DELETE FROM aish_message WHERE session_id = \(id) AND id = ANY(\(ids)) RETURNING id")
                try await connection.query(
                    "UPDATE aish_session SET message_count = message_count - \(removed) WHERE id = \(id)",
                    logger: logger)
                return try await count(
                    connection,
                    """
                    DELETE FROM aish_session WHERE id = \(id) AND key_fingerprint = \(cipher.fingerprint)
                    AND message_count <= 0 RETURNING id
                    """) == 1
            }
        }
    }

    public func prune(idleSince cutoff: Date) async throws -> Int {
        let seconds = cutoff.timeIntervalSince1970
        return try await run { [self] connection in
            // A session whose reply is still streaming is in use, however old its last message.
            try await count(
                connection,
                """
                DELETE FROM aish_session WHERE key_fingerprint = \(cipher.fingerprint) AND updated_at < \(seconds)
                AND NOT EXISTS (SELECT 1 FROM aish_message
                    WHERE session_id = aish_session.id AND writer IS NOT NULL
                    AND updated_at > \(now().timeIntervalSince1970 - Self.remoteWriterSilence))
                RETURNING id
                """)
        }
    }

    public func search(_ text: String) async throws -> [SessionSearchHit] {
        let matcher = TextMatcher(text)
        let sessions = try await sessions(limit: nil)
        // Everything is sealed, so the search opens each row in memory and keeps only
        // what matches; a row that cannot be opened names its session as damaged.
        let (matching, damaged) = try await run { [self] connection in
            var matching: [String: [StoredMessage]] = [:]
            var damaged: Set<String> = []
            let rows = try await connection.query(
                """
                SELECT m.id, m.session_id, m.role, m.specialist, m.content, m.tokens, m.status, m.writer,
                    m.created_at, m.updated_at
                FROM aish_message m JOIN aish_session s ON s.id = m.session_id
                WHERE s.key_fingerprint = \(cipher.fingerprint) ORDER BY m.created_at, m.seq
                """, logger: logger)
            let current = now().timeIntervalSince1970
            for try await row in rows.decode(MessageRow.self) {
                guard let message = try? message(from: row, now: current) else {
                    damaged.insert(row.1)
                    continue
                }
                if matcher.matches(message.content) { matching[message.handle.sessionID, default: []].append(message) }
            }
            return (matching, damaged)
        }
        return SessionSearchHit.hits(in: sessions, matching: matching, damaged: damaged, matcher: matcher)
    }

    // MARK: - Rows

    /// How many rows `query` returned.
    func count(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query(query, logger: logger) { count += 1 }
        return count
    }

    /// The sessions `query` selects (with ``sessionColumns``), decrypted; a row that
    /// cannot be read is listed as ``StoredSession/damaged(id:)``.
    func sessions(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [StoredSession] {
        let cipher = self.cipher
        var sessions: [StoredSession] = []
        for try await row in try await connection.query(query, logger: logger).decode(SessionRow.self) {
            let (id, sealed, specialist, serverSessionID, created, updated, count) = row
            guard let title = try? cipher.open(sealed, for: .title(session: id)) else {
                sessions.append(.damaged(id: id))
                continue
            }
            sessions.append(
                StoredSession(
                    id: id, title: title, specialist: specialist, serverSessionID: serverSessionID,
                    createdAt: Date(timeIntervalSince1970: created), updatedAt: Date(timeIntervalSince1970: updated),
                    messageCount: count))
        }
        return sessions
    }

    /// The messages `query` selects (with ``messageColumns``), decrypted.
    func messages(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [StoredMessage] {
        let current = now().timeIntervalSince1970
        var messages: [StoredMessage] = []
        for try await row in try await connection.query(query, logger: logger).decode(MessageRow.self) {
            messages.append(try message(from: row, now: current))
        }
        return messages
    }

    /// A message row, decrypted; a reply whose writer is gone reads as interrupted.
    func message(from row: MessageRow, now current: Double) throws -> StoredMessage {
        let (id, session, role, specialist, sealed, tokens, status, writer, created, updated) = row
        guard let content = try? cipher.open(sealed, for: .message(session: session)) else {
            throw SessionStoreError.undecryptableRow(database: location, session: session)
        }
        let abandoned = writer.map { !Self.writerIsAlive($0, lastWrite: updated, now: current) } ?? false
        let stored = MessageStatus(rawValue: status) ?? .partial
        return StoredMessage(
            handle: MessageHandle(sessionID: session, messageID: id),
            role: MessageRole(rawValue: role) ?? .specialist, specialist: specialist, content: content,
            tokens: tokens, status: abandoned ? .interrupted : stored, isStreaming: writer != nil && !abandoned,
            createdAt: Date(timeIntervalSince1970: created))
    }

    /// Whether the process that is writing a reply (`HOST pid/start`) still runs: asked
    /// of this machine's processes; on another machine, judged by its last checkpoint.
    static func writerIsAlive(_ writer: String, lastWrite: Double, now: Double) -> Bool {
        let prefix = "\(hostName) "
        if writer.hasPrefix(prefix) { return WriterIdentity.isAlive(String(writer.dropFirst(prefix.count))) }
        return now - lastWrite < remoteWriterSilence
    }

    static func checkSize(_ content: String) throws(SessionStoreError) {
        let bytes = content.utf8.count
        if bytes > SQLiteSessionStore.messageLimit {
            throw .messageTooLarge(bytes: bytes, limit: SQLiteSessionStore.messageLimit)
        }
    }
}
