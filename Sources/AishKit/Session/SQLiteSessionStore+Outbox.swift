import Foundation
import GRDB

/// Writes with ids chosen by the caller, for the outbox of a PostgreSQL store
/// (``PostgresStoreWithOutbox``): a session keeps the id it has (or will have) on
/// the server, and a message the server's id, so that sending the outbox later
/// lands each row once, over the partial row a reply left there.
extension SQLiteSessionStore {
    /// Adds `session` (its id, title, specialist and times) unless a session has its id.
    func keep(_ session: StoredSession) async throws {
        let (id, title, specialist) = (session.id, session.title, session.specialist)
        let (created, updated) = (session.createdAt.timeIntervalSince1970, session.updatedAt.timeIntervalSince1970)
        let serverSessionID = session.serverSessionID
        try await writing { db, cipher in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO session (id, title, specialist, server_session_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, try cipher.seal(title, for: .title(session: id)), specialist, serverSessionID, created, updated,
                ])
        }
    }

    /// Adds `draft` to session `id` as message `messageID` (replacing one with that id).
    func insert(_ draft: MessageDraft, id messageID: Int64, toSession id: String) async throws -> MessageHandle {
        try Self.checkSize(draft.content)
        let time = now().timeIntervalSince1970
        return try await writing { db, cipher in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO message
                        (id, session_id, role, specialist, content, tokens, status, writer, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    messageID, id, draft.role.rawValue, draft.specialist,
                    try cipher.seal(draft.content, for: .message(session: id)), draft.tokens, draft.status.rawValue,
                    draft.isStreaming ? WriterIdentity.current : nil, time,
                ])
            try db.execute(
                sql: """
                    UPDATE session SET updated_at = ?,
                        message_count = (SELECT count(*) FROM message WHERE session_id = ?) WHERE id = ?
                    """,
                arguments: [time, id, id])
            return MessageHandle(sessionID: id, messageID: messageID)
        }
    }

    /// How many sessions and messages the store holds (the outbox's pending rows).
    public func counts() throws(SessionStoreError) -> (sessions: Int, messages: Int) {
        try reading { db, _ in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM session") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0
            )
        }
    }
}

extension SQLiteSessionStore: SessionImporting {
    public func importSession(_ session: StoredSession, messages: [StoredMessage]) async throws -> Bool {
        for message in messages { try Self.checkSize(message.content) }
        let id = session.id
        return try await writing { db, cipher in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [id]) != true else {
                return false
            }
            try db.execute(
                sql: """
                    INSERT INTO session
                        (id, title, specialist, server_session_id, created_at, updated_at, message_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, try cipher.seal(session.title, for: .title(session: id)), session.specialist,
                    session.serverSessionID, session.createdAt.timeIntervalSince1970,
                    session.updatedAt.timeIntervalSince1970, messages.count,
                ])
            // New ids, in the order given: this store orders a session's messages by id.
            for message in messages {
                try db.execute(
                    sql: """
                        INSERT INTO message (session_id, role, specialist, content, tokens, status, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, message.role.rawValue, message.specialist,
                        try cipher.seal(message.content, for: .message(session: id)), message.tokens,
                        message.status.rawValue, message.createdAt.timeIntervalSince1970,
                    ])
            }
            return true
        }
    }
}

extension SQLiteSessionStore {
    /// Removes the messages `ids` of session `id` (those just sent elsewhere) and the
    /// session if that leaves it empty, in one transaction: a message another process
    /// added meanwhile stays, with its session.
    func forget(_ ids: [Int64], inSession id: String) async throws {
        try await writing { db, _ in
            for message in ids {
                try db.execute(sql: "DELETE FROM message WHERE id = ? AND session_id = ?", arguments: [message, id])
            }
            try db.execute(
                sql: """
                    DELETE FROM session WHERE id = ? AND NOT EXISTS (SELECT 1 FROM message WHERE session_id = ?)
                    """,
                arguments: [id, id])
        }
    }
}
