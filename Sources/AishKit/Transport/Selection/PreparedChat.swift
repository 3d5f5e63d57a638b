/// Everything needed to chat with one specialist: who it is, how to reach it, and why
/// that way. Made by ``TektonClient/prepareChat(specialist:forcedTransport:)``.
public struct PreparedChat: Sendable {
    /// The resolved specialist.
    public let specialist: Specialist
    /// The transport to send requests with.
    public let transport: any ChatTransport
    /// Why this transport, for status lines ("server offers v2 streaming",
    /// "server is v1-only (no /api/capabilities)", "forced by --transport").
    public let reason: String
    /// What the server said it offers.
    public let capabilities: ServerCapabilities
    /// Where the chat goes when that is not the server's base URL (a provider's API).
    public var url: String?

    /// Creates a prepared chat.
    public init(specialist: Specialist, transport: any ChatTransport, reason: String, capabilities: ServerCapabilities)
    {
        self.specialist = specialist
        self.transport = transport
        self.reason = reason
        self.capabilities = capabilities
    }

    /// A request for this chat's specialist.
    public func request(
        _ message: String,
        sessionID: String? = nil,
        temperature: Double? = nil,
        maxTokens: Int? = nil
    ) -> ChatRequest {
        ChatRequest(
            specialistID: specialist.id,
            message: message,
            sessionID: sessionID,
            temperature: temperature,
            maxTokens: maxTokens
        )
    }
}
