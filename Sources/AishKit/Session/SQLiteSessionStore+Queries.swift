import Foundation
import GRDB

extension SQLiteSessionStore {
    /// The columns of a session row, as ``session(from:_:path:)`` reads them.
    static let sessionColumns = """
        SELECT id, title, specialist, server_session_id, created_at, updated_at, message_count FROM session
        """

    public func createSession(specialist: String, firstMessage: String) async throws -> StoredSession {
        let time = now()
        return try await writing { db, cipher in
            try Self.insertSession(specialist: specialist, firstMessage: firstMessage, at: time, db, cipher)
        }
    }

    /// The session, the question and the pending reply in one transaction: one commit
    /// (each page written once, ~6 instead of ~15) where three would come one after the other.
    public func openSession(specialist: String, question: String) async throws -> (StoredSession, SavedExchange) {
        try Self.checkSize(question)
        let time = now()
        return try await writing { db, cipher in
            let session = try Self.insertSession(specialist: specialist, firstMessage: question, at: time, db, cipher)
            let exchange = try Self.insertExchange(
                question: question, specialist: specialist, inSession: session.id, at: time.timeIntervalSince1970,
                db, cipher)
            return (session, exchange)
        }
    }

    /// The question and the pending reply in one transaction.
    public func openExchange(inSession id: String, question: String, specialist: String) async throws
        -> SavedExchange
    {
        try Self.checkSize(question)
        let time = now().timeIntervalSince1970
        return try await writing { db, cipher in
            try Self.insertExchange(question: question, specialist: specialist, inSession: id, at: time, db, cipher)
        }
    }

    private static func insertSession(
        specialist: String, firstMessage: String, at time: Date, _ db: Database, _ cipher: SessionCipher
    ) throws -> StoredSession {
        let title = StoredSession.title(from: firstMessage)
        // A collision of 64 random bits is unlikely; retry rather than fail if it happens.
        var id = SessionID.random()
        while try Bool.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [id]) == true {
            id = SessionID.random()
        }
        try db.execute(
            sql: """
                INSERT INTO session (id, title, specialist, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                id, try cipher.seal(title, for: .title(session: id)), specialist,
                time.timeIntervalSince1970, time.timeIntervalSince1970,
            ])
        return StoredSession(id: id, title: title, specialist: specialist, createdAt: time, updatedAt: time)
    }

    private static func insertExchange(
        question: String, specialist: String, inSession id: String, at time: Double, _ db: Database,
        _ cipher: SessionCipher
    ) throws -> SavedExchange {
        let asked = try insert(.question(question, to: specialist), inSession: id, at: time, db, cipher)
        let reply = try insert(.pendingReply(from: specialist), inSession: id, at: time, db, cipher)
        return SavedExchange(question: asked, reply: reply)
    }

    public func session(_ idOrPrefix: String) async throws -> StoredSession {
        guard let prefix = SessionID.prefix(idOrPrefix) else { throw SessionStoreError.invalidSessionID(idOrPrefix) }
        let path = self.path
        let (matches, recent) = try reading { db, cipher in
            // Ids are hex, so every id starting with the prefix sorts below prefix + "g".
            let matches = try Self.sessions(
                db, Self.sessionColumns + " WHERE id >= ? AND id < ? ORDER BY updated_at DESC LIMIT 10",
                arguments: [prefix, prefix + "g"], cipher, path: path)
            let recent =
                matches.isEmpty
                ? try Self.sessions(db, Self.sessionColumns + " ORDER BY updated_at DESC LIMIT 5", cipher, path: path)
                : []
            return (matches, recent)
        }
        if matches.count == 1, let only = matches.first { return only }
        if matches.isEmpty {
            throw SessionStoreError.unknownSession(idOrPrefix, recent: recent.map(SessionCandidate.init))
        }
        throw SessionStoreError.ambiguousSession(idOrPrefix, candidates: matches.map(SessionCandidate.init))
    }

    public func latestSession() async throws -> StoredSession? {
        try await sessions(limit: 1).first
    }

    public func sessions(limit: Int?) async throws -> [StoredSession] {
        let path = self.path
        return try reading(isolated: false) { db, cipher in
            try Self.sessions(
                db, Self.sessionColumns + " ORDER BY updated_at DESC, id LIMIT ?", arguments: [limit ?? -1], cipher,
                path: path)
        }
    }

    public func messages(inSession id: String) async throws -> [StoredMessage] {
        let path = self.path
        return try reading(isolated: false) { db, cipher in
            try Self.messages(
                db, Self.messageColumns + " WHERE session_id = ? ORDER BY id", arguments: [id], cipher, path: path)
        }
    }

    public func messages(inSession id: String, last count: Int) async throws -> [StoredMessage] {
        let path = self.path
        return try reading(isolated: false) { db, cipher in
            try Self.messages(
                db, Self.messageColumns + " WHERE session_id = ? ORDER BY id DESC LIMIT ?",
                arguments: [id, max(0, count)], cipher, path: path
            ).reversed()
        }
    }

    public func append(_ draft: MessageDraft, toSession id: String) async throws -> MessageHandle {
        try Self.checkSize(draft.content)
        let time = now().timeIntervalSince1970
        return try await writing { db, cipher in try Self.insert(draft, inSession: id, at: time, db, cipher) }
    }

    /// Adds `draft` to session `id` and marks the session used at `time`.
    private static func insert(
        _ draft: MessageDraft, inSession id: String, at time: Double, _ db: Database, _ cipher: SessionCipher
    ) throws -> MessageHandle {
        guard try touch(db, session: id, at: time, addingMessage: true) else {
            throw SessionStoreError.unknownSession(id, recent: [])
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO message (session_id, role, specialist, content, tokens, status, writer, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                id, draft.role.rawValue, draft.specialist, try cipher.seal(draft.content, for: .message(session: id)),
                draft.tokens, draft.status.rawValue, draft.isStreaming ? WriterIdentity.current : nil, time,
            ])
        return MessageHandle(sessionID: id, messageID: db.lastInsertedRowID)
    }

    public func update(
        _ message: MessageHandle, content: String, tokens: Int, status: MessageStatus, isStreaming: Bool
    ) async throws {
        try Self.checkSize(content)
        let time = now().timeIntervalSince1970
        try await writing { db, cipher in
            let sealed = try cipher.seal(content, for: .message(session: message.sessionID))
            try db.cachedStatement(
                sql:
                    "UPDATE message SET content = ?, tokens = ?, status = ?, writer = ? WHERE id = ? AND session_id = ?"
            ).execute(
                arguments: [
                    sealed, tokens, status.rawValue, isStreaming ? WriterIdentity.current : nil,
                    message.messageID, message.sessionID,
                ])
            guard db.changesCount == 1, try Self.touch(db, session: message.sessionID, at: time) else {
                throw SessionStoreError.unknownSession(message.sessionID, recent: [])
            }
        }
    }

    public func setServerSessionID(_ serverSessionID: String?, forSession id: String) async throws {
        try await writing { db, _ in
            try db.execute(
                sql: "UPDATE session SET server_session_id = ? WHERE id = ?", arguments: [serverSessionID, id])
            guard db.changesCount == 1 else { throw SessionStoreError.unknownSession(id, recent: []) }
        }
    }

    public func withdraw(_ exchange: [MessageHandle]) async throws -> Bool {
        guard let id = exchange.first?.sessionID else { return false }
        return try await writing { db, _ in
            for message in exchange where message.sessionID == id {
                try db.execute(
                    sql: "DELETE FROM message WHERE id = ? AND session_id = ?", arguments: [message.messageID, id])
                try db.execute(
                    sql: "UPDATE session SET message_count = message_count - ? WHERE id = ?",
                    arguments: [db.changesCount, id])
            }
            try db.execute(sql: "DELETE FROM session WHERE id = ? AND message_count <= 0", arguments: [id])
            return db.changesCount == 1
        }
    }

    public func deleteSessions(_ ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await writing { db, _ in
            var deleted = 0
            for id in ids {
                try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
                deleted += db.changesCount
            }
            return deleted
        }
    }

    public func prune(idleSince cutoff: Date) async throws -> Int {
        try await writing { db, _ in
            // A session whose reply is still streaming is in use, however old its last message.
            try db.execute(
                sql: """
                    DELETE FROM session WHERE updated_at < ? AND NOT EXISTS
                        (SELECT 1 FROM message WHERE session_id = session.id AND writer IS NOT NULL)
                    """,
                arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    // MARK: - Rows

    static let messageColumns = """
        SELECT id, session_id, role, specialist, content, tokens, status, writer, created_at FROM message
        """

    /// The sessions `sql` selects (with ``sessionColumns``), decrypted. A row that
    /// cannot be read (altered, or of the wrong types) does not hide the others: it
    /// is listed as ``StoredSession/damaged(id:)``, named by its id.
    static func sessions(
        _ db: Database, _ sql: String, arguments: StatementArguments = [], _ cipher: SessionCipher, path: String
    ) throws -> [StoredSession] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var sessions: [StoredSession] = []
        while let row = try rows.next() {
            do {
                sessions.append(try session(from: row, cipher, path: path))
            } catch {
                let id = (try? row.decode(String.self, atIndex: 0)) ?? (row[0] as DatabaseValue).description
                sessions.append(.damaged(id: id))
            }
        }
        return sessions
    }

    /// The messages `sql` selects (with ``messageColumns``), decrypted.
    static func messages(
        _ db: Database, _ sql: String, arguments: StatementArguments = [], _ cipher: SessionCipher, path: String
    ) throws -> [StoredMessage] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var messages: [StoredMessage] = []
        while let row = try rows.next() { messages.append(try message(from: row, cipher, path: path)) }
        return messages
    }

    // Columns are read by position (the order of `sessionColumns` and `messageColumns`): much faster than by name.

    static func session(from row: Row, _ cipher: SessionCipher, path: String) throws -> StoredSession {
        let id: String = try row.decode(atIndex: 0)
        return StoredSession(
            id: id,
            title: try open(try row.decode(atIndex: 1), .title(session: id), cipher, path: path, session: id),
            specialist: try row.decode(atIndex: 2),
            serverSessionID: try row.decode(atIndex: 3),
            createdAt: Date(timeIntervalSince1970: try row.decode(atIndex: 4)),
            updatedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 5)),
            messageCount: try row.decode(atIndex: 6))
    }

    static func message(from row: Row, _ cipher: SessionCipher, path: String) throws -> StoredMessage {
        let session: String = try row.decode(atIndex: 1)
        // A reply whose writer died reads as interrupted even where the store may not
        // write (opened for reading), as the read-write open would have marked it.
        let writer: String? = try row.decode(atIndex: 7)
        let abandoned = writer.map { !WriterIdentity.isAlive($0) } ?? false
        let status = MessageStatus(rawValue: try row.decode(atIndex: 6)) ?? .partial
        return StoredMessage(
            handle: MessageHandle(sessionID: session, messageID: try row.decode(atIndex: 0)),
            role: MessageRole(rawValue: try row.decode(atIndex: 2)) ?? .specialist,
            specialist: try row.decode(atIndex: 3),
            content: try open(
                try row.decode(atIndex: 4), .message(session: session), cipher, path: path, session: session),
            tokens: try row.decode(atIndex: 5),
            status: abandoned ? .interrupted : status,
            isStreaming: writer != nil && !abandoned,
            createdAt: Date(timeIntervalSince1970: try row.decode(atIndex: 8)))
    }

    private static func open(
        _ sealed: Data?, _ binding: SessionCipher.Binding, _ cipher: SessionCipher, path: String, session: String
    ) throws -> String {
        guard let sealed, let text = try? cipher.open(sealed, for: binding) else {
            throw SessionStoreError.undecryptableRow(database: path, session: session)
        }
        return text
    }

    /// Marks session `id` used at `time` (and one message larger); false when there is no such session.
    private static func touch(
        _ db: Database, session id: String, at time: Double, addingMessage: Bool = false
    ) throws -> Bool {
        try db.cachedStatement(
            sql: "UPDATE session SET updated_at = ?, message_count = message_count + ? WHERE id = ?"
        ).execute(arguments: [time, addingMessage ? 1 : 0, id])
        return db.changesCount == 1
    }

    static func checkSize(_ content: String) throws(SessionStoreError) {
        let bytes = content.utf8.count
        if bytes > messageLimit { throw .messageTooLarge(bytes: bytes, limit: messageLimit) }
    }
}
