import Hummingbird

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Server-side sessions (PROTOCOL.md §4): create, read, delete, and send a message
/// in one (a JSON answer, or the §3 event stream with `"stream": true`).
struct SessionRoutes: Sendable {
    let state: MockServerState

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.post("/api/v2/sessions") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            guard let value = JSONValue.parse(String(buffer: body)), value.isObject else {
                throw APIError.invalidRequest("The body must be a JSON object with \"specialist_id\".")
            }
            guard let specialistID = value[member: "specialist_id"]?.stringValue else {
                throw APIError.invalidRequest(
                    "\"specialist_id\" is required: the specialist the session talks to.",
                    details: .object(["field": "specialist_id"]))
            }
            _ = try V2StreamRoutes.specialist(specialistID)
            let window = value[member: "context_window"]?.intValue ?? 10
            guard (1...1000).contains(window) else {
                throw APIError.invalidRequest(
                    "\"context_window\" must be 1–1000 messages, not \(window).",
                    details: .object(["field": "context_window"]))
            }
            let metadata = value[member: "metadata"] ?? .object([])
            guard metadata.isObject else {
                throw APIError.invalidRequest(
                    "\"metadata\" must be an object.", details: .object(["field": "metadata"]))
            }
            let session = state.sessions.create(specialistID: specialistID, contextWindow: window, metadata: metadata)
            return Response.json(describe(session, withMessages: false), status: .created)
        }
        router.get("/api/v2/sessions/:id") { _, context in
            let session = try active(try context.parameters.require("id"), missing: .notFound)
            return Response.json(describe(session, withMessages: true))
        }
        router.delete("/api/v2/sessions/:id") { _, context in
            let id = try context.parameters.require("id")
            guard state.sessions.delete(id) else {
                _ = try active(id, missing: .notFound)
                throw APIError.sessionNotFound(id)
            }
            return Response.json(.object(["status": "deleted", "session_id": .string(id)]))
        }
        router.post("/api/v2/sessions/:id/message") { request, context in
            let id = try context.parameters.require("id")
            let session = try active(id, missing: .gone)
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            let bytes = Array(buffer: body)
            let parameters = try StreamParameters.fromJSON(bytes, sizeLimit: state.messageSizeLimit)
            let stream = JSONValue.parse(String(decoding: bytes, as: UTF8.self))?[member: "stream"] == .bool(true)
            let specialist = try V2StreamRoutes.specialist(session.specialistID)
            if stream {
                let routes = V2StreamRoutes(state: state)
                return try routes.startStream(
                    specialist: specialist, parameters: parameters.inSession(id),
                    faults: try state.faults(for: request),
                    caller: StreamCaller(request: request, channel: context.channel))
            }
            guard specialist.healthy else { throw APIError.specialistUnavailable(specialist.id) }
            let reply = Reply(specialist: specialist, message: parameters.message, maxTokens: parameters.maxTokens)
            var text = ""
            var tokens = 0
            for token in reply.tokens() {
                text += token
                tokens += 1
            }
            let updated = state.sessions.record(id, question: parameters.message, answer: text) ?? session
            return Response.json(
                .object([
                    "response": .string(text), "session_id": .string(id), "message_count": .int(updated.messages.count),
                    "tokens_used": .int(tokens),
                    "context_used": .int(min(updated.messages.count, updated.contextWindow)),
                ]))
        }
    }

    private enum Missing { case notFound, gone }

    /// The active session `id`: an expired one is 410; an unknown one 404, or 410
    /// where the client is sending a message (it must open a new session either way).
    private func active(_ id: String, missing: Missing) throws(APIError) -> SessionRegistry.Session {
        switch state.sessions.lookup(id) {
        case .active(let session): return session
        case .expired: throw .sessionExpired(id)
        case .unknown: throw missing == .gone ? .sessionExpired(id) : .sessionNotFound(id)
        }
    }

    private func describe(_ session: SessionRegistry.Session, withMessages: Bool) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init(name: "id", value: .string(session.id)),
            .init(name: "specialist_id", value: .string(session.specialistID)),
            .init(name: "context_window", value: .int(session.contextWindow)),
            .init(name: "created_at", value: .string(Self.timestamp(session.createdAt))),
            .init(name: "expires_at", value: .string(Self.timestamp(state.sessions.expiry(of: session)))),
            .init(name: "metadata", value: session.metadata),
        ]
        if withMessages {
            let messages = session.messages.map { message in
                JSONValue.object([
                    "role": .string(message.role), "content": .string(message.content),
                    "timestamp": .string(Self.timestamp(message.timestamp)),
                ])
            }
            members.append(.init(name: "messages", value: .array(messages)))
        }
        return .object(members)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension APIError {
    /// 410 `SESSION_EXPIRED` (JSON-RPC: -32000).
    static func sessionExpired(_ id: String) -> APIError {
        APIError(
            status: .gone, code: "SESSION_EXPIRED",
            message: "Session '\(id)' has expired or does not exist; open a new one with POST /api/v2/sessions.",
            details: .object(["session_id": .string(id)]))
    }

    /// 404 `SESSION_NOT_FOUND`.
    static func sessionNotFound(_ id: String) -> APIError {
        APIError(
            status: .notFound, code: "SESSION_NOT_FOUND", message: "No session '\(id)'.",
            details: .object(["session_id": .string(id)]))
    }
}
