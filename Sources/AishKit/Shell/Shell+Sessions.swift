import Foundation

extension Shell {
    /// The question as sent: with the session's earlier turns in front when the shell
    /// keeps sessions (the format `aish -c` uses; see README, "Conversation context").
    func outgoing(_ text: String) -> String {
        context.store == nil ? text : ConversationContext().message(text, after: history)
    }

    /// The events of the reply to `text`: in the server session when the server keeps
    /// sessions (the message alone; a new session gets the earlier turns), else the
    /// message with the earlier turns in front. `opened` receives a session opened here.
    func replyEvents(to text: String, of chat: PreparedChat, opened: LockedBox<String?>)
        -> AsyncThrowingStream<ChatEvent, any Error>
    {
        guard TektonClient.usesServerSessions(chat) else { return chat.transport.stream(chat.request(outgoing(text))) }
        let known = serverSession.flatMap { $0.specialist == chat.specialist.id ? $0.id : nil }
        let request = chat.request(known == nil ? outgoing(text) : text, sessionID: known)
        return ServerSessionChat(client: context.client, prepared: chat).stream(request, seeded: outgoing(text)) {
            id in opened.withLock { $0 = id }
        }
    }

    /// Remembers a server session opened for the reply, here and in the store.
    mutating func adoptServerSession(_ opened: LockedBox<String?>, specialist: String) async {
        guard let id = opened.withLock({ $0 }) else { return }
        serverSession = (specialist, id)
        if let store = context.store, let sessionID {
            try? await store.setServerSessionID(id, forSession: sessionID)
        }
    }

    /// Saves the question and an empty reply, opening a session on the first one.
    /// Returns nil (after one warning) when saving fails; the reply still shows.
    mutating func beginRecording(question: String, specialist: String) async -> Checkpointer? {
        guard let store = context.store else { return nil }
        do {
            let id: String
            if let sessionID {
                id = sessionID
            } else {
                id = try await store.createSession(specialist: specialist, firstMessage: question).id
                sessionID = id
            }
            let reply = try await store.beginExchange(inSession: id, question: question, specialist: specialist)
            let status = context.status
            return Checkpointer(store: store, reply: reply) { error in
                try? status.write("aish: the reply could not be saved (\(error)); it is still shown in full\n")
            }
        } catch {
            complain("this message is not saved: \(error)")
            return nil
        }
    }

    /// Saves how the reply ended and reloads the session's turns for the next question.
    mutating func finishRecording(_ checkpointer: Checkpointer?, _ summary: ReplySummary, stopped: Bool) async {
        guard let checkpointer, let store = context.store, let sessionID else { return }
        let status = MessageStatus.ofReply(
            completed: summary.completed, stoppedByUser: stopped, hasText: !summary.content.isEmpty)
        await checkpointer.finish(content: summary.content, tokens: summary.tokens, status: status)
        history = (try? await store.messages(inSession: sessionID)) ?? history
    }

    /// `/new`: the next message starts a new session.
    mutating func startNewSession() {
        sessionID = nil
        serverSession = nil
        history = []
        transcript = Transcript()
        say(dim("new conversation: the next message starts a new session"))
    }

    /// `/sessions`: the most recent sessions, newest first.
    func listSessions() async {
        guard let store = context.store else { return complain("sessions are not kept in this shell.") }
        do {
            let sessions = try await store.sessions(limit: 20)
            guard !sessions.isEmpty else { return say(dim("no sessions yet")) }
            let lines = sessions.map { session in
                let marker = session.id == sessionID ? "*" : " "
                return
                    "\(marker) \(session.shortID)  \(session.specialist)  \(session.messageCount) messages  \(session.title)"
            }
            say(lines.joined(separator: "\n"))
        } catch {
            complain(error)
        }
    }

    /// `/resume ID`: continue a stored session, with its specialist and its turns.
    mutating func resumeSession(_ prefix: String) async {
        guard let store = context.store else { return complain("sessions are not kept in this shell.") }
        do {
            let session = try await store.session(prefix)
            let messages = try await store.messages(inSession: session.id)
            current = try await context.client.prepareChat(
                specialist: session.specialist, forcedTransport: context.forcedTransport)
            sessionID = session.id
            serverSession = session.serverSessionID.map { (session.specialist, $0) }
            history = messages
            transcript = Transcript()
            for message in messages {
                if message.role == .user {
                    transcript.asked(message.specialist, message.content)
                } else {
                    let status: Transcript.Turn.Status =
                        message.status == .complete ? .complete : message.status == .partial ? .partial : .interrupted
                    transcript.answered(message.specialist, message.content, status: status)
                }
            }
            let unfinished = messages.last.map { $0.role == .specialist && $0.status != .complete } ?? false
            say(
                dim(
                    "resumed \(session.shortID) with \(session.specialist): \(messages.count) messages"
                        + (unfinished ? "; the last reply was cut off, /retry asks again" : "")))
        } catch {
            complain(error)
        }
    }
}
