/// The conversation a chat turn belongs to: where it is kept, the turns so far, and
/// the server-side session that goes with it. A one-shot `aish chat` has one for a
/// single turn; the shell keeps one across turns.
///
/// With no store nothing is saved and no earlier turns are sent.
public struct Conversation: Sendable {
    /// Where the turns are saved; nil saves nothing.
    public var store: (any SessionStore)?
    /// The stored session, once the first question is saved (or when continuing one).
    public private(set) var sessionID: String?
    /// The stored session's last turns (at most ``contextMessages``), sent as context
    /// with each new question.
    public private(set) var history: [StoredMessage]
    /// The server-side session of this conversation and its specialist, on a server
    /// that keeps sessions (PROTOCOL.md §4).
    public private(set) var serverSession: ServerSessionReference?
    /// The specialist of the stored session continued, if any: `aish -c` with no
    /// specialist named goes on with it.
    public private(set) var specialist: String?
    /// How often a streaming reply is saved.
    public var checkpointInterval: Duration
    /// Whether the turns are read back from the store after each reply, for the next
    /// question. A one-shot chat, which asks no next question, sets it false and
    /// saves reading (and decrypting) the whole session again on its way out.
    public var readsTurnsBack = true
    /// The saving of the exchange under way: its session and rows, or nil when they
    /// could not be saved.
    private var opening: Task<SavedTurn?, Never>?

    /// Where a turn's question and reply were saved.
    private struct SavedTurn: Sendable {
        var sessionID: String
        var exchange: SavedExchange
    }

    /// A server session and the specialist it belongs to.
    public struct ServerSessionReference: Sendable, Equatable {
        public var specialist: String
        public var id: String
    }

    /// A new conversation kept in `store` (nil: kept nowhere).
    public init(store: (any SessionStore)?, checkpointInterval: Duration = Checkpointer.interval) {
        self.store = store
        self.sessionID = nil
        self.history = []
        self.serverSession = nil
        self.specialist = nil
        self.checkpointInterval = checkpointInterval
        self.opening = nil
    }

    /// The stored `session`, whose turns are `history`, continued.
    public init(
        continuing session: StoredSession, history: [StoredMessage], in store: any SessionStore,
        checkpointInterval: Duration = Checkpointer.interval
    ) {
        self.init(store: store, checkpointInterval: checkpointInterval)
        resume(session, history: history)
    }

    /// Continues the stored `session`, whose turns are `history`.
    public mutating func resume(_ session: StoredSession, history: [StoredMessage]) {
        sessionID = session.id
        specialist = session.specialist
        self.history = history
        serverSession = session.serverSessionID.map { ServerSessionReference(specialist: session.specialist, id: $0) }
    }

    /// Stops saving (`--no-save` with `-c`): the turns so far are still sent as
    /// context, and nothing new is written.
    public mutating func stopSaving() {
        store = nil
    }

    /// Forgets the turns: the next question starts a new stored session.
    public mutating func startNew() {
        sessionID = nil
        serverSession = nil
        specialist = nil
        history = []
    }

    /// What to send for `text`: the text, with the earlier turns in front when there
    /// are any (see README, "Conversation context").
    public func outgoing(_ text: String) -> String {
        ConversationContext().message(text, after: history)
    }

    /// How many of a session's last messages a conversation reads: the most that any
    /// question sends along (``turns(from:maximumMessages:budget:)``'s 20;
    /// ``ConversationContext``'s 10), so that continuing a long session does not open
    /// every earlier message.
    public static let contextMessages = 20

    /// The earlier turns as messages, for a server that keeps no conversation (an
    /// OpenAI-compatible one); see ``turns(from:maximumMessages:budget:)``.
    public var earlierTurns: [ChatRequest.Turn] { Self.turns(from: history) }

    /// The turns of a stored session as messages, oldest first: questions as `user`,
    /// replies as `assistant`; empty replies are left out. Only the last
    /// `maximumMessages` count, and the oldest are dropped until the rest hold at most
    /// `budget` bytes, so a long session still fits the model's context.
    public static func turns(
        from history: [StoredMessage], maximumMessages: Int = contextMessages, budget: Int = 64 * 1024
    )
        -> [ChatRequest.Turn]
    {
        var kept: [ChatRequest.Turn] = []
        var used = 0
        for message in history.suffix(maximumMessages).reversed() where !message.content.isEmpty {
            used += message.content.utf8.count
            guard used <= budget else { break }
            kept.append(ChatRequest.Turn(role: message.role == .user ? .user : .assistant, content: message.content))
        }
        return kept.reversed()
    }

    /// The server session to continue with `specialist`, if this conversation has one with it.
    public func serverSessionID(for specialist: String) -> String? {
        serverSession.flatMap { $0.specialist == specialist ? $0.id : nil }
    }

    /// Remembers the server session `id` opened for `specialist`, here and in the store.
    mutating func adopt(serverSession id: String, specialist: String) async {
        serverSession = ServerSessionReference(specialist: specialist, id: id)
        // A new stored session has an id once the turn's rows are written.
        let stored = await opening?.value?.sessionID ?? sessionID
        if let store, let stored { try? await store.setServerSessionID(id, forSession: stored) }
    }

    /// Starts saving the question and an empty reply, opening a stored session on the
    /// first one, and returns at once: the reply prints while the rows are written (a
    /// store across the network costs round trips, a local one a moment when the disk
    /// is busy). The ``Checkpointer`` saves the reply once its row exists. Returns nil
    /// when there is no store; when saving fails, `warn` says so and the reply is
    /// shown but not saved.
    mutating func begin(
        question: String, specialist: String, warn: @escaping @Sendable (String) -> Void,
        note: @escaping @Sendable (String) -> Void
    ) -> Checkpointer? {
        guard let store else { return nil }
        let continuing = sessionID
        let opening = Task { () -> SavedTurn? in
            do {
                guard let continuing else {
                    let (session, exchange) = try await store.openSession(specialist: specialist, question: question)
                    note("session \(session.shortID) (new) in \(store.location)")
                    return SavedTurn(sessionID: session.id, exchange: exchange)
                }
                note("session \(continuing.prefix(8)) (continued) in \(store.location)")
                let exchange = try await store.openExchange(
                    inSession: continuing, question: question, specialist: specialist)
                return SavedTurn(sessionID: continuing, exchange: exchange)
            } catch {
                warn("this conversation is not saved: \(error)")
                return nil
            }
        }
        self.opening = opening
        let reply: @Sendable () async -> MessageHandle? = { await opening.value?.exchange.reply }
        return Checkpointer(
            store: store, reply: reply, interval: checkpointInterval,
            onFailure: { error in warn("the reply could not be saved (\(error)); it is still shown in full") })
    }

    /// Saves how the reply ended and reloads the turns for the next question.
    ///
    /// A reply that failed or was stopped before any text leaves no trace: its
    /// question and empty reply are withdrawn, and a session they opened goes with
    /// them. Returns whether the exchange was kept.
    @discardableResult
    mutating func finish(_ checkpointer: Checkpointer?, _ summary: ReplySummary, stopped: Bool) async -> Bool {
        defer { opening = nil }
        guard let checkpointer, let store else { return false }
        let status = MessageStatus.ofReply(completed: summary.completed, stoppedByUser: stopped)
        await checkpointer.finish(content: summary.content, tokens: summary.tokens, status: status)
        guard let saved = await opening?.value else { return false }
        let sessionID = saved.sessionID
        self.sessionID = sessionID
        let kept: Bool
        if !summary.completed, summary.content.isEmpty {
            let exchange = [saved.exchange.question, saved.exchange.reply]
            if (try? await store.withdraw(exchange)) == true {
                self.sessionID = nil
                serverSession = nil
                history = []
                return false
            }
            kept = false
        } else {
            kept = true
        }
        if readsTurnsBack {
            history = (try? await store.messages(inSession: sessionID, last: Self.contextMessages)) ?? history
        }
        return kept
    }
}
