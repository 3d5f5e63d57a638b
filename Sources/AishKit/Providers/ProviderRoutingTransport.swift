/// Sends each request to whoever serves its specialist: a provider's model
/// (`local/llama3.1`) to that provider's OpenAI-compatible API, anything else to
/// Tekton. A bulk plan, a team or a shell that mixes the two goes through one of these.
struct ProviderRoutingTransport: ChatTransport {
    /// Tekton's transport.
    let base: any ChatTransport
    /// Each provider's transport, by provider name.
    let providers: [String: any ChatTransport]
    /// The kind reported: Tekton's, or the providers' when the chat is with a model.
    let kind: TransportKind

    /// The transport for `specialistID`.
    func route(_ specialistID: String) -> any ChatTransport {
        guard let slash = specialistID.firstIndex(of: "/"),
            let provider = providers[String(specialistID[..<slash])]
        else { return base }
        return provider
    }

    func takesEarlierTurns(for specialistID: String) -> Bool {
        route(specialistID).takesEarlierTurns(for: specialistID)
    }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        route(request.specialistID).stream(request)
    }
}

/// Tekton's transport, chosen when first needed: a chat that began with a
/// provider's model reaches Tekton only if a request names one of its specialists
/// (a team or a plan that mixes the two), and only then asks what the server offers.
struct DeferredTektonTransport: ChatTransport {
    let server: any ChatServer
    let forcedTransport: TransportKind?
    private let chosen = LockedBox<(any ChatTransport)?>(nil)

    init(server: any ChatServer, forcedTransport: TransportKind?) {
        self.server = server
        self.forcedTransport = forcedTransport
    }

    /// Unknown until the first request; what a chat with a model reports.
    var kind: TransportKind { chosen.withLock { $0?.kind } ?? OpenAIChatTransport.reportedKind }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing { continuation in
            for try await event in try await transport().stream(request) { continuation.yield(event) }
        }
    }

    private func transport() async throws -> any ChatTransport {
        if let known = chosen.withLock({ $0 }) { return known }
        let (capabilities, _) = try await server.cachedCapabilities()
        let choice = try TransportSelector.select(
            for: capabilities, forced: forcedTransport, implemented: server.implementedTransports,
            unusable: server.unusableTransports)
        let transport = try server.transport(choice.kind)
        chosen.withLock { $0 = transport }
        return transport
    }
}
