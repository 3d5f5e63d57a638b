import Hummingbird

/// Rhetor's simulated streams under `/api/v1/ai/stream`: one specialist's reply,
/// waited for whole and then sent in 50-code-point chunks at Rhetor's pace, and
/// several specialists' whole replies as one event each.
struct RhetorStreamRoutes: Sendable {
    let state: MockServerState
    private var rhetor: RhetorState { state.rhetor }

    /// The header naming the methods a route allows.
    static let allow = HeaderName("allow")

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/api/v1/ai/stream/chat/:id") { request, context in
            let id = try context.parameters.require("id")
            let message = try Self.query(request, "message")
            guard RhetorRoster.specialist(id) != nil else {
                throw FastAPIError(status: .notFound, detail: .string("CI specialist \(id) not found"))
            }
            guard rhetor.isHealthy(id) else {
                throw FastAPIError(status: .serviceUnavailable, detail: .string("CI specialist \(id) is not healthy"))
            }
            let pause = Duration.clampedSeconds(rhetor.options.chunkPause)
            return RhetorSSE.response { writer in
                try await RhetorSSE.writeReply(await rhetor.send(message, to: id), pause: pause, to: &writer)
            }
        }
        router.post("/api/v1/ai/stream/chat/:id") { _, _ -> Response in
            var headers = HTTPFields()
            if let allow = Self.allow { headers[allow] = "GET" }
            throw FastAPIError(status: .methodNotAllowed, detail: "Method Not Allowed", headers: headers)
        }
        router.get("/api/v1/ai/stream/multi-stream") { request, _ in
            let message = try Self.query(request, "message")
            let ids = QueryParameters(request.uri.query).values("ai_ids")
            guard !ids.isEmpty else { throw FastAPIError.missing("ai_ids", in: "query") }
            return RhetorSSE.response { writer in
                for (id, outcome) in zip(ids, await sendAll(message, to: ids)) {
                    let event: JSONValue =
                        switch outcome {
                        case .response(let text): .object(["ai_id": .string(id), "response": .string(text)])
                        case .error(let error): .object(["ai_id": .string(id), "error": .string(error)])
                        }
                    try await writer.write(V1StreamRoute.event(event))
                }
                try await writer.write(V1StreamRoute.event(["done": .bool(true)]))
            }
        }
    }

    /// Sends to every id at once, as Rhetor's `asyncio.gather`; the outcomes in `ids`' order.
    private func sendAll(_ message: String, to ids: [String]) async -> [RhetorOutcome] {
        await withTaskGroup(of: (Int, RhetorOutcome).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask { (index, await rhetor.send(message, to: id)) }
            }
            var outcomes = [RhetorOutcome](repeating: .noResponse, count: ids.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
    }

    /// A required query parameter (it may be empty), or FastAPI's 422.
    static func query(_ request: Request, _ name: String) throws(FastAPIError) -> String {
        guard let value = QueryParameters(request.uri.query)[name] else { throw .missing(name, in: "query") }
        return value
    }
}
