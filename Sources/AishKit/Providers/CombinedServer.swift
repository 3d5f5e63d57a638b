/// Tekton's specialists and the models of the configured OpenAI-compatible
/// providers, behind one server: `aish local/llama3.1 "hi"`, `/use`, `@mentions`,
/// bulk plans, `team --to`, `specialists` and `discover` see them side by side.
///
/// - A name with a provider's prefix (`local/llama3.1`) goes to that provider
///   without asking Tekton anything; another name is resolved in the whole roster,
///   where a model also answers to its bare name (`llama3.1`) when no specialist
///   shares it.
/// - Transports route each request by its specialist (``ProviderRoutingTransport``),
///   so a plan or a team may mix the two.
/// - When Tekton cannot be reached, the providers' models still work: the roster
///   and discovery list them alone after one notice (none when no Tekton server was
///   configured: ``expectsTekton``), and a name only Tekton could know gets
///   Tekton's own error.
public struct CombinedServer: BulkServer, TeamChatServer {
    /// Tekton.
    public let tekton: any BulkServer & TeamChatServer
    /// The providers, in the configuration's order.
    public let providers: [ModelProvider]
    /// Says what was left out and why (Tekton or a provider unreachable); once each.
    public var onNotice: (@Sendable (String) -> Void)?
    /// Whether a Tekton server was asked for (`--url`, `AISH_URL`, `url:`): if not,
    /// one that cannot be reached at the default address goes without a notice, as
    /// for someone who uses only the providers' models.
    public var expectsTekton = true
    /// The notices said so far.
    private let said = LockedBox<Set<String>>([])

    /// Tekton and `providers` behind one server.
    public init(
        tekton: any BulkServer & TeamChatServer, providers: [ModelProvider],
        onNotice: (@Sendable (String) -> Void)? = nil
    ) {
        self.tekton = tekton
        self.providers = providers
        self.onNotice = onNotice
    }

    public var baseURL: String { tekton.baseURL }
    public var providerNames: [String] { providers.map(\.name) }
    public var rateLimitPolicy: RateLimitPolicy { tekton.rateLimitPolicy }
    public var implementedTransports: Set<TransportKind> { tekton.implementedTransports }
    public var unusableTransports: [TransportKind: String] { tekton.unusableTransports }

    /// Tekton's; a Tekton that cannot be reached offers v1 only (its specialists'
    /// requests then fail as unreachable), so the providers' models still run.
    public func capabilities() async throws -> ServerCapabilities {
        do {
            return try await tekton.capabilities()
        } catch {
            try tolerate(error)
            return .v1Only
        }
    }

    public func cachedCapabilities() async throws -> (ServerCapabilities, cached: Bool) {
        do {
            return try await tekton.cachedCapabilities()
        } catch {
            try tolerate(error)
            return (.v1Only, false)
        }
    }

    /// Forgets Tekton's capabilities after Tekton's errors, not after a model's.
    public func forgetCapabilities(after error: any Error) {
        if case AishError.unexpectedStatus(let url, _, _)? = error as? AishError,
            providers.contains(where: { url.hasPrefix($0.endpoint.baseURL) })
        {
            return
        }
        tekton.forgetCapabilities(after: error)
    }

    public func createServerSession(specialistID: String) async throws -> String? {
        try await tekton.createServerSession(specialistID: specialistID)
    }

    /// Tekton's specialists, then each provider's models.
    public func specialists() async throws -> [Specialist] {
        try await roster().specialists
    }

    /// A transport that sends Tekton's specialists' requests over `kind` and the
    /// models' to their providers.
    public func transport(_ kind: TransportKind) throws(AishError) -> any ChatTransport {
        ProviderRoutingTransport(base: try tekton.transport(kind), providers: providerTransports, kind: kind)
    }

    public func prepareChat(
        specialist name: String, forcedTransport: TransportKind?, oneMessage: Bool, roster known: [Specialist]?
    ) async throws -> PreparedChat {
        if let (provider, asked) = address(name) {
            let model = try await listed(asked, of: provider, typed: name)
            return chat(with: provider.specialist(model), of: provider, forcedTransport: forcedTransport)
        }
        var (roster, tektonFailure): ([Specialist], (any Error)?) = (known ?? [], nil)
        if known == nil { (roster, tektonFailure) = try await self.roster() }
        let specialist: Specialist
        do {
            specialist = try SpecialistResolver(specialists: roster).resolve(name)
        } catch {
            // A name only Tekton could know: Tekton's own error says more.
            if case .unknownSpecialist = error, let tektonFailure { throw tektonFailure }
            throw error
        }
        if let name = specialist.provider, let provider = providers.first(where: { $0.name == name }) {
            return chat(with: specialist, of: provider, forcedTransport: forcedTransport)
        }
        let chat = try await tekton.prepareChat(
            specialist: specialist.id, forcedTransport: forcedTransport, oneMessage: oneMessage,
            roster: roster.filter { $0.provider == nil })
        return PreparedChat(
            specialist: chat.specialist,
            transport: ProviderRoutingTransport(
                base: chat.transport, providers: providerTransports, kind: chat.transport.kind),
            reason: chat.reason, capabilities: chat.capabilities)
    }

    // MARK: Discovery

    public func discoveredSpecialists() async throws -> [DiscoveredSpecialist]? {
        try await tekton.discoveredSpecialists()
    }

    /// Tekton's candidates, unless a model may also have the capability: aish then
    /// ranks them all with the same formula.
    public func bestMatches(capability: String, threshold: Double) async throws -> [DiscoveryCatalog.BestMatch]? {
        if providers.contains(where: { $0.offers(capability: capability) }) { return nil }
        return try await tekton.bestMatches(capability: capability, threshold: threshold)
    }

    /// Rhetor's pick, unless a model may also have the role: aish then ranks.
    public func findSpecialist(role: String) async throws -> String?? {
        if providers.contains(where: { $0.offers(capability: role) }) { return nil }
        return try await tekton.findSpecialist(role: role)
    }

    /// Tekton's entries (v2 discovery, else its roster's tags), then the models with
    /// their configured capabilities and scores.
    public func discoveryEntries() async throws -> (
        source: DiscoveryCatalog.Source, specialists: [DiscoveredSpecialist], complete: Bool
    ) {
        async let listed = providerModels()
        let tektonEntries: (source: DiscoveryCatalog.Source, specialists: [DiscoveredSpecialist], complete: Bool)
        do {
            tektonEntries = try await tekton.discoveryEntries()
        } catch {
            try tolerate(error)
            tektonEntries = (.v1Tags, [], false)
        }
        let models = await listed.flatMap { provider, models in models.map(provider.discovered) }
        return (tektonEntries.source, tektonEntries.specialists + models, tektonEntries.complete)
    }

    // MARK: Bulk and team

    /// Tekton runs a plan of its own specialists; a plan with models runs here.
    public func runBulkOnServer(_ plan: BulkPlan, source: String, retry: BulkRetryPolicy) async throws
        -> BulkRunResult
    {
        let models = plan.operations.filter { address($0.ai) != nil }.map(\.id)
        guard models.isEmpty else {
            throw AishError.invalidArgument(
                name: "--server", value: models.joined(separator: ","),
                hint: "these operations go to OpenAI-compatible models, which Tekton cannot run for you; "
                    + "leave out --server to run the plan here")
        }
        return try await tekton.runBulkOnServer(plan, source: source, retry: retry)
    }

    public func teamChat(_ message: String) -> AsyncThrowingStream<TeamAnswer, any Error> {
        tekton.teamChat(message)
    }

    // MARK: Helpers

    /// The provider and model `name` addresses explicitly (`local/llama3.1`), if any.
    func address(_ name: String) -> (ModelProvider, String)? {
        for provider in providers {
            if let model = provider.model(in: name) { return (provider, model) }
        }
        return nil
    }

    /// Each provider's transport, by name.
    private var providerTransports: [String: any ChatTransport] {
        Dictionary(
            providers.map { ($0.name, $0.transport(rateLimits: rateLimitPolicy)) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// A chat with `specialist`, one of `provider`'s models.
    private func chat(with specialist: Specialist, of provider: ModelProvider, forcedTransport: TransportKind?)
        -> PreparedChat
    {
        let transport = ProviderRoutingTransport(
            base: DeferredTektonTransport(server: tekton, forcedTransport: forcedTransport),
            providers: providerTransports, kind: OpenAIChatTransport.reportedKind)
        var reason = "\(specialist.id) is a model of provider \(provider.name), an OpenAI-compatible API"
        if forcedTransport != nil { reason += "; --transport applies to Tekton's specialists only" }
        var chat = PreparedChat(
            specialist: specialist, transport: transport, reason: reason, capabilities: ServerCapabilities())
        chat.url = provider.endpoint.baseURL
        return chat
    }

    /// The model of `provider` that `model` names, checked when the list is known: a
    /// typo gets the "did you mean" of an unknown specialist. A provider that cannot
    /// list its models is asked for `model` as typed.
    private func listed(_ model: String, of provider: ModelProvider, typed name: String) async throws -> String {
        guard let models = try? await provider.models(), !models.isEmpty, !models.contains(model) else { return model }
        // Ollama's tags: `llama3.1` is `llama3.1:latest`, as `ollama run llama3.1` takes it.
        if !model.contains(":"), models.contains(model + ":latest") { return model + ":latest" }
        let close = CloseNames.suggestions(for: model, among: models)
        // Nothing close: the provider's models are the suggestions.
        let offered = (close.isEmpty ? Array(models.prefix(5)) : close).map(provider.id(of:))
        throw AishError.unknownSpecialist(name: name, suggestions: offered)
    }

    /// The whole roster, and Tekton's failure when only the models are in it.
    private func roster() async throws -> (specialists: [Specialist], tektonFailure: (any Error)?) {
        async let listed = providerModels()
        var tektonRoster: [Specialist] = []
        var failure: (any Error)?
        do {
            tektonRoster = try await tekton.specialists()
        } catch {
            try tolerate(error)
            failure = error
        }
        let models = await listed.flatMap { provider, models in models.map(provider.specialist) }
        return (tektonRoster + models, failure)
    }

    /// Every provider's models; a provider that cannot list them is left out, with a notice.
    private func providerModels() async -> [(ModelProvider, [String])] {
        await providers.concurrentMap { provider in
            do {
                return (provider, try await provider.models())
            } catch {
                notice(
                    "provider \(provider.name) (\(provider.endpoint.baseURL)) did not list its models "
                        + "(\(Self.text(of: error))); they are left out")
                return (provider, [])
            }
        }
    }

    /// Goes on without Tekton when it cannot be reached and there are models to
    /// offer (saying so once); rethrows anything else.
    private func tolerate(_ error: any Error) throws {
        guard !providers.isEmpty, let failure = error as? AishError, failure.isTektonOutage else { throw error }
        guard expectsTekton else { return }
        notice("\(failure.description.prefix { $0 != "\n" }) Only the providers' models are available.")
    }

    private func notice(_ text: String) {
        let first = said.withLock { $0.insert(text).inserted }
        if first { onNotice?(text) }
    }

    private static func text(of error: any Error) -> String {
        (error as? AishError)?.description ?? String(describing: error)
    }
}
