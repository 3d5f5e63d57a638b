import Foundation

/// Sending the outbox, and what needs the server itself: rekeying and importing.
extension PostgresStoreWithOutbox {
    /// Sends every session of the outbox at `outboxLocation` to `store` (oldest
    /// first), removing each from the outbox once it is there; a session whose reply
    /// another aish is still writing waits for a later send. Returns what was sent.
    public static func sendOutbox(
        _ outboxLocation: SessionLocation, keyring: SessionKeyring, to store: PostgresSessionStore
    ) async throws -> (sessions: Int, messages: Int) {
        guard FileManager.default.fileExists(atPath: outboxLocation.databasePath) else { return (0, 0) }
        let outbox = try SQLiteSessionStore(location: outboxLocation, keyring: keyring)
        var sent = (sessions: 0, messages: 0)
        for session in try await outbox.sessions().reversed() where !session.isDamaged {
            let messages = try await outbox.messages(inSession: session.id)
            guard !messages.contains(where: \.isStreaming) else { continue }
            do {
                try await store.push(session, messages: messages)
            } catch SessionStoreError.sealedWithAnotherKey {
                // Re-sealed under another key meanwhile (a rekey elsewhere): kept here.
                continue
            }
            try await outbox.forget(messages.map(\.handle.messageID), inSession: session.id)
            sent.sessions += 1
            sent.messages += messages.count
        }
        return sent
    }
}

extension PostgresStoreWithOutbox: SessionRekeying {
    /// Re-encrypts this key's sessions on the server (see
    /// ``PostgresSessionStore/rekey(to:)``). The server must answer and the outbox be
    /// empty (it is sent on opening); the empty outbox file, sealed under the old
    /// key's fingerprint, is removed so that the next one is made with the new key.
    public func rekey(to newKey: SessionKey) async throws(SessionStoreError) -> RekeyCount {
        guard let primary = state.withLock({ $0.primary }) else {
            throw .storeUnreachable(store: location, detail: "it did not answer, and a rekey needs it")
        }
        let path = outboxLocation.databasePath
        if FileManager.default.fileExists(atPath: path) {
            let waiting = try SQLiteSessionStore.openForReading(location: outboxLocation, keyring: keyring).counts()
            guard waiting.sessions == 0 else {
                throw .databaseUnavailable(
                    path: path,
                    detail: "\(waiting.sessions) session(s) wait there to be sent; run `aish sessions sync` first")
            }
            state.withLock { $0.outbox = nil }
            for suffix in ["", "-wal", "-shm"] { PrivateFile.remove(path + suffix) }
        }
        return try await primary.rekey(to: newKey)
    }
}

extension PostgresStoreWithOutbox: SessionImporting {
    /// Imports into the server's store; there is no importing while it is away.
    public func importSession(_ session: StoredSession, messages: [StoredMessage]) async throws -> Bool {
        guard let primary = state.withLock({ $0.primary }) else {
            throw SessionStoreError.storeUnreachable(
                store: location, detail: "it did not answer, and an import needs it")
        }
        return try await primary.importSession(session, messages: messages)
    }
}
