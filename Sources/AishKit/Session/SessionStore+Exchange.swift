/// A question and the reply to it, as saved in a session.
public struct SavedExchange: Sendable, Equatable {
    /// The user's question.
    public var question: MessageHandle
    /// The reply, saved as it streams.
    public var reply: MessageHandle
}

extension SessionStore {
    /// Saves the user's `question` to `specialist` in session `id`, then an empty
    /// reply marked as streaming from this process; returns both handles.
    public func openExchange(inSession id: String, question: String, specialist: String) async throws
        -> SavedExchange
    {
        let asked = try await append(.question(question, to: specialist), toSession: id)
        let reply = try await append(.pendingReply(from: specialist), toSession: id)
        return SavedExchange(question: asked, reply: reply)
    }

    /// Creates the session, then opens its first exchange.
    public func openSession(specialist: String, question: String) async throws -> (StoredSession, SavedExchange) {
        let session = try await createSession(specialist: specialist, firstMessage: question)
        return (session, try await openExchange(inSession: session.id, question: question, specialist: specialist))
    }

    /// As ``openExchange(inSession:question:specialist:)``, returning the reply's
    /// handle, for a ``Checkpointer``.
    public func beginExchange(inSession id: String, question: String, specialist: String) async throws
        -> MessageHandle
    {
        try await openExchange(inSession: id, question: question, specialist: specialist).reply
    }
}

extension MessageStatus {
    /// How a reply ended: stopped by the user (`stopped`), failed after some text
    /// (`partial`), or reached its end (`complete`). A reply that failed before any
    /// text is not kept at all (``Conversation``), so it has no status of its own.
    public static func ofReply(completed: Bool, stoppedByUser: Bool) -> MessageStatus {
        if stoppedByUser { return .stopped }
        if completed { return .complete }
        return .partial
    }
}
