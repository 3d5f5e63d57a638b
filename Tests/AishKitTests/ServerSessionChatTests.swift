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
        let (client, prepared) = try Self.chat(with: server)
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

    /// A rate-limited `POST /api/v2/sessions` was not carried out: it is sent
    /// again after the server's `Retry-After`, with a notice, as a chat request is.
    @Test func aRateLimitedSessionIsOpenedAfterTheWait() async throws {
        let attempts = LockedBox(0)
        let server = try await RawHTTPTestServer.start { request in
            if request.path == "/api/v2/sessions" {
                let attempt = attempts.withLock { count -> Int in
                    count += 1
                    return count
                }
                guard attempt > 1 else {
                    return [
                        .send(
                            RawHTTP.head(
                                status: "429 Too Many Requests",
                                headers: [("Content-Length", "0"), ("Retry-After", "1")]))
                    ]
                }
                return [.send(RawHTTP.response(status: "201 Created", body: #"{"id":"sess_after_wait"}"#))]
            }
            return [
                .send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 10)), .close,
            ]
        }
        let (client, prepared) = try Self.chat(with: server)
        let opened = LockedBox<[String]>([])
        var (text, notices) = ("", [String]())
        for try await event in ServerSessionChat(client: client, prepared: prepared).stream(
            ChatRequest(specialistID: "apollo", message: "alone"), seeded: "with turns",
            onSession: { id in opened.withLock { $0.append(id) } })
        {
            switch event {
            case .text(let chunk, _): text += chunk
            case .notice(let code, let message): notices.append("\(code): \(message)")
            default: break
            }
        }
        #expect(attempts.withLock { $0 } == 2)
        #expect(opened.withLock { $0 } == ["sess_after_wait"])
        #expect(notices == ["RATE_LIMITED: too many requests; aish tries again in 1 s (retry 1 of 3)"])
        #expect(text == V2Script.fullText)
        let stream = try #require(server.requests.first { $0.path.hasSuffix("/stream") })
        #expect(String(decoding: stream.body, as: UTF8.self).contains("sess_after_wait"))
    }

    /// A client of `server`, and a chat with apollo over v2 SSE in server sessions.
    private static func chat(with server: RawHTTPTestServer) throws -> (TektonClient, PreparedChat) {
        let client = try TektonClient(baseURL: server.baseURL)
        let prepared = PreparedChat(
            specialist: Specialist(id: "apollo", name: "Apollo", healthy: true),
            transport: V2SSETransport(client: client), reason: "test",
            capabilities: ServerCapabilities(features: .init(streaming: true, sessions: true)))
        return (client, prepared)
    }
}
