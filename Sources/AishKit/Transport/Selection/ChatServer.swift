/// A server that aish chats with: who it has, what it offers, and a transport to
/// reach each specialist. ``TektonClient`` is the real one; ``ScriptedServer`` is its
/// in-memory twin, so the chat turn, the shell and bulk runs are tested without a
/// socket.
///
/// Every method throws ``AishError``.
public protocol ChatServer: Sendable {
    /// The server's base URL, for messages (`http://127.0.0.1:8003`).
    var baseURL: String { get }
    /// What the server offers (`GET /api/capabilities`), never from a cache.
    func capabilities() async throws -> ServerCapabilities
    /// What the server offers, from a cache when one remembers it (`cached` is then true).
    func cachedCapabilities() async throws -> (ServerCapabilities, cached: Bool)
    /// Forgets remembered capabilities when `error` suggests they are out of date.
    func forgetCapabilities(after error: any Error)
    /// The server's specialists (`GET /api/v1/ai/specialists`).
    func specialists() async throws -> [Specialist]
    /// The transport kinds this server's client can speak.
    var implementedTransports: Set<TransportKind> { get }
    /// Kinds that cannot work with this client whatever the server offers, and why.
    var unusableTransports: [TransportKind: String] { get }
    /// A transport of `kind` to this server.
    func transport(_ kind: TransportKind) throws(AishError) -> any ChatTransport
    /// Opens a server-side session with `specialistID` (PROTOCOL.md §4); nil when
    /// the server has no such route after all.
    func createServerSession(specialistID: String) async throws -> String?
    /// How a request the server refuses with a rate limit is waited out.
    var rateLimitPolicy: RateLimitPolicy { get }
    /// The names of the OpenAI-compatible providers whose models this server also
    /// reaches (`local` for `local/llama3.1`); none for Tekton alone.
    var providerNames: [String] { get }
    /// Gets everything needed to chat with `name`; see the default,
    /// ``prepareTektonChat(specialist:forcedTransport:oneMessage:roster:)``.
    func prepareChat(specialist name: String, forcedTransport: TransportKind?, oneMessage: Bool, roster: [Specialist]?)
        async throws -> PreparedChat
}

extension ChatServer {
    /// Tekton alone reaches no provider.
    public var providerNames: [String] { [] }

    /// Resolves a name the user typed (`apollo`) to one of the server's specialists
    /// (`apollo-ci`); see ``SpecialistResolver``.
    public func resolveSpecialist(_ name: String) async throws -> Specialist {
        try SpecialistResolver(specialists: await specialists()).resolve(name)
    }

    /// Gets everything needed to chat with `name`: by default, a Tekton server's chat
    /// (``prepareTektonChat(specialist:forcedTransport:oneMessage:roster:)``).
    ///
    /// - Parameters:
    ///   - name: the specialist as the user typed it.
    ///   - forcedTransport: the kind `--transport` asked for, if any.
    ///   - oneMessage: the chat sends one message and ends (see ``TransportSelector/select(for:forced:implemented:unusable:oneMessage:)``).
    ///   - roster: the server's specialists when the caller has just read them (not asked again).
    public func prepareChat(
        specialist name: String, forcedTransport: TransportKind?, oneMessage: Bool, roster known: [Specialist]?
    ) async throws -> PreparedChat {
        try await prepareTektonChat(
            specialist: name, forcedTransport: forcedTransport, oneMessage: oneMessage, roster: known)
    }

    /// ``prepareChat(specialist:forcedTransport:oneMessage:roster:)`` for a chat of two turns or more.
    public func prepareChat(specialist name: String, forcedTransport: TransportKind?) async throws -> PreparedChat {
        try await prepareChat(specialist: name, forcedTransport: forcedTransport, oneMessage: false, roster: nil)
    }

    /// Gets everything needed to chat with `name` on a Tekton server: asks the server
    /// what it offers and who it has (both at once), resolves the name, and picks the transport.
    public func prepareTektonChat(
        specialist name: String, forcedTransport: TransportKind?, oneMessage: Bool = false,
        roster known: [Specialist]? = nil
    ) async throws -> PreparedChat {
        let specialist: Specialist
        let (capabilities, cached): (ServerCapabilities, Bool)
        if let known {
            // A name the roster does not know costs no request.
            specialist = try SpecialistResolver(specialists: known).resolve(name)
            (capabilities, cached) = try await cachedCapabilities()
        } else {
            async let detected = cachedCapabilities()
            async let roster = specialists()
            (capabilities, cached) = try await detected
            specialist = try SpecialistResolver(specialists: try await roster).resolve(name)
        }
        let choice = try TransportSelector.select(
            for: capabilities,
            forced: forcedTransport,
            implemented: implementedTransports,
            unusable: unusableTransports,
            oneMessage: oneMessage
        )
        return PreparedChat(
            specialist: specialist,
            transport: try transport(choice.kind),
            reason: cached && forcedTransport == nil ? "\(choice.reason), remembered for this server" : choice.reason,
            capabilities: capabilities
        )
    }

}

extension PreparedChat {
    /// Whether chats with this specialist use a server session: the server offers
    /// sessions and the transport carries a session id (v2 SSE and WebSocket).
    public var usesServerSessions: Bool {
        capabilities.features.sessions && [.websocket, .sse].contains(transport.kind)
    }
}
