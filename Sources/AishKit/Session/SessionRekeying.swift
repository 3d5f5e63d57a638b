/// A store whose sessions can be re-encrypted under a new key (`aish sessions rekey`).
public protocol SessionRekeying: SessionStore {
    /// Re-encrypts every title and message of this key under `newKey` in one
    /// transaction, then makes `newKey` the key (a key file is replaced only after
    /// the commit). If anything fails nothing changes: the old key still works.
    func rekey(to newKey: SessionKey) async throws(SessionStoreError) -> RekeyCount
}

/// What a rekey re-encrypted.
public struct RekeyCount: Sendable, Equatable {
    /// Sessions whose title was re-encrypted.
    public var sessions: Int
    /// Messages re-encrypted.
    public var messages: Int

    public init(sessions: Int, messages: Int) {
        self.sessions = sessions
        self.messages = messages
    }
}
