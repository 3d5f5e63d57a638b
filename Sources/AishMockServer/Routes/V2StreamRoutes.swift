import Hummingbird
import NIOCore

/// The v2 SSE routes (PROTOCOL.md §3): start a stream, its GET alias, and resume.
struct V2StreamRoutes: Sendable {
    let state: MockServerState

    /// The response header that repeats a stream's request id.
    static let requestIDHeader = HeaderName("X-Request-ID")
    /// The request header naming the last event a resuming client has.
    static let lastEventIDHeader = HeaderName("Last-Event-ID")

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.post("/api/v2/ai/:id/stream") { request, context in
            let id = try context.parameters.require("id")
            let faults = try state.faults(for: request)
            let specialist = try Self.specialist(id)
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            let parameters = try StreamParameters.fromJSON(Array(buffer: body), sizeLimit: state.messageSizeLimit)
            return try startStream(
                specialist: specialist, parameters: parameters, faults: faults,
                caller: StreamCaller(request: request, channel: context.channel))
        }
        router.get("/api/ai/specialists/:id/stream") { request, context in
            let id = try context.parameters.require("id")
            let faults = try state.faults(for: request)
            let specialist = try Self.specialist(id)
            let parameters = try StreamParameters.fromQuery(
                QueryParameters(request.uri.query), sizeLimit: state.messageSizeLimit)
            return try startStream(
                specialist: specialist, parameters: parameters, faults: faults,
                caller: StreamCaller(request: request, channel: context.channel))
        }
        router.get("/api/v2/ai/:id/stream/:request_id") { request, context in
            try resume(
                specialistID: try context.parameters.require("id"),
                requestID: try context.parameters.require("request_id"),
                lastEventHeader: Self.lastEventIDHeader.flatMap { request.headers[$0] },
                caller: StreamCaller(request: request, channel: context.channel)
            )
        }
    }

    static func specialist(_ id: String) throws(APIError) -> Specialist {
        guard let specialist = Roster.specialist(id) else { throw .specialistNotFound(id) }
        return specialist
    }

    /// Starts a reply's event stream; in a session, the exchange is recorded there.
    func startStream(specialist: Specialist, parameters: StreamParameters, faults: FaultPlan, caller: StreamCaller)
        throws(APIError) -> Response
    {
        guard specialist.healthy && !faults.unavailable else { throw .specialistUnavailable(specialist.id) }
        try state.enterSession(parameters, specialistID: specialist.id)
        guard !state.security.faultRefuses(faults) else { throw .rateLimitedByFault }
        let slot = try takeStreamSlot(for: caller.client)
        let reply = Reply(specialist: specialist, message: parameters.message, maxTokens: parameters.maxTokens)
        let (requestID, _, lease) = state.streams.start(
            reply: reply, faults: faults, pacing: state.pacing(for: faults),
            grace: .clampedSeconds(state.configuration.cancellationGrace), owner: caller.owner
        )
        let connection = SSEConnection(
            lease: lease, dropBeforeID: faults.dropAfterEvents,
            keepAliveInterval: keepAliveInterval
        )
        return Self.eventStream(connection, requestID: requestID, onEnd: slot)
    }

    private func resume(specialistID: String, requestID: String, lastEventHeader: String?, caller: StreamCaller)
        throws(APIError) -> Response
    {
        guard let entry = state.streams.entry(for: requestID, owner: caller.owner), entry.specialistID == specialistID
        else {
            throw APIError(
                status: .notFound, code: "REQUEST_NOT_FOUND",
                message: "No stream '\(requestID)' for specialist '\(specialistID)'; it may have expired.",
                details: .object(["request_id": .string(requestID), "specialist_id": .string(specialistID)])
            )
        }
        var lastEventID: Int?
        if let lastEventHeader {
            guard let value = Int(lastEventHeader.trimmingSpaces), value >= -1 else {
                throw .invalidRequest(
                    "Last-Event-ID must be an event id, not '\(lastEventHeader)'.",
                    details: .object(["header": "Last-Event-ID", "value": .string(lastEventHeader)])
                )
            }
            lastEventID = value
        }
        guard let lease = ReaderLease(log: entry.log, after: lastEventID) else {
            throw APIError(
                status: .gone, code: "RESUME_EXPIRED",
                message: "Events after \(lastEventID ?? -1) of '\(requestID)' are no longer kept.",
                details: .object(["request_id": .string(requestID)])
            )
        }
        let slot = try takeStreamSlot(for: caller.client)
        let connection = SSEConnection(lease: lease, dropBeforeID: nil, keepAliveInterval: keepAliveInterval)
        return Self.eventStream(connection, requestID: requestID, onEnd: slot)
    }

    /// Takes one of `client`'s stream slots when streams are limited, and returns
    /// what gives it back.
    private func takeStreamSlot(for client: String) throws(APIError) -> @Sendable () -> Void {
        guard let slots = state.security.streams else { return {} }
        guard slots.acquire(for: client) else { throw .tooManyStreams(limit: slots.limit) }
        return { slots.release(for: client) }
    }

    private var keepAliveInterval: Duration {
        let seconds = state.configuration.keepAliveInterval
        return seconds.isFinite && seconds > 0 ? .seconds(seconds) : .seconds(15)
    }

    private static func eventStream(
        _ connection: SSEConnection, requestID: String, onEnd: @escaping @Sendable () -> Void
    ) -> Response {
        var headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        if let requestIDHeader { headers[requestIDHeader] = requestID }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { onEnd() }
                try await connection.write(to: &writer)
            })
    }
}
