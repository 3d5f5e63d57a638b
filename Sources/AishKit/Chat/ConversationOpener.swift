/// Opens the conversation a chat joins, starting early when it can: a new
/// conversation does not depend on the chat's words, so its store opens while the
/// HTTP client starts and the roster is read, off the way to the first byte.
///
/// A chat that fails before it needs the store calls ``settle()``, which waits for an
/// opening under way to end, so that no store is left half made.
public struct ConversationOpener: Sendable {
    private let early: Task<Conversation, any Error>?
    private let open: @Sendable (ConversationChoice) async throws -> Conversation

    /// An opener for a chat that asked for `choice`; `open` opens a conversation.
    public init(
        for choice: ConversationChoice, open: @escaping @Sendable (ConversationChoice) async throws -> Conversation
    ) {
        self.early = choice == .new ? Task { try await open(.new) } : nil
        self.open = open
    }

    /// The conversation `choice` asks for (the one opened early, for a new one).
    public func callAsFunction(_ choice: ConversationChoice) async throws -> Conversation {
        if choice == .new, let early { return try await early.value }
        return try await open(choice)
    }

    /// Waits for an opening under way to end.
    public func settle() async {
        _ = try? await early?.value
    }
}
