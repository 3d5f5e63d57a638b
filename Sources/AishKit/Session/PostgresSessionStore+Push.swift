import Crypto
import Foundation
import PostgresNIO

extension PostgresSessionStore {
    /// Writes `session` and `messages` as they are, in one transaction: a session
    /// that is not there yet is added with its id, one that is keeps its title and
    /// takes the later time; each message lands by its id, over the row it had (a
    /// reply cut off when the server went away gets its whole text). Sending the
    /// same rows again changes nothing, so a push cut short is simply repeated.
    ///
    /// A session of that id sealed with another key is refused
    /// (``SessionStoreError/sealedWithAnotherKey(store:count:source:)``), so the
    /// caller keeps its rows. `bounded` false lifts the bound on the call (an import).
    func push(_ session: StoredSession, messages: [StoredMessage], bounded: Bool = true) async throws {
        let (cipher, logger) = (self.cipher, self.logger)
        let id = session.id
        let title = try cipher.seal(session.title, for: .title(session: id))
        let (created, updated) = (session.createdAt.timeIntervalSince1970, session.updatedAt.timeIntervalSince1970)
        let rows = try messages.map { message in
            (message.handle.messageID, try cipher.seal(message.content, for: .message(session: id)), message)
        }
        let (location, source) = (self.location, keyring.source)
        try await run(bounded: bounded) { connection in
            try await connection.withTransaction(logger: logger) { connection in
                let kept = try await connection.query(
                    """
                    INSERT INTO aish_session
                        (id, key_fingerprint, title, specialist, server_session_id, created_at, updated_at)
                    VALUES (\(id), \(cipher.fingerprint), \(title), \(session.specialist), \(session.serverSessionID),
                        \(created), \(updated))
                    ON CONFLICT (id) DO UPDATE SET updated_at = greatest(aish_session.updated_at, excluded.updated_at),
                        server_session_id = coalesce(excluded.server_session_id, aish_session.server_session_id)
                    WHERE aish_session.key_fingerprint = excluded.key_fingerprint
                    RETURNING id
                    """, logger: logger)
                var accepted = false
                for try await _ in kept { accepted = true }
                // A session of another key with this id (a rekey elsewhere) is left alone.
                guard accepted else {
                    throw SessionStoreError.sealedWithAnotherKey(store: location, count: 1, source: source)
                }
                for (messageID, sealed, message) in rows {
                    let time = message.createdAt.timeIntervalSince1970
                    try await connection.query(
                        """
                        INSERT INTO aish_message
                            (id, session_id, role, specialist, content, tokens, status, created_at, updated_at)
                        VALUES (\(messageID), \(id), \(message.role.rawValue), \(message.specialist), \(sealed),
                            \(message.tokens), \(message.status.rawValue), \(time), \(updated))
                        ON CONFLICT (id) DO UPDATE SET content = excluded.content, tokens = excluded.tokens,
                            status = excluded.status, writer = NULL, updated_at = excluded.updated_at
                        WHERE aish_message.session_id = excluded.session_id
                        """, logger: logger)
                }
                try await connection.query(
                    """
                    UPDATE aish_session SET message_count = (SELECT count(*) FROM aish_message WHERE session_id = \(id))
                    WHERE id = \(id)
                    """, logger: logger)
            }
        }
    }
}

extension PostgresSessionStore: SessionImporting {
    /// Adds `session` unless a session has its id. Message ids come from the session
    /// id and the message's own id (stable, so importing twice adds nothing; distinct
    /// across sessions, which SQLite numbers alike).
    public func importSession(_ session: StoredSession, messages: [StoredMessage]) async throws -> Bool {
        for message in messages { try Self.checkSize(message.content) }
        let exists = try await run { [logger] connection in
            for try await _ in try await connection.query(
                "SELECT 1 FROM aish_session WHERE id = \(session.id)", logger: logger)
            {
                return true
            }
            return false
        }
        guard !exists else { return false }
        let renumbered = messages.map { message in
            var copy = message
            copy.handle = MessageHandle(sessionID: session.id, messageID: Self.importedID(session.id, message))
            return copy
        }
        try await push(session, messages: renumbered, bounded: false)
        return true
    }

    private static func importedID(_ session: String, _ message: StoredMessage) -> Int64 {
        let digest = SHA256.hash(data: Data("\(session)/\(message.handle.messageID)".utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } & UInt64(Int64.max)
        return Int64(max(value, 1))
    }
}
