/// What the user asked, addressed to one specialist.
public struct ChatRequest: Sendable, Equatable {
    /// The server's id for the specialist (already resolved: `apollo-ci`, not `apollo`).
    public var specialistID: String
    public var message: String
    public var sessionID: String?
    public var temperature: Double?
    public var maxTokens: Int?

    public init(
        specialistID: String,
        message: String,
        sessionID: String? = nil,
        temperature: Double? = nil,
        maxTokens: Int? = nil
    ) {
        self.specialistID = specialistID
        self.message = message
        self.sessionID = sessionID
        self.temperature = temperature
        self.maxTokens = maxTokens
    }
}
