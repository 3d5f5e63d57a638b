/// One exchange with a specialist, end to end: the message goes out with its
/// conversation's context (or in the server's session), the question and the reply
/// are saved as the reply streams, the reply is printed as it arrives, and Ctrl-C
/// stops it and keeps what came. `aish chat`, its short form, `-c`/`--session` and
/// every message in the shell go through here.
///
/// What the caller does with the outcome (a JSON line, an exit status, a status line
/// in the shell) is the caller's; the turn only prints the reply text, its trailing
/// newline on a terminal, and warnings.
public struct ChatTurn: Sendable {
    /// The server, for its sessions and its capability cache.
    public var server: any ChatServer
    /// The specialist and the transport.
    public var chat: PreparedChat
    /// How the reply is written.
    public var printer: ReplyPrinter
    /// Ctrl-C, while the reply streams.
    public var interrupts: InterruptSignal
    /// Sampling temperature, when asked for.
    public var temperature: Double?
    /// The most tokens to ask for, when asked for.
    public var maxTokens: Int?
    /// The system message (`--system`), for the models of OpenAI-compatible
    /// providers; Tekton's specialists have their own.
    public var system: String?
    /// Tells the user something went wrong on the side (the reply is not saved); one line.
    public var warn: @Sendable (String) -> Void
    /// `-v` notes (which session); nil says nothing.
    public var note: (@Sendable (String) -> Void)?
    /// Whether the chat sends this one message and ends (a one-shot `aish NAME "…"`).
    /// Its first message then opens no server session: that would cost a round trip
    /// before the first token and leave a session on the server for a single question.
    /// A later `-c` opens one, seeded with the earlier turns.
    public var isOnlyMessage = false

    /// A turn with `chat`, printed by `printer`, stopped by `interrupts`.
    public init(
        server: any ChatServer, chat: PreparedChat, printer: ReplyPrinter, interrupts: InterruptSignal,
        temperature: Double? = nil, maxTokens: Int? = nil, warn: @escaping @Sendable (String) -> Void,
        note: (@Sendable (String) -> Void)? = nil
    ) {
        self.server = server
        self.chat = chat
        self.printer = printer
        self.interrupts = interrupts
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.warn = warn
        self.note = note
    }

    /// Sends `text`, prints and saves the reply, and says how it ended.
    /// `conversation` gains the turn (and any server session opened for it).
    public func run(_ text: String, in conversation: inout Conversation) async -> ChatTurnOutcome {
        await run(send(text, in: conversation), in: &conversation)
    }

    /// Sends `text` now, with what `conversation` holds so far (its earlier turns, its
    /// server session), and returns at once; `run` with what it returns prints and
    /// saves the reply. A new conversation's message goes out this way while its store
    /// is still opening: the store is first needed once the reply's first words are
    /// saved. Dropping the result unread cancels the request.
    public func send(_ text: String, in conversation: Conversation) -> SentMessage {
        let opened = LockedBox<String?>(nil)
        return SentMessage(text: text, events: replyEvents(text, in: conversation, opened: opened), opened: opened)
    }

    /// Prints and saves the reply to a message already sent with ``send(_:in:)``, and
    /// says how it ended. `conversation` gains the turn (and any server session opened for it).
    public func run(_ sent: SentMessage, in conversation: inout Conversation) async -> ChatTurnOutcome {
        let id = chat.specialist.id
        let opened = sent.opened
        let note = self.note
        let checkpointer = conversation.begin(
            question: sent.text, specialist: id, warn: warn, note: { line in note?(line) })
        var printer = self.printer
        if let checkpointer { printer.onText = { checkpointer.record($0, tokens: $1) } }
        var outcome = await Self.print(sent.events, with: printer, from: id, interrupts: interrupts)
        if printer.echoesText, printer.output.isTerminal, !outcome.summary.content.hasSuffix("\n"),
            !outcome.summary.content.isEmpty || outcome.ending == .completed
        {
            try? printer.output.write("\n")
        }
        if case .failed(let error) = outcome.ending { server.forgetCapabilities(after: error) }
        if let session = opened.withLock({ $0 }) { await conversation.adopt(serverSession: session, specialist: id) }
        outcome.saved = await conversation.finish(checkpointer, outcome.summary, stopped: outcome.ending == .stopped)
        return outcome
    }

    /// The reply's events: to a server that keeps no conversation (an OpenAI-compatible
    /// one), the message with the earlier turns as messages; in the server's session
    /// when the server keeps sessions (the message alone; a new session gets the
    /// earlier turns), except for the first message of a one-shot chat
    /// (``isOnlyMessage``); else the message with the earlier turns in front. `opened`
    /// hears of a session opened here.
    private func replyEvents(_ text: String, in conversation: Conversation, opened: LockedBox<String?>)
        -> AsyncThrowingStream<ChatEvent, any Error>
    {
        if chat.transport.takesEarlierTurns(for: chat.specialist.id) {
            var request = chat.request(text, temperature: temperature, maxTokens: maxTokens)
            request.earlierTurns = conversation.earlierTurns
            request.system = system
            return chat.transport.stream(request)
        }
        let outgoing = conversation.outgoing(text)
        let known = conversation.serverSessionID(for: chat.specialist.id)
        let opensNone = isOnlyMessage && known == nil && conversation.history.isEmpty
        guard chat.usesServerSessions, !opensNone else {
            return chat.transport.stream(
                chat.request(outgoing, temperature: temperature, maxTokens: maxTokens))
        }
        let request = chat.request(
            known == nil ? outgoing : text, sessionID: known, temperature: temperature, maxTokens: maxTokens)
        let sessions = ServerSessionChat(client: server, prepared: chat, rateLimits: server.rateLimitPolicy)
        return sessions.stream(request, seeded: outgoing) { id in
            opened.withLock { $0 = id }
        }
    }

    private enum Step: Sendable {
        case printed(Result<ReplySummary, ReplyFailure>)
        case interrupt
    }

    /// Prints `events`, racing Ctrl-C: an interrupt cancels the printing and keeps
    /// what it had printed.
    static func print(
        _ events: AsyncThrowingStream<ChatEvent, any Error>, with printer: ReplyPrinter, from id: String,
        interrupts: InterruptSignal
    ) async -> ChatTurnOutcome {
        // Listening before the reply starts: a signal as its first text shows is not lost.
        let listener = interrupts.listen()
        defer { listener.end() }
        return await withTaskGroup(of: Step?.self) { group in
            group.addTask {
                do throws(ReplyFailure) {
                    return .printed(.success(try await printer.print(events, from: id)))
                } catch {
                    return .printed(.failure(error))
                }
            }
            group.addTask { await listener.wait() ? .interrupt : nil }
            var interrupted = false
            var outcome: ChatTurnOutcome?
            while let step = await group.next() {
                switch step {
                case .interrupt?:
                    interrupted = true
                    group.cancelAll()
                case .printed(.success(let summary))?:
                    outcome = ChatTurnOutcome(summary: summary, ending: .completed)
                    group.cancelAll()
                case .printed(.failure(let failure))?:
                    outcome = ChatTurnOutcome(
                        summary: failure.summary, ending: interrupted ? .stopped : .failed(failure.error))
                    group.cancelAll()
                case nil:
                    break
                }
            }
            return outcome ?? ChatTurnOutcome(summary: ReplySummary(specialist: id), ending: .stopped)
        }
    }
}

/// A turn's message on its way (``ChatTurn/send(_:in:)``): the reply's events, not
/// yet read, and the server session opened for it, if any.
public struct SentMessage: Sendable {
    /// The message as the user wrote it (what the session keeps as the question).
    let text: String
    let events: AsyncThrowingStream<ChatEvent, any Error>
    let opened: LockedBox<String?>
}

/// How a ``ChatTurn`` ended, with what arrived.
public struct ChatTurnOutcome: Sendable {
    /// The reply: all of it, or what arrived before it ended.
    public var summary: ReplySummary
    /// Whether it completed, failed or was stopped.
    public var ending: Ending
    /// Whether the exchange is kept in the session store: false with no store, and
    /// for a reply that failed or was stopped before any text.
    public var saved = false

    /// The three ways a turn ends.
    public enum Ending: Sendable, Equatable {
        /// The reply arrived whole.
        case completed
        /// The reply failed; `summary` holds what came before.
        case failed(any Error)
        /// Ctrl-C stopped it; `summary` holds what came before.
        case stopped

        public static func == (lhs: Ending, rhs: Ending) -> Bool {
            switch (lhs, rhs) {
            case (.completed, .completed), (.stopped, .stopped), (.failed, .failed): true
            default: false
            }
        }
    }
}
