import Synchronization

/// The server's authentication and limits (PROTOCOL.md §8), shared by every route.
final class MockSecurity: Sendable {
    /// The accepted tokens.
    let credentials: Credentials
    /// The per-client request rate, when limited.
    let requests: RateLimiter?
    /// The per-client stream limit, when there is one.
    let streams: StreamSlots?
    /// The limits as configured.
    let limits: MockLimits
    /// How many requests the `rate-limited=N` fault has refused so far.
    private let faultRefusals = Mutex(0)

    /// The security of a server configured with `configuration`.
    init(configuration: MockServerConfiguration) {
        self.credentials = Credentials(tokens: configuration.tokens)
        self.requests = configuration.limits.requestRate.map(RateLimiter.init(rate:))
        self.streams = configuration.limits.maxConcurrentStreams.map(StreamSlots.init(limit:))
        self.limits = configuration.limits
    }

    /// Whether the `rate-limited=N` fault refuses this request: the first `N`
    /// chat requests of the server are refused, the later ones served.
    func faultRefuses(_ faults: FaultPlan) -> Bool {
        guard let count = faults.rateLimitedRequests else { return false }
        return faultRefusals.withLock { refused in
            guard refused < count else { return false }
            refused += 1
            return true
        }
    }
}
