extension SessionStore {
    /// Saves the user's `question` to `specialist` in session `id`, then an empty
    /// reply marked as streaming from this process; returns the reply's handle, for a
    /// ``Checkpointer``.
    public func beginExchange(inSession id: String, question: String, specialist: String) async throws
        -> MessageHandle
    {
        _ = try await append(.question(question, to: specialist), toSession: id)
        return try await append(.pendingReply(from: specialist), toSession: id)
    }
}

extension MessageStatus {
    /// How a reply ended: stopped by the user (`interrupted`), failed after some
    /// text (`partial`) or before any (`interrupted`), or reached its end (`complete`).
    public static func ofReply(completed: Bool, stoppedByUser: Bool, hasText: Bool) -> MessageStatus {
        if stoppedByUser { return .interrupted }
        if completed { return .complete }
        return hasText ? .partial : .interrupted
    }
}
