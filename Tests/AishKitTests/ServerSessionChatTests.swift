import Foundation
import Testing

@testable import AishKit

/// ``ServerSessionChat`` against servers that do not behave: one that offers
/// sessions but has no route for them.
@Suite struct ServerSessionChatTests {
    @Test func aServerWithoutTheSessionRouteGetsTheTurnsWithTheMessage() async throws {
        let server = try await RawHTTPTestServer.start { request in
            if request.path == "/api/v2/sessions" {
                return [
                    .send(
                        RawHTTP.response(
                            status: "404 Not Found", body: #"{"error":{"code":"NOT_FOUND","message":"no"}}"#))
                ]
            }
            return [
                .send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 10)), .close,
            ]
        }
        let client = try TektonClient(baseURL: server.baseURL)
        let prepared = PreparedChat(
            specialist: Specialist(id: "apollo", name: "Apollo", healthy: true),
            transport: V2SSETransport(client: client), reason: "test",
            capabilities: ServerCapabilities(features: .init(streaming: true, sessions: true)))
        let opened = LockedBox<[String]>([])
        let chat = ServerSessionChat(client: client, prepared: prepared)
        var text = ""
        for try await event in chat.stream(
            ChatRequest(specialistID: "apollo", message: "alone"), seeded: "with turns",
            onSession: { id in opened.withLock { $0.append(id) } })
        {
            if case .text(let chunk, _) = event { text += chunk }
        }
        #expect(text == V2Script.fullText)
        #expect(opened.withLock { $0 }.isEmpty)
        let stream = try #require(server.requests.first { $0.path.hasSuffix("/stream") })
        let body = String(decoding: stream.body, as: UTF8.self)
        #expect(body.contains(#""message":"with turns""#))
        #expect(!body.contains("session_id"))
    }
}
