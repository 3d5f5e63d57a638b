/// What the user asked, addressed to one specialist.
public struct ChatRequest: Sendable, Equatable {
    /// The server's id for the specialist (already resolved: `apollo-ci`, not `apollo`).
    public var specialistID: String
    public var message: String
    public var sessionID: String?
    public var temperature: Double?
    public var maxTokens: Int?
    /// The conversation so far, for a transport whose server keeps none
    /// (``ChatTransport/takesEarlierTurns(for:)``); Tekton's transports send `message` alone.
    public var earlierTurns: [Turn]
    /// The system message (`--system`), for a server that takes one; Tekton's
    /// specialists have their own and ignore it.
    public var system: String?

    public init(
        specialistID: String,
        message: String,
        sessionID: String? = nil,
        temperature: Double? = nil,
        maxTokens: Int? = nil,
        earlierTurns: [Turn] = [],
        system: String? = nil
    ) {
        self.specialistID = specialistID
        self.message = message
        self.sessionID = sessionID
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.earlierTurns = earlierTurns
        self.system = system
    }

    /// One earlier message of the conversation: the user's question or a reply.
    public struct Turn: Sendable, Equatable {
        /// Who said it.
        public enum Role: Sendable, Equatable {
            case user
            case assistant
        }

        public var role: Role
        public var content: String

        public init(role: Role, content: String) {
            self.role = role
            self.content = content
        }
    }
}
