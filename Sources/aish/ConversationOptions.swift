import AishKit
import ArgumentParser

/// How a one-shot chat joins a session: a new one by default, the most recent with
/// `--continue`, or a chosen one with `--session`.
struct ConversationOptions: ParsableArguments {
    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Continue the most recent session.")
    var continueLatest = false

    @Option(
        name: .customLong("session"),
        help: ArgumentHelp("Continue the session with this id (a unique prefix will do).", valueName: "id"),
        completion: .sessionIDs)
    var sessionID: String?

    @Flag(
        name: .customLong("no-save"),
        help: """
            Save nothing of this chat (or session.save: false, AISH_NO_SAVE=1). With -c or --session \
            the earlier turns are still sent, and the new ones are not added.
            """)
    var noSave = false

    @OptionGroup var store: SessionStoreOptions

    func validate() throws {
        if continueLatest, sessionID != nil {
            throw ValidationError("Use either --continue or --session, not both.")
        }
    }

    /// Opens the conversation these options choose: saved in the session store
    /// unless `--no-save` or `settings` say otherwise. A new chat that saves nothing
    /// opens no database at all.
    func open(_ settings: AishSettings, warn: (String) -> Void) async throws -> Conversation {
        try await open(choice, settings, warn: warn)
    }

    /// As ``open(_:warn:)``, for `choice`; a SQLite store keeps `connections` (one
    /// for a one-shot chat).
    func open(
        _ choice: ConversationChoice, _ settings: AishSettings, connections: SQLiteSessionStore.Connections = .pool,
        warn: (String) -> Void
    ) async throws -> Conversation {
        let interval = settings.checkpointInterval ?? Checkpointer.interval
        let saves = saves(settings)
        if !saves, choice == .new { return Conversation(store: nil, checkpointInterval: interval) }
        var conversation = try await Conversation.open(
            choice, checkpointInterval: interval, store: { try await store.open(connections: connections) },
            warn: warn)
        if !saves { conversation.stopSaving() }
        return conversation
    }

    /// Whether chats are saved: not with `--no-save`, `session.save: false` or `AISH_NO_SAVE=1`.
    func saves(_ settings: AishSettings) -> Bool {
        !noSave && settings.saveSessions != false
    }

    /// The conversation these options choose.
    var choice: ConversationChoice {
        if let sessionID { return .session(sessionID) }
        return continueLatest ? .latest : .new
    }
}
