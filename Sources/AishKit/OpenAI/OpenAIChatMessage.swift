/// One message of an OpenAI chat: who says it and what.
///
/// These servers keep no conversation, so every request carries the system message
/// and the earlier turns in front of the new one (``OpenAIChatRequest``).
public struct OpenAIChatMessage: Sendable, Equatable, Codable {
    /// Who speaks.
    public enum Role: String, Sendable, Equatable, Codable {
        /// Instructions for the model (`--system`).
        case system
        /// The person at the terminal.
        case user
        /// The model's earlier replies.
        case assistant
    }

    /// Who speaks.
    public var role: Role
    /// The text.
    public var content: String

    /// Creates a message.
    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    /// The earlier turns of a stored session as messages, oldest first: questions as
    /// `user`, replies as `assistant`; empty replies are left out, and only the
    /// last `maximumMessages` count.
    public static func turns(from history: [StoredMessage], maximumMessages: Int = 20) -> [OpenAIChatMessage] {
        history.suffix(maximumMessages).compactMap { message in
            guard !message.content.isEmpty else { return nil }
            return OpenAIChatMessage(role: message.role == .user ? .user : .assistant, content: message.content)
        }
    }
}
