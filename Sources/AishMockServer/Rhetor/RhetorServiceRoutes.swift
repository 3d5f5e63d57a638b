import Hummingbird

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Rhetor's routes about itself (`health.http`, `discovery-v1.http`) and its own
/// model routing, `POST /api/v1/chat` (`chat-llm.http`), which Numa answers.
struct RhetorServiceRoutes: Sendable {
    let state: MockServerState

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/health") { _, _ in Response.json(Self.health()) }
        router.get("/api/v1/discovery") { _, _ in Response.json(Self.discovery) }
        router.post("/api/v1/chat") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: state.bodyLimit)
            let message = try Self.lastUserMessage(fromJSON: Array(buffer: body))
            guard let numa = RhetorRoster.specialist("numa-ci") else { throw HTTPError(.internalServerError) }
            let text = RhetorReplyText.standIn(numa, message: message)
            let prompt = Self.words(message)
            let completion = Self.words(text)
            return Response.json(
                .object([
                    "content": .string(text), "model": "llama3.3:70b",
                    "usage": .object([
                        "prompt_tokens": .int(prompt), "completion_tokens": .int(completion),
                        "total_tokens": .int(prompt + completion),
                    ]),
                    "contextId": .string(UUID().uuidString.lowercased()), "metadata": .null,
                    "response": .string(text),
                ]))
        }
    }

    /// Rhetor counts tokens as whitespace-separated words.
    private static func words(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    private struct ChatBody: Decodable {
        struct Message: Decodable {
            let role: String
            let content: String
        }
        let messages: [Message]?
    }

    /// The content of the last `user` message, or FastAPI's 422.
    private static func lastUserMessage(fromJSON bytes: [UInt8]) throws(FastAPIError) -> String {
        let body = try FastAPIError.decode(ChatBody.self, from: bytes)
        guard let messages = body.messages else { throw .missing("messages", in: "body") }
        return messages.last { $0.role == "user" }?.content ?? ""
    }

    private static func health() -> JSONValue {
        let details: KeyValuePairs<String, JSONValue> = [
            "llm_client": true, "model_router": true, "ai_messaging_integration": false, "context_manager": true,
            "prompt_engine": true, "template_manager": true, "prompt_registry": true, "budget_manager": true,
            "anthropic_max_config": true, "anthropic_max_enabled": false, "mcp_bridge": true, "mcp_integration": true,
        ]
        return .object([
            "status": "healthy", "component": "rhetor", "version": "0.1.0",
            "timestamp": .string(PythonTime.isoformat()), "uptime": .null, "port": 8003,
            "registeredWithHermes": false, "dependencies": .array([]), "metrics": .object([]),
            "details": .object(details),
        ])
    }

    /// What Rhetor advertises, including routes that answer 404 (`/api/chat/…`) or fail.
    private static let discovery: JSONValue = {
        let endpoints: [(String, String, String)] = [
            ("/api/v1/chat", "POST", "Send chat messages"),
            ("/api/v1/chat/stream", "POST", "Stream chat responses"),
            ("/api/v1/templates", "*", "Template management"),
            ("/api/v1/prompts", "*", "Prompt operations"),
            ("/api/v1/registry", "*", "Prompt registry"),
            ("/api/v1/context", "*", "Context management"),
            ("/api/v1/models", "GET", "List available models"),
            ("/api/v1/budget", "*", "Budget management"),
            ("/api/v1/specialists", "*", "CI specialist management"),
            ("/api/team-chat", "POST", "Team chat with multiple CIs"),
            ("/api/team-chat/stream", "GET", "Stream team chat responses"),
            ("/api/team-chat/sockets", "GET", "List team chat sockets"),
            ("/api/chat/{specialist_id}/stream", "POST", "Stream from individual specialist"),
            ("/api/chat/{specialist_id}/stream", "GET", "Stream from specialist (GET)"),
            ("/api/chat/team/stream", "POST", "Stream from all specialists"),
            ("/ws", "WEBSOCKET", "WebSocket for streaming"),
        ]
        let description = "LLM orchestration and management service"
        return .object([
            "component": "rhetor", "version": "0.1.0", "description": .string(description),
            "endpoints": .array(
                endpoints.map { path, method, text in
                    .object([
                        "path": .string(path), "method": .string(method), "description": .string(text), "tags": .null,
                    ])
                }),
            "capabilities": .strings([
                "llm_orchestration", "template_management", "prompt_engineering", "context_management",
                "budget_tracking", "specialist_routing", "ai_messaging",
            ]),
            "dependencies": .object(["hermes": "http://localhost:8001"]),
            "metadata": .object(["description": .string(description), "category": "ai_services"]),
        ])
    }()
}
