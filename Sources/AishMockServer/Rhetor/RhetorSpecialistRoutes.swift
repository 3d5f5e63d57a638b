import Hummingbird

/// Rhetor's `/api/v1/ai` routes for its specialists: the list, the (empty) roster,
/// health, find by role, the health cache, and `POST …/message`.
struct RhetorSpecialistRoutes: Sendable {
    let state: MockServerState
    private var rhetor: RhetorState { state.rhetor }

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/api/v1/ai/specialists") { _, _ in
            Response.json(.array(RhetorRoster.all.map(listing)))
        }
        router.get("/api/v1/ai/roster") { _, _ in Response.json(.array([])) }
        router.post("/api/v1/ai/roster/clear") { _, _ in
            Response.json(.object(["message": "Cleared 0 AIs from roster"]))
        }
        router.post("/api/v1/ai/cache/clear") { _, _ in
            rhetor.health.clear()
            return Response.json(.object(["message": "Health cache cleared"]))
        }
        router.get("/api/v1/ai/specialists/:id/health") { _, context in
            let id = try context.parameters.require("id")
            let healthy = rhetor.isHealthy(id)
            return Response.json(
                .object([
                    "ai_id": .string(id), "healthy": .bool(healthy),
                    "status": .string(healthy ? "available" : "unavailable"),
                ]))
        }
        router.get("/api/v1/ai/find/:role") { _, context in
            try Response.json(find(role: context.parameters.require("role")))
        }
        router.post("/api/v1/ai/specialists/:id/message") { request, context in
            let id = try context.parameters.require("id")
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            let message = try V1Routes.message(fromJSON: Array(buffer: body), allowingEmpty: true)
            return Response.json(await rhetor.send(message, to: id).messageBody(id: id))
        }
    }

    /// One entry of the list, fields in Rhetor's order; `healthy` is the cached check.
    private func listing(_ specialist: Specialist) -> JSONValue {
        .object([
            "ai_id": .string(specialist.id), "component": .string(specialist.component),
            "name": .string(specialist.name), "port": .int(specialist.port), "host": "localhost",
            "description": .string(specialist.description), "category": .string(specialist.category),
            "capabilities": .strings(specialist.tags), "healthy": .bool(rhetor.isHealthy(specialist.id)),
            "in_roster": .bool(false),
        ])
    }

    /// The first healthy specialist whose category or tags name `role`.
    private func find(role: String) -> JSONValue {
        let match = RhetorRoster.all.first { specialist in
            (specialist.category == role || specialist.tags.contains(role)) && rhetor.isHealthy(specialist.id)
        }
        guard let match else {
            return .object(["found": .bool(false), "message": .string("No healthy AI found for role: \(role)")])
        }
        return .object([
            "found": .bool(true), "ai_id": .string(match.id), "component": .string(match.component),
            "name": .string(match.name), "port": .int(match.port),
        ])
    }
}
