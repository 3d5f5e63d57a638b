import Hummingbird

/// What every route shares: the configuration and the streams in flight.
struct MockServerState: Sendable {
    /// The server's configuration.
    let configuration: MockServerConfiguration
    /// v2 streams being written or kept for resume.
    let streams: StreamRegistry
    /// Counts the requests the `rate-limited=N` fault has turned away.
    let rateLimits = RateLimitFault()

    /// Fresh state for one server.
    init(configuration: MockServerConfiguration) {
        self.configuration = configuration
        self.streams = StreamRegistry(retention: .clampedSeconds(configuration.resumeRetention))
    }

    /// The request header that carries a per-request ``FaultPlan``.
    static let faultHeader = HeaderName("X-Aish-Fault")

    /// The faults for this request: its `X-Aish-Fault` header when present
    /// (even an empty one, which means none), else the configured plan.
    func faults(for request: Request) throws(APIError) -> FaultPlan {
        guard let header = Self.faultHeader.flatMap({ request.headers[$0] }) else {
            return configuration.faults
        }
        do {
            return try FaultPlan(parsing: header)
        } catch let error as MockServerError {
            throw .invalidFaultHeader(error, header: header)
        } catch {
            throw .invalidRequest("Invalid X-Aish-Fault header.")
        }
    }

    /// The pacing of a stream under these faults.
    func pacing(for faults: FaultPlan) -> Pacing {
        Pacing(
            eventsPerSecond: configuration.tokensPerSecond,
            firstEventDelay: .clampedSeconds(faults.firstTokenDelay ?? configuration.firstTokenLatency)
        )
    }
}
