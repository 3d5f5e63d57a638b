/// Which conversation a chat joins: a new one, the most recent (`-c`), or a chosen
/// one (`--session ID`, a unique prefix will do). `-c SPECIALIST` is the most recent
/// with that specialist (`latestWith`, its id).
public enum ConversationChoice: Sendable, Equatable {
    case new
    case latest
    case latestWith(specialist: String)
    case session(String)

    /// The stored session to continue, or nil for a new one.
    ///
    /// - Throws: ``SessionStoreError`` when the session is unknown or ambiguous, or
    ///   `latest` finds none.
    public func existing(in store: any SessionStore) async throws -> StoredSession? {
        switch self {
        case .new:
            return nil
        case .session(let prefix):
            return try await store.session(prefix)
        case .latest:
            guard let latest = try await store.latestSession() else {
                throw SessionStoreError.noSessionToContinue(database: store.location)
            }
            return latest
        case .latestWith(let specialist):
            let all = try await store.sessions(limit: nil)
            guard let latest = all.first(where: { $0.specialist.lowercased() == specialist.lowercased() }) else {
                throw SessionStoreError.noSessionToContinue(database: store.location)
            }
            return latest
        }
    }
}

extension Conversation {
    /// The conversation `choice` asks for, in the store `open` opens.
    ///
    /// When the database cannot be used at all (a read-only or full disk) a new
    /// conversation still happens, unsaved, after one `warn`. Key problems, a damaged
    /// database, and continuing a session without its database stop the chat
    /// instead, before anything is sent.
    public static func open(
        _ choice: ConversationChoice, checkpointInterval: Duration = Checkpointer.interval,
        store open: () async throws -> any SessionStore, warn: (String) -> Void
    ) async throws -> Conversation {
        let store: any SessionStore
        do {
            store = try await open()
        } catch let error as SessionStoreError {
            guard error.leavesTheChatUnsaved, choice == .new else { throw error }
            warn("this conversation will not be saved: \(error)")
            return Conversation(store: nil, checkpointInterval: checkpointInterval)
        }
        guard let existing = try await choice.existing(in: store) else {
            return Conversation(store: store, checkpointInterval: checkpointInterval)
        }
        let history = try await store.messages(inSession: existing.id, last: Conversation.contextMessages)
        return Conversation(
            continuing: existing, history: history, in: store, checkpointInterval: checkpointInterval)
    }
}
