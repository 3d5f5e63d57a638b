import AishKit

extension ConnectionOptions {
    /// Runs `body` with Tekton (as ``withClient(token:_:)`` chooses it) and the
    /// OpenAI-compatible providers of the configuration behind one server. With
    /// `--mock` the provider is the mock's own OpenAI-compatible API (`local`) alone,
    /// so a first try needs nothing else and touches no configured server;
    /// `--mock-rhetor` serves no such API, and the configured providers stay.
    ///
    /// `rateLimits` replaces how Tekton and the providers wait out rate limits.
    func withServer<T: Sendable>(
        rateLimits: RateLimitPolicy? = nil, _ body: @Sendable (CombinedServer) async throws -> T
    ) async throws -> T {
        let settings = try await Settings.current()
        let options = self
        return try await withClient { client in
            var client = client
            if let rateLimits { client.rateLimitPolicy = rateLimits }
            var server = CombinedServer(tekton: client, providers: try options.providers(settings, beside: client)) {
                text in _ = try? FileDescriptorSink.standardError.write("aish: \(text)\n")
            }
            server.expectsTekton = options.mock || options.url != nil || settings.url != nil
            return try await body(server)
        }
    }

    /// The providers to offer beside `client`'s Tekton: the configured ones, or the
    /// mock's with `--mock`.
    func providers(_ settings: AishSettings, beside client: TektonClient) throws -> [ModelProvider] {
        let configured = mock ? [Self.mockProvider(at: client.baseURL)] : settings.providers
        return try configured.map {
            try ModelProvider(settings: $0, environment: Platform.process.environment, httpClient: client.httpClient)
        }
    }

    /// The in-process mock's OpenAI-compatible API as provider `local`: its models
    /// (`local/mock-llama`, `local/mock-coder`) from `GET /v1/models`, and scores for
    /// discovery a little below the mock's own specialists'.
    static func mockProvider(at url: String) -> ProviderSettings {
        ProviderSettings(
            name: "local", url: url + "/v1",
            capabilities: [
                "mock-coder": .init(
                    primary: ["code-analysis", "debugging"], scores: ["code-analysis": 0.7, "debugging": 0.72])
            ],
            source: "--mock")
    }
}
