import Foundation

extension Shell {
    /// `/new`: the next message starts a new session.
    mutating func startNewSession() {
        record.startNew()
        transcript = Transcript()
        say(dim("new conversation: the next message starts a new session"))
    }

    /// `/sessions`: the most recent sessions, newest first.
    func listSessions() async {
        guard let store = context.store else { return complain("sessions are not kept in this shell.") }
        do {
            let sessions = try await store.sessions(limit: 20)
            guard !sessions.isEmpty else { return say(dim("no sessions yet")) }
            // The table of `aish sessions`, with this conversation's row marked `*`.
            let rows = SessionListing.table(sessions).split(separator: "\n", omittingEmptySubsequences: false)
            let marks = [" "] + sessions.map { $0.id == record.sessionID ? "*" : " " }
            say(zip(marks, rows).map { "\($0) \($1)" }.joined(separator: "\n"))
        } catch {
            complain(error)
        }
    }

    /// `/resume ID`: continue a stored session, with its turns and the specialist it
    /// was talking to last (a session may have turned to others with `@name`).
    mutating func resumeSession(_ prefix: String) async {
        guard let store = context.store else { return complain("sessions are not kept in this shell.") }
        do {
            let session = try await store.session(prefix)
            let messages = try await store.messages(inSession: session.id)
            let last = messages.last { $0.role == .user }?.specialist ?? session.specialist
            current = try await context.client.prepareChat(specialist: last, forcedTransport: context.forcedTransport)
            record.resume(session, history: Array(messages.suffix(Conversation.contextMessages)))
            transcript = Transcript()
            for message in messages {
                if message.role == .user {
                    transcript.asked(message.specialist, message.content)
                } else {
                    transcript.answered(message.specialist, message.content, status: message.status)
                }
            }
            let unfinished = messages.last.map { $0.role == .specialist && $0.status != .complete } ?? false
            replay(messages.suffix(Self.replayedMessages), after: messages.count - Self.replayedMessages)
            say(
                dim(
                    "resumed \(session.shortID) with \(current.specialist.id): \(messages.count) messages"
                        + (unfinished ? "; the last reply was cut off, /retry asks again" : "")))
        } catch {
            complain(error)
        }
    }

    /// How many of a resumed session's last messages `/resume` shows again: the
    /// last two exchanges, enough to pick the thread up.
    static let replayedMessages = 4

    /// Shows `messages` as the conversation showed them (questions after their
    /// prompt, replies rendered), with a line for the `earlier` ones not shown.
    private func replay(_ messages: ArraySlice<StoredMessage>, after earlier: Int) {
        if earlier > 0 { say(dim("… \(earlier) earlier message\(earlier == 1 ? "" : "s") (/save writes them all)")) }
        for message in messages {
            // Stored replies are server text: no escape sequence of theirs reaches the terminal.
            let content = TerminalText.sanitized(message.content)
            var text: String
            if message.role == .user {
                text = dim("\(Specialist(id: message.specialist).bareName)› ") + content
            } else if var renderer = context.renderer {
                text = renderer.feed(content) + renderer.finish()
            } else {
                text = content
            }
            if !text.hasSuffix("\n") { text += "\n" }
            try? context.output.write(text)
        }
    }
}
