/// Faults the mock injects into a streamed reply, to exercise a client's recovery.
///
/// Positions are event ids of the v2 stream: the `start` event is id 0, so
/// `recoverableErrorAt: 3` makes the event with id 3 an error and shifts the
/// remaining content one id later. The same plan travels in the `X-Aish-Fault`
/// request header and on the command line; see ``init(parsing:)``.
public struct FaultPlan: Sendable, Equatable {
    /// Close the connection abruptly after this many events (ids `0..<N` are sent).
    /// Only the first connection of a request drops; a resume is served normally.
    public var dropAfterEvents: Int?
    /// Emit a recoverable `error` event (code `UPSTREAM_SLOW`) as event id N, then go on.
    public var recoverableErrorAt: Int?
    /// Emit a fatal `error` event (code `UPSTREAM_FAILED`) as event id N, then end.
    public var fatalErrorAt: Int?
    /// Seconds before the first content event, overriding the configured latency.
    public var firstTokenDelay: Double?
    /// Answer as if the specialist were unhealthy.
    public var unavailable: Bool
    /// Refuse the server's first N chat requests (any route or transport) with 429
    /// (or -32003) and `Retry-After: 1`, as a rate limit would; serve the ones after.
    public var rateLimitedRequests: Int?
    /// The OpenAI-compatible API refuses a streamed request that asks for the usage
    /// chunk (`stream_options`) with 400, as Azure's and other strict APIs do.
    public var refusesStreamOptions: Bool
    /// The OpenAI-compatible API refuses `max_tokens` with 400, saying to use
    /// `max_completion_tokens`, as OpenAI does for its reasoning models.
    public var refusesMaxTokens: Bool

    /// No faults at all.
    public static let none = FaultPlan()

    /// Creates a plan; by default nothing goes wrong.
    public init(
        dropAfterEvents: Int? = nil,
        recoverableErrorAt: Int? = nil,
        fatalErrorAt: Int? = nil,
        firstTokenDelay: Double? = nil,
        unavailable: Bool = false,
        rateLimitedRequests: Int? = nil,
        refusesStreamOptions: Bool = false,
        refusesMaxTokens: Bool = false
    ) {
        self.dropAfterEvents = dropAfterEvents
        self.recoverableErrorAt = recoverableErrorAt
        self.fatalErrorAt = fatalErrorAt
        self.firstTokenDelay = firstTokenDelay
        self.unavailable = unavailable
        self.rateLimitedRequests = rateLimitedRequests
        self.refusesStreamOptions = refusesStreamOptions
        self.refusesMaxTokens = refusesMaxTokens
    }
}
