/// How the mock Tekton server listens, paces its replies and misbehaves.
///
/// The defaults make the mock feel like a real specialist: replies start after a
/// short latency and stream at about 40 tokens a second, with no faults.
public struct MockServerConfiguration: Sendable {
    /// The address to bind; `127.0.0.1` keeps the mock private to this machine.
    public var host: String
    /// The port to bind; `0` lets the operating system pick a free one.
    public var port: Int
    /// Content events per second; `0` streams as fast as possible.
    public var tokensPerSecond: Double
    /// Seconds between the `start` event and the first content event.
    public var firstTokenLatency: Double
    /// Seconds between `: keep-alive` comments while a stream is idle.
    public var keepAliveInterval: Double
    /// Seconds a finished stream stays available for resume.
    public var resumeRetention: Double
    /// Faults applied to every streamed request that has no `X-Aish-Fault` header.
    public var faults: FaultPlan
    /// The bearer tokens accepted; when empty, no authentication is needed.
    public var tokens: [String] = []
    /// The per-client limits.
    public var limits: MockLimits = .default
    /// A PEM certificate chain and private key: with them the mock serves https and wss.
    public var tls: TLSFiles?

    /// The files of a TLS identity.
    public struct TLSFiles: Sendable, Equatable {
        /// The PEM certificate chain, the server's certificate first.
        public var certificatePath: String
        /// The PEM private key.
        public var privateKeyPath: String

        /// Creates the pair.
        public init(certificatePath: String, privateKeyPath: String) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Which server the mock plays: the whole protocol (the default) or today's Rhetor.
    public var profile: MockProfile = .tekton
    /// How the Rhetor profile behaves; ignored by the other profile.
    public var rhetor = RhetorOptions()

    /// Seconds a server-side session lives without activity (PROTOCOL.md §4).
    public var sessionTTL: Double = 1800

    /// A test's hold on every reply's generation (``GenerationHold``); nil, the
    /// default, for none.
    public var generationHold: GenerationHold?

    /// Seconds a WebSocket without a bearer header has to send `auth`. Internal: tests shorten it.
    var authTimeout: Double = 5

    /// Seconds a generation keeps running after its last client disconnected, so a
    /// quick resume still finds it. Internal: tests shorten it.
    var cancellationGrace: Double = 2

    /// Creates a configuration; every argument has the documented default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8003,
        tokensPerSecond: Double = 40,
        firstTokenLatency: Double = 0.35,
        keepAliveInterval: Double = 15,
        resumeRetention: Double = 120,
        faults: FaultPlan = .none
    ) {
        self.host = host
        self.port = port
        self.tokensPerSecond = tokensPerSecond
        self.firstTokenLatency = firstTokenLatency
        self.keepAliveInterval = keepAliveInterval
        self.resumeRetention = resumeRetention
        self.faults = faults
    }
}
