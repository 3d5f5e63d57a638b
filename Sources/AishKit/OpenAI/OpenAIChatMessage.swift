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
}
