import AishKit
import Foundation

/// The session side of one `aish chat`: opened before the request is sent, it gives
/// the message its conversation context, saves the question, and checkpoints the
/// reply as it streams.
///
/// When the database cannot be used at all (a read-only or full disk) a new
/// conversation still happens: the user is warned once that it is not saved. Key
/// problems and a damaged database stop the chat instead, before anything is sent.
struct ChatSessionRecorder: Sendable {
    let store: SQLiteSessionStore?
    let existing: StoredSession?
    let history: [StoredMessage]
    let verbose: Bool

    /// Opens the store and finds the session `options` ask to continue.
    static func open(_ options: ConversationOptions, verbose: Bool) async throws -> ChatSessionRecorder {
        let continuing = options.continueLatest || options.sessionID != nil
        let store: SQLiteSessionStore
        do {
            store = try await options.store.open()
        } catch let error as SessionStoreError {
            guard case .databaseUnavailable = error, !continuing else { throw error }
            warn("this conversation will not be saved: \(error)")
            return ChatSessionRecorder(store: nil, existing: nil, history: [], verbose: verbose)
        }
        let existing = try await options.existingSession(in: store, path: store.path)
        var history: [StoredMessage] = []
        if let existing { history = try await store.messages(inSession: existing.id) }
        return ChatSessionRecorder(store: store, existing: existing, history: history, verbose: verbose)
    }

    /// What to send for `text`: the text, with the earlier turns in front when
    /// continuing a session (see README, "Conversation context").
    func outgoing(_ text: String) -> String {
        ConversationContext().message(text, after: history)
    }

    /// The server session to continue with `specialist`: the stored session's, when
    /// it talked to the same specialist.
    func serverSessionID(for specialist: String) -> String? {
        guard let existing, existing.specialist == specialist else { return nil }
        return existing.serverSessionID
    }

    /// Remembers the server session the local session `recording` belongs to now.
    func remember(serverSession id: String, for recording: ReplyRecording?) async {
        guard let store, let recording else { return }
        try? await store.setServerSessionID(id, forSession: recording.sessionID)
    }

    /// Saves the question and an empty reply; nil (after a warning) when that fails,
    /// in which case the reply is shown but not saved.
    func begin(specialist: String, question: String, checkpointInterval: Duration = Checkpointer.interval) async
        -> ReplyRecording?
    {
        guard let store else { return nil }
        do {
            let session: StoredSession
            if let existing {
                session = existing
            } else {
                session = try await store.createSession(specialist: specialist, firstMessage: question)
            }
            if verbose {
                Self.note("session \(session.shortID) (\(existing == nil ? "new" : "continued")) in \(store.path)")
            }
            let reply = try await store.beginExchange(inSession: session.id, question: question, specialist: specialist)
            let checkpointer = Checkpointer(store: store, reply: reply, interval: checkpointInterval) { error in
                Self.warn("the reply could not be saved (\(error)); it is still shown in full")
            }
            return ReplyRecording(checkpointer: checkpointer, sessionID: session.id)
        } catch {
            Self.warn("this conversation will not be saved: \(error)")
            return nil
        }
    }

    private static func warn(_ text: String) {
        try? FileDescriptorSink.standardError.write("\(lead)aish: warning: \(text)\n")
    }

    private static func note(_ text: String) {
        try? FileDescriptorSink.standardError.write("aish: \(text)\n")
    }

    /// On a terminal a warning may land in the middle of a line of reply text.
    private static var lead: String {
        FileDescriptorSink.standardOutput.isTerminal && FileDescriptorSink.standardError.isTerminal ? "\n" : ""
    }
}

/// One reply being saved: feed the printer's text to it, then finish it with the summary.
struct ReplyRecording: Sendable {
    let checkpointer: Checkpointer
    /// The local session the reply belongs to.
    let sessionID: String

    /// For ``ReplyPrinter/onText``.
    var onText: @Sendable (String, Int) -> Void {
        let checkpointer = self.checkpointer
        return { checkpointer.record($0, tokens: $1) }
    }

    /// Saves the final text and status of the reply `summary` describes.
    func finish(_ summary: ReplySummary, stoppedByUser: Bool = false) async {
        let status = MessageStatus.ofReply(
            completed: summary.completed, stoppedByUser: stoppedByUser, hasText: !summary.content.isEmpty)
        await checkpointer.finish(content: summary.content, tokens: summary.tokens, status: status)
    }
}
