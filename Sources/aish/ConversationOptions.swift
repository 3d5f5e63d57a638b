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

    /// The conversation these options choose.
    var choice: ConversationChoice {
        if let sessionID { return .session(sessionID) }
        return continueLatest ? .latest : .new
    }
}
