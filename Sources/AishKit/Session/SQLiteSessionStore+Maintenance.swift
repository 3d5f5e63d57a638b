import Foundation
import GRDB

extension SQLiteSessionStore: SessionRekeying {
    public func search(_ text: String) async throws -> [SessionSearchHit] {
        let matcher = TextMatcher(text)
        let path = self.path
        // Everything is encrypted, so the search decrypts each row in memory and keeps
        // only what matches; nothing decrypted is written anywhere.
        return try reading { db, cipher in
            let sessions = try Self.sessions(
                db, Self.sessionColumns + " ORDER BY updated_at DESC, id", cipher, path: path)
            var matching: [String: [StoredMessage]] = [:]
            // A message that cannot be read does not stop the search: its session is
            // named among the hits as damaged.
            var damaged: Set<String> = []
            let rows = try Row.fetchCursor(db, sql: Self.messageColumns + " ORDER BY id")
            while let row = try rows.next() {
                guard let message = try? Self.message(from: row, cipher, path: path) else {
                    if let session = try? row.decode(String.self, atIndex: 1) { damaged.insert(session) }
                    continue
                }
                if matcher.matches(message.content) { matching[message.handle.sessionID, default: []].append(message) }
            }
            return SessionSearchHit.hits(in: sessions, matching: matching, damaged: damaged, matcher: matcher)
        }
    }

    /// Re-encrypts every title and message under `newKey` in one transaction, then
    /// makes `newKey` the key: with a key file, the new key is written to
    /// `session.key.new` inside the transaction and renamed over `session.key` after
    /// the commit (and on the next open, should aish die in between). With
    /// `AISH_SESSION_KEY` no file is touched: the caller must tell the user to switch.
    ///
    /// If anything fails nothing changes: the old key still opens the database.
    public func rekey(to newKey: SessionKey) async throws(SessionStoreError) -> RekeyCount {
        let fresh = SessionCipher(masterKey: newKey)
        let (path, keyring) = (self.path, self.keyring)
        let count = try await writing { db, old in
            if !keyring.usesEnvironment { try keyring.stage(newKey) }
            do {
                return try Self.reencrypt(db, from: old, to: fresh, path: path)
            } catch {
                if !keyring.usesEnvironment { keyring.discardStaged() }
                throw error
            }
        }
        cipherBox.withLock { $0 = fresh }
        if !keyring.usesEnvironment {
            do {
                try keyring.commitStaged()
            } catch {
                // Another aish may have finished the rename already on opening the database.
                guard let current = try? keyring.existingKey(),
                    SessionCipher(masterKey: current).fingerprint == fresh.fingerprint
                else { throw error }
            }
        }
        return count
    }

    private static func reencrypt(
        _ db: Database, from old: SessionCipher, to fresh: SessionCipher, path: String
    ) throws -> RekeyCount {
        var count = RekeyCount(sessions: 0, messages: 0)
        for row in try Row.fetchAll(db, sql: "SELECT id, title FROM session") {
            let id: String = row["id"]
            guard let title = try? old.open(row["title"], for: .title(session: id)) else {
                throw SessionStoreError.undecryptableRow(database: path, session: id)
            }
            try db.execute(
                sql: "UPDATE session SET title = ? WHERE id = ?",
                arguments: [try fresh.seal(title, for: .title(session: id)), id])
            count.sessions += 1
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, session_id, content FROM message") {
            let session: String = row["session_id"]
            let id: Int64 = row["id"]
            guard let content = try? old.open(row["content"], for: .message(session: session)) else {
                throw SessionStoreError.undecryptableRow(database: path, session: session)
            }
            try db.execute(
                sql: "UPDATE message SET content = ? WHERE id = ?",
                arguments: [try fresh.seal(content, for: .message(session: session)), id])
            count.messages += 1
        }
        try db.execute(
            sql: "UPDATE meta SET value = ? WHERE key = ?",
            arguments: [fresh.fingerprint, SessionSchema.fingerprintKey])
        return count
    }
}
