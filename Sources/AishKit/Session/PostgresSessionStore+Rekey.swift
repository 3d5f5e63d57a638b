import Foundation
import PostgresNIO

extension PostgresSessionStore: SessionRekeying {
    /// Re-encrypts this key's sessions under `newKey` in one transaction (other keys'
    /// sessions are not touched), as ``SQLiteSessionStore/rekey(to:)`` does: a key
    /// file is staged before and replaced after the commit.
    public func rekey(to newKey: SessionKey) async throws(SessionStoreError) -> RekeyCount {
        let fresh = SessionCipher(masterKey: newKey)
        let (old, keyring, logger, location) = (cipher, self.keyring, self.logger, self.location)
        if !keyring.usesEnvironment { try keyring.stage(newKey) }
        let count: RekeyCount
        do {
            count = try await run(bounded: false) { connection in
                try await connection.withTransaction(logger: logger) { connection in
                    try await Self.reencrypt(connection, from: old, to: fresh, location: location, logger: logger)
                }
            }
        } catch {
            let failure = Self.translate(error, store: location)
            // With the connection lost, the commit may have happened: the staged key
            // stays, and the next open takes it if the sessions carry its fingerprint.
            if case .storeUnreachable = failure {} else if !keyring.usesEnvironment { keyring.discardStaged() }
            throw failure
        }
        cipherBox.withLock { $0 = fresh }
        if !keyring.usesEnvironment { try keyring.commitStaged() }
        return count
    }

    private static func reencrypt(
        _ connection: PostgresConnection, from old: SessionCipher, to fresh: SessionCipher, location: String,
        logger: Logger
    ) async throws -> RekeyCount {
        var titles: [(String, Data)] = []
        for try await (id, sealed) in try await connection.query(
            "SELECT id, title FROM aish_session WHERE key_fingerprint = \(old.fingerprint) FOR UPDATE",
            logger: logger
        ).decode((String, Data).self) {
            guard let title = try? old.open(sealed, for: .title(session: id)) else {
                throw SessionStoreError.undecryptableRow(database: location, session: id)
            }
            titles.append((id, try fresh.seal(title, for: .title(session: id))))
        }
        var contents: [(Int64, Data)] = []
        for try await (id, session, sealed) in try await connection.query(
            """
            SELECT m.id, m.session_id, m.content FROM aish_message m JOIN aish_session s ON s.id = m.session_id
            WHERE s.key_fingerprint = \(old.fingerprint) FOR UPDATE OF m
            """, logger: logger
        ).decode((Int64, String, Data).self) {
            guard let content = try? old.open(sealed, for: .message(session: session)) else {
                throw SessionStoreError.undecryptableRow(database: location, session: session)
            }
            contents.append((id, try fresh.seal(content, for: .message(session: session))))
        }
        for (id, sealed) in titles {
            try await connection.query(
                "UPDATE aish_session SET title = \(sealed), key_fingerprint = \(fresh.fingerprint) WHERE id = \(id)",
                logger: logger)
        }
        for (id, sealed) in contents {
            try await connection.query("UPDATE aish_message SET content = \(sealed) WHERE id = \(id)", logger: logger)
        }
        return RekeyCount(sessions: titles.count, messages: contents.count)
    }
}
