import Hummingbird

/// `POST /api/v2/bulk` and its alias `POST /api/ai/bulk` (PROTOCOL.md §5): runs a
/// plan and answers once every operation has ended.
struct BulkRoute: Sendable {
    let state: MockServerState

    /// The largest body accepted: 100 operations of up to the message size each, and room.
    var bodyLimit: Int { (MockBulkPlan.maxOperations + 1) * state.messageSizeLimit }

    /// Adds both routes to `router`.
    func register(on router: Router<MockContext>) {
        router.post("/api/v2/bulk") { request, _ in try await run(request) }
        router.post("/api/ai/bulk") { request, _ in try await run(request) }
    }

    private func run(_ request: Request) async throws -> Response {
        let faults = try state.faults(for: request)
        var request = request
        let body = try await request.collectBody(upTo: bodyLimit)
        guard let json = JSONValue.parse(String(buffer: body)) else {
            throw APIError.invalidRequest("The request body is not valid JSON.")
        }
        let plan = try MockBulkPlan.parse(json)
        return Response.json(await MockBulkRun(plan: plan, state: state, faults: faults).run())
    }
}
