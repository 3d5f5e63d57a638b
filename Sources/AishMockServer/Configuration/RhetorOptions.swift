/// Which server the mock plays.
public enum MockProfile: Sendable, Equatable {
    /// The whole protocol of PROTOCOL.md: capabilities, v2 SSE, sessions, bulk, WebSocket.
    case tekton
    /// Tekton's Rhetor as it is today (`fixtures/rhetor-v1`): v1 routes only.
    case rhetor
    /// An OpenAI-compatible server alone (as Ollama, llama.cpp or vLLM): `/v1/models`
    /// and `/v1/chat/completions`, no Tekton route.
    case openAI
}

/// How the Rhetor profile behaves where real Rhetor's timing or state shows.
public struct RhetorOptions: Sendable, Equatable {
    /// Seconds between two chunks of the simulated v1 stream (Rhetor: 0.05).
    public var chunkPause: Double
    /// Seconds a specialist takes to compute its whole reply before anything is sent.
    public var replyDelay: Double
    /// Seconds a health check result is reused (Rhetor: 30); `POST /api/v1/ai/cache/clear` forgets it.
    public var healthCacheTTL: Double
    /// The specialists whose socket is down, by id (`hermes-ci`); as recorded, Hermes and Hephaestus.
    public var downSpecialists: Set<String>
    /// Answer with the older stand-ins' `echo from ID: MESSAGE` instead of their Markdown
    /// (tests: `message-apollo.http` and `stream-apollo.http` were recorded with it).
    var echoReplies = false

    /// Rhetor as recorded: 50 ms between chunks, 20 ms per reply, a 30 s health cache.
    public init(
        chunkPause: Double = 0.05,
        replyDelay: Double = 0.02,
        healthCacheTTL: Double = 30,
        downSpecialists: Set<String> = ["hermes-ci", "hephaestus-ci"]
    ) {
        self.chunkPause = chunkPause
        self.replyDelay = replyDelay
        self.healthCacheTTL = healthCacheTTL
        self.downSpecialists = downSpecialists
    }
}

extension MockServerConfiguration {
    /// A mock that answers as Tekton's Rhetor does today (`aish mock --rhetor`): v1 routes
    /// only, `-ci` ids, simulated streaming at `options.chunkPause` per 50-code-point chunk,
    /// one request in flight per specialist, a 30 s health cache, team chat.
    ///
    /// Use it with ``withMockServer(_:_:)`` for an in-process Rhetor. Messages may carry
    /// markers: `[model-error]` (the model fails: `success:true` with Python-dict text),
    /// `[tokens=N]` (a reply of N tokens) and `[no-response]` (the socket closes).
    public static func rhetor(
        host: String = "127.0.0.1", port: Int = 8003, options: RhetorOptions = RhetorOptions()
    ) -> MockServerConfiguration {
        var configuration = MockServerConfiguration(host: host, port: port)
        configuration.profile = .rhetor
        configuration.rhetor = options
        return configuration
    }
}
