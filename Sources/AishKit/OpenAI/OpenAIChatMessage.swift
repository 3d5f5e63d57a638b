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
    /// `user`, replies as `assistant`; empty replies are left out. Only the last
    /// `maximumMessages` count, and the oldest are dropped until the rest hold at
    /// most `budget` bytes, so a long session still fits the model's context.
    public static func turns(from history: [StoredMessage], maximumMessages: Int = 20, budget: Int = 64 * 1024)
        -> [OpenAIChatMessage]
    {
        var kept: [OpenAIChatMessage] = []
        var used = 0
        for message in history.suffix(maximumMessages).reversed() where !message.content.isEmpty {
            used += message.content.utf8.count
            guard used <= budget else { break }
            kept.append(OpenAIChatMessage(role: message.role == .user ? .user : .assistant, content: message.content))
        }
        return kept.reversed()
    }
}
