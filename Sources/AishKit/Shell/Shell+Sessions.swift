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
            record.resume(session, history: messages)
            transcript = Transcript()
            for message in messages {
                if message.role == .user {
                    transcript.asked(message.specialist, message.content)
                } else {
                    transcript.answered(message.specialist, message.content, status: message.status)
                }
            }
            let unfinished = messages.last.map { $0.role == .specialist && $0.status != .complete } ?? false
            say(
                dim(
                    "resumed \(session.shortID) with \(current.specialist.id): \(messages.count) messages"
                        + (unfinished ? "; the last reply was cut off, /retry asks again" : "")))
        } catch {
            complain(error)
        }
    }
}
