import AsyncHTTPClient

/// One OpenAI-compatible server of the configuration (`providers.NAME`), as aish
/// talks to it: its endpoint, its models (those configured, else those its
/// `GET /models` lists, asked once), and what discovery knows of each.
///
/// A model is addressed like a specialist, its id the provider's name, a slash and
/// the model's (`local/llama3.1`); the bare model name works where it is unambiguous.
public struct ModelProvider: Sendable {
    /// What the configuration says.
    public let settings: ProviderSettings
    /// The server, with the key.
    public let endpoint: OpenAIEndpoint
    /// The models the server listed, once asked.
    private let listed = LockedBox<[String]?>(nil)

    /// The provider `settings` describe, its key read from the environment or its file.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` for a bad URL or an
    ///   unreadable key file.
    public init(
        settings: ProviderSettings, environment: [String: String],
        httpClient: HTTPClient = TektonClient.defaultHTTPClient
    ) throws(AishError) {
        self.settings = settings
        endpoint = try OpenAIEndpoint(
            name: settings.name, baseURL: settings.url, apiKey: try settings.apiKey(environment: environment),
            httpClient: httpClient, source: settings.source)
    }

    /// The provider's name (`local`).
    public var name: String { settings.name }

    /// The model ids: those configured, else those the server lists (asked once).
    ///
    /// - Throws: the errors of ``OpenAIEndpoint/models()`` when the server must be asked.
    public func models() async throws -> [String] {
        if let configured = settings.models { return configured }
        if let known = listed.withLock({ $0 }) { return known }
        let models = try await endpoint.models()
        listed.withLock { $0 = models }
        return models
    }

    /// The id aish gives `model` (`local/llama3.1`).
    public func id(of model: String) -> String { name + "/" + model }

    /// The model `id` names when it is one of this provider's (`local/llama3.1` →
    /// `llama3.1`); nil otherwise. The model's own name may hold slashes
    /// (`openrouter/meta-llama/llama-3.1-8b`).
    public func model(in id: String) -> String? {
        let prefix = name + "/"
        guard id.hasPrefix(prefix), id.count > prefix.count else { return nil }
        return String(id.dropFirst(prefix.count))
    }

    /// `model` as a roster entry: typed by its id or its bare name.
    public func specialist(_ model: String) -> Specialist {
        Specialist(
            id: id(of: model), name: model, component: model,
            description: "\(model) on \(name) (\(endpoint.baseURL))", category: "model",
            capabilities: settings.capabilities[model]?.primary ?? [], healthy: true, provider: name)
    }

    /// `model` as discovery describes it, with the configured capabilities and scores.
    public func discovered(_ model: String) -> DiscoveredSpecialist {
        let capabilities = settings.capabilities[model]
        return DiscoveredSpecialist(
            id: id(of: model), name: model, status: "active", model: model, primary: capabilities?.primary ?? [],
            scores: capabilities?.scores ?? [:])
    }

    /// Whether the configuration gives one of this provider's models `capability`.
    public func offers(capability: String) -> Bool {
        let wanted = capability.lowercased()
        return settings.capabilities.values.contains { entry in
            entry.primary.contains { $0.lowercased() == wanted }
                || entry.scores.keys.contains { $0.lowercased() == wanted }
        }
    }

    /// What `aish status` shows of this provider: its models, or why it has none.
    public func probe() async -> StatusReport.ProviderProbe {
        StatusReport.ProviderProbe(name: name, baseURL: endpoint.baseURL, probe: await endpoint.probe())
    }

    /// The transport to this provider's models, waiting out rate limits as `policy` says.
    public func transport(rateLimits policy: RateLimitPolicy) -> any ChatTransport {
        var endpoint = self.endpoint
        endpoint.rateLimitPolicy = policy
        var transport = OpenAIChatTransport(endpoint: endpoint, system: settings.system, streams: settings.streams)
        transport.systemPrompts = settings.systemPrompts
        return transport.waitingOutRateLimits()
    }
}
