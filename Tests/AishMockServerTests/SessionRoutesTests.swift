import Foundation
import Testing

@testable import AishMockServer

/// PROTOCOL.md §4 on the mock: sessions are created, read, used and deleted, and
/// expire after inactivity (410 `SESSION_EXPIRED`, JSON-RPC -32000).
@Suite(.timeLimit(.minutes(1))) struct SessionRoutesTests {
    private func withMock(ttl: Double = 1800, _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        var configuration = fastConfiguration()
        configuration.sessionTTL = ttl
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger, body)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aSessionKeepsItsExchangesAndCanBeDeleted() async throws {
        try await withMock { base in
            let created = try await live(
                base + "/api/v2/sessions", method: .POST,
                body: #"{"specialist_id":"athena","context_window":4,"metadata":{"from":"test"}}"#)
            #expect(created.status == 201)
            let session = try object(created.body)
            let id = try #require(session["id"] as? String)
            #expect(id.hasPrefix("sess_"))
            #expect(session["specialist_id"] as? String == "athena")
            #expect(session["context_window"] as? Int == 4)
            #expect((session["metadata"] as? [String: Any])?["from"] as? String == "test")
            #expect(session["expires_at"] is String && session["created_at"] is String)

            let answer = try object(
                try await live(
                    base + "/api/v2/sessions/\(id)/message", method: .POST, body: #"{"message":"hello","max_tokens":7}"#
                ).body)
            #expect(answer["session_id"] as? String == id)
            #expect(answer["message_count"] as? Int == 2)
            #expect(answer["tokens_used"] as? Int == 7)
            #expect(answer["context_used"] as? Int == 2)

            let streamed = try await live(
                base + "/api/v2/sessions/\(id)/message", method: .POST,
                body: #"{"message":"and then","stream":true,"max_tokens":3}"#)
            #expect(streamed.body.contains("event: done"))
            let viaStreamRoute = try await live(
                base + "/api/v2/ai/athena/stream", method: .POST,
                body: #"{"message":"third","session_id":"\#(id)","max_tokens":3}"#)
            #expect(viaStreamRoute.status == 200)

            let read = try object(try await live(base + "/api/v2/sessions/\(id)").body)
            let messages = try #require(read["messages"] as? [[String: Any]])
            #expect(messages.count == 6)
            #expect(
                messages.compactMap { $0["role"] as? String } == [
                    "user", "assistant", "user", "assistant", "user", "assistant",
                ])
            #expect(
                messages.compactMap { $0["content"] as? String }.filter { !$0.hasPrefix("##") }.prefix(3) == [
                    "hello", "and then", "third",
                ])

            let other = try await live(
                base + "/api/v2/ai/apollo/stream", method: .POST, body: #"{"message":"x","session_id":"\#(id)"}"#)
            #expect(other.status == 400)

            let deleted = try object(try await live(base + "/api/v2/sessions/\(id)", method: .DELETE).body)
            #expect(deleted["status"] as? String == "deleted")
            #expect(try await live(base + "/api/v2/sessions/\(id)").status == 404)
            let gone = try await live(
                base + "/api/v2/sessions/\(id)/message", method: .POST, body: #"{"message":"hi"}"#)
            #expect(gone.status == 410)
            #expect(gone.body.contains("SESSION_EXPIRED"))
        }
    }

    @Test func anIdleSessionExpiresWith410AndMinus32000() async throws {
        try await withMock(ttl: 0.2) { base in
            let id = try #require(
                try object(
                    try await live(base + "/api/v2/sessions", method: .POST, body: #"{"specialist_id":"apollo"}"#).body)[
                        "id"] as? String)
            // Wait for the expiry by watching the session, not by sleeping a fixed time.
            while try await live(base + "/api/v2/sessions/\(id)").status == 200 { await Task.yield() }
            let expired = try await live(base + "/api/v2/sessions/\(id)")
            #expect(expired.status == 410)
            let stream = try await live(
                base + "/api/v2/ai/apollo/stream", method: .POST, body: #"{"message":"x","session_id":"\#(id)"}"#)
            #expect(stream.status == 410)
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "chat", #"{"message":"x","session_id":"\#(id)"}"#))
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32000)
            }
        }
    }

    @Test func badSessionRequestsNameTheField() async throws {
        try await withMock { base in
            let missing = try await live(base + "/api/v2/sessions", method: .POST, body: #"{}"#)
            #expect(missing.status == 400)
            #expect(missing.body.contains("specialist_id"))
            let unknown = try await live(base + "/api/v2/sessions", method: .POST, body: #"{"specialist_id":"nobody"}"#)
            #expect(unknown.status == 404)
            let window = try await live(
                base + "/api/v2/sessions", method: .POST, body: #"{"specialist_id":"apollo","context_window":0}"#)
            #expect(window.status == 400)
            #expect(window.body.contains("context_window"))
        }
    }
}
