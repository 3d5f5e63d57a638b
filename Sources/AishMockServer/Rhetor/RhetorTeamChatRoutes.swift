import Hummingbird
import NIOCore

/// Rhetor's team chat (`team-chat.http`, `team-chat-stream.http`,
/// `team-chat-sockets.http`): every specialist whose socket is up answers.
///
/// The team-chat sockets are Rhetor's own, apart from the one-per-specialist
/// sockets of `…/message`, so team chat is not refused while a specialist is busy.
struct RhetorTeamChatRoutes: Sendable {
    let state: MockServerState
    private var rhetor: RhetorState { state.rhetor }

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.post("/api/team-chat") { request, _ in
            let start = ContinuousClock.now
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            let message = try V1Routes.message(fromJSON: Array(buffer: body), allowingEmpty: true)
            let responses = answers(to: message).map { specialist, text in
                JSONValue.object([
                    "socket_id": .string(specialist.id), "content": .string(text),
                    "timestamp": .string(PythonTime.isoformat()), "metadata": Self.metadata,
                ])
            }
            return Response.json(
                .object([
                    "request_id": .string("team-chat-" + PythonTime.timestamp()), "responses": .array(responses),
                    "moderation_mode": "pass_through", "synthesis": .null, "consensus": .null,
                    "timestamp": .string(PythonTime.isoformat()),
                    "elapsed_time": .double(PythonTime.elapsed(since: start)),
                ]))
        }
        router.get("/api/team-chat/stream") { request, _ in
            let message = try RhetorStreamRoutes.query(request, "message")
            let start = ContinuousClock.now
            return Response(
                status: .ok, headers: Self.streamHeaders,
                body: ResponseBody { writer in
                    try await writer.write(
                        Self.event("connected", ["type": "connected", "message": "Connected to team chat stream"]))
                    let answers = answers(to: message)
                    for (index, (specialist, text)) in answers.enumerated() {
                        try await writer.write(
                            Self.event(
                                "message",
                                [
                                    "type": "response", "socket_id": .string(specialist.id), "content": .string(text),
                                    "timestamp": .string(PythonTime.isoformat()), "metadata": Self.metadata,
                                    "index": .int(index + 1),
                                ]))
                    }
                    try await writer.write(
                        Self.event(
                            "complete",
                            [
                                "type": "complete", "response_count": .int(answers.count),
                                "elapsed_time": .double(PythonTime.elapsed(since: start)),
                            ]))
                    try await writer.finish(nil)
                })
        }
        router.get("/api/team-chat/sockets") { _, _ in
            let sockets = RhetorRoster.all.map { specialist in
                JSONValue.object([
                    "socket_id": .string(specialist.id), "model": "unknown",
                    "state": .string(rhetor.sockets.isUp(specialist.id) ? "active" : "inactive"),
                    "role": "specialist", "port": .int(specialist.port), "capabilities": .strings(specialist.tags),
                ])
            }
            return Response.json(
                .object([
                    "sockets": .array(sockets), "count": .int(sockets.count),
                    "timestamp": .string(PythonTime.isoformat()),
                ]))
        }
    }

    /// The answers of every specialist whose socket is up, in Rhetor's order.
    private func answers(to message: String) -> [(Specialist, String)] {
        RhetorRoster.all.filter { rhetor.sockets.isUp($0.id) }.compactMap { specialist in
            guard case .response(let text) = rhetor.teamReply(of: specialist, to: message) else { return nil }
            return (specialist, text)
        }
    }

    private static let metadata: JSONValue = .object(["role": "unknown", "type": "socket"])

    /// sse-starlette's headers.
    private static let streamHeaders: HTTPFields = {
        var headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        for (name, value) in [("connection", "keep-alive"), ("x-accel-buffering", "no")] {
            if let name = HeaderName(name) { headers[name] = value }
        }
        return headers
    }()

    /// One named event as sse-starlette writes it: CRLF line ends, Python's JSON.
    private static func event(_ name: String, _ pairs: KeyValuePairs<String, JSONValue>) -> ByteBuffer {
        ByteBuffer(string: "event: \(name)\r\ndata: " + JSONValue.object(pairs).encoded(.python) + "\r\n\r\n")
    }
}
