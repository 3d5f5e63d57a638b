import Hummingbird
import NIOCore

/// The v1 routes, answering exactly as Tekton's Rhetor does today (PROTOCOL.md §2,
/// `fixtures/rhetor-v1`): FastAPI's compact JSON, `{"detail": …}` errors, and
/// HTTP 200 with `success: false` when a message cannot be delivered.
struct V1Routes: Sendable {
    let state: MockServerState

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/api/v1/ai/specialists") { _, _ in
            Response.json(.array(Roster.all.map(Self.listing)))
        }
        router.get("/api/v1/ai/specialists/:id/health") { _, context in
            let id = try context.parameters.require("id")
            guard let specialist = Roster.specialist(id) else {
                throw FastAPIError(status: .notFound, detail: .string("AI specialist \(id) not found"))
            }
            return Response.json(
                .object([
                    "ai_id": .string(specialist.id), "healthy": .bool(specialist.healthy),
                    "status": .string(specialist.healthy ? "available" : "unavailable"),
                ]))
        }
        router.post("/api/v1/ai/specialists/:id/message") { request, context in
            let id = try context.parameters.require("id")
            let faults = try state.faults(for: request)
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            let message = try Self.message(fromJSON: Array(buffer: body))
            return try await answer(id: id, message: message, faults: faults)
        }
        V1StreamRoute(state: state).register(on: router)
    }

    /// One entry of the v1 specialist list, fields in Rhetor's order.
    static func listing(_ specialist: Specialist) -> JSONValue {
        .object([
            "ai_id": .string(specialist.id), "component": .string(specialist.id), "name": .string(specialist.name),
            "port": .int(specialist.port), "host": "localhost", "description": .string(specialist.description),
            "category": .string(specialist.category), "capabilities": .strings(specialist.v1Capabilities),
            "healthy": .bool(specialist.healthy), "in_roster": .bool(specialist.healthy),
        ])
    }

    private func answer(id: String, message: String, faults: FaultPlan) async throws -> Response {
        guard let specialist = Roster.specialist(id) else {
            return Self.result(id: id, response: nil, error: "Unknown component: \(RhetorRoster.component(of: id))")
        }
        guard specialist.healthy && !faults.unavailable else {
            return Self.result(
                id: id, response: nil,
                error: "Could not connect to \(id): [Errno 111] Connect call failed ('127.0.0.1', \(specialist.port))"
            )
        }
        try state.checkRateLimitFault(faults)
        let reply = Reply(specialist: specialist, message: message, maxTokens: nil)
        let text = reply.text
        try await Task.sleep(
            for: generationTime(tokens: reply.tokens().reduce(0) { count, _ in count + 1 }, faults: faults))
        return Self.result(id: id, response: text, error: nil)
    }

    /// How long a whole reply takes to generate at the configured pace.
    private func generationTime(tokens: Int, faults: FaultPlan) -> Duration {
        let pacing = state.pacing(for: faults)
        guard !pacing.unpaced else { return pacing.firstEventDelay }
        return pacing.firstEventDelay + .seconds(Double(max(tokens - 1, 0)) / pacing.eventsPerSecond)
    }

    private static func result(id: String, response: String?, error: String?) -> Response {
        .json(
            .object([
                "success": .bool(error == nil), "ai_id": .string(id), "response": .string(response),
                "error": .string(error),
            ]))
    }

    private struct MessageBody: Decodable {
        let message: String?
    }

    /// The `message` of a v1 body, or FastAPI's 422 when it is missing (or empty, unless
    /// `allowingEmpty`: real Rhetor takes an empty message, `message-empty.http`).
    static func message(fromJSON bytes: [UInt8], allowingEmpty: Bool = false) throws(FastAPIError) -> String {
        let body = try FastAPIError.decode(MessageBody.self, from: bytes)
        guard let message = body.message else { throw .missing("message", in: "body") }
        guard allowingEmpty || !message.isEmpty else { throw .empty("message", in: "body") }
        return message
    }
}
