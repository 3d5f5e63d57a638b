/// Opens the conversation a chat joins, early when that helps: a new conversation
/// does not depend on the chat's words, so its store can open while the server is
/// asked how to reach the specialist (the roster, a capability's route), off the way
/// to the first byte.
///
/// Only then: a chat with a provider's model asks nothing before its message goes,
/// and a store opening at the same moment only takes the CPU that the request needs
/// (BENCHMARKS.md, seventeenth session). Such a chat sends first and opens after.
///
/// A chat that fails before it needs the store calls ``settle()``, which waits for an
/// opening under way to end, so that no store is left half made. Copies share the
/// opening.
public struct ConversationOpener: Sendable {
    private let choice: ConversationChoice
    private let early = LockedBox<Task<Conversation, any Error>?>(nil)
    private let open: @Sendable (ConversationChoice) async throws -> Conversation

    /// An opener for a chat that asked for `choice`; `open` opens a conversation.
    public init(
        for choice: ConversationChoice, open: @escaping @Sendable (ConversationChoice) async throws -> Conversation
    ) {
        self.choice = choice
        self.open = open
    }

    /// Begins opening a new conversation now, before anyone asks for it (once; a
    /// chat that continues a session opens it when asked, since which one may depend
    /// on the specialist).
    public func startEarly() {
        guard choice == .new else { return }
        let open = self.open
        early.withLock { task in
            if task == nil { task = Task { try await open(.new) } }
        }
    }

    /// The conversation `choice` asks for (the one opened early, for a new one).
    public func callAsFunction(_ choice: ConversationChoice) async throws -> Conversation {
        if choice == .new, self.choice == .new {
            startEarly()
            if let early = early.withLock({ $0 }) { return try await early.value }
        }
        return try await open(choice)
    }

    /// Waits for an opening under way to end.
    public func settle() async {
        _ = try? await early.withLock({ $0 })?.value
    }
}
