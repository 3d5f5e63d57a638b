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

    @OptionGroup var store: SessionStoreOptions

    func validate() throws {
        if continueLatest, sessionID != nil {
            throw ValidationError("Use either --continue or --session, not both.")
        }
    }

    /// The session to continue, or nil for a new one. Throws when `--session` names
    /// no session (or several), or `--continue` finds none.
    func existingSession(in store: any SessionStore, path: String) async throws -> StoredSession? {
        if let sessionID { return try await store.session(sessionID) }
        guard continueLatest else { return nil }
        guard let latest = try await store.latestSession() else {
            throw SessionStoreError.noSessionToContinue(database: path)
        }
        return latest
    }
}
