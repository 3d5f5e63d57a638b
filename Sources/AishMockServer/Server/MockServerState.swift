import Hummingbird

/// What every route shares: the configuration and the streams in flight.
struct MockServerState: Sendable {
    /// The server's configuration.
    let configuration: MockServerConfiguration
    /// v2 streams being written or kept for resume.
    let streams: StreamRegistry
    /// Authentication and limits.
    let security: MockSecurity
    /// Server-side sessions (PROTOCOL.md §4).
    let sessions: SessionRegistry
    /// The Rhetor profile's sockets and health cache.
    let rhetor: RhetorState
    /// The contexts of upgraded WebSocket connections still in memory (for tests).
    let webSocketSlots = WebSocketSlotTracker()

    /// Fresh state for one server.
    init(configuration: MockServerConfiguration) {
        self.configuration = configuration
        self.streams = StreamRegistry(retention: .clampedSeconds(configuration.resumeRetention))
        self.security = MockSecurity(configuration: configuration)
        self.sessions = SessionRegistry(ttl: configuration.sessionTTL)
        self.rhetor = RhetorState(options: configuration.rhetor)
    }

    /// Throws 429 when the `rate-limited=N` fault refuses this chat request.
    func checkRateLimitFault(_ faults: FaultPlan) throws(APIError) {
        if security.faultRefuses(faults) { throw .rateLimitedByFault }
    }

    /// Checks the session a message names, if any, and records the exchange in it.
    ///
    /// - Throws: 410 `SESSION_EXPIRED` for an expired or unknown session; 400 when it
    ///   belongs to another specialist.
    func enterSession(_ parameters: StreamParameters, specialistID: String) throws(APIError) {
        guard let id = parameters.sessionID else { return }
        guard case .active(let session) = sessions.lookup(id) else { throw .sessionExpired(id) }
        guard session.specialistID == specialistID else {
            throw .invalidRequest(
                "Session '\(id)' talks to \(session.specialistID), not \(specialistID).",
                details: .object(["session_id": .string(id)]))
        }
        guard let specialist = Roster.specialist(specialistID) else { return }
        let reply = Reply(specialist: specialist, message: parameters.message, maxTokens: parameters.maxTokens)
        let answer =
            (parameters.maxTokens ?? 0) <= 100_000 ? reply.text : "[a reply of \(parameters.maxTokens ?? 0) tokens]"
        _ = sessions.record(id, question: parameters.message, answer: answer)
    }

    /// The largest message accepted, in UTF-8 bytes (PROTOCOL.md §8: 1 MiB by default).
    var messageSizeLimit: Int { configuration.limits.maxMessageSize }

    /// The largest request body read: a message at the limit plus room for the other fields.
    var bodyLimit: Int { messageSizeLimit + 64 * 1024 }

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
            firstEventDelay: .clampedSeconds(faults.firstTokenDelay ?? configuration.firstTokenLatency),
            hold: configuration.generationHold
        )
    }
}
