import Foundation
import Synchronization
import Testing

@testable import AishMockServer

/// A stream belongs to the credentials that started it: another token gets the
/// answer an unknown request id gets, over SSE resume and WebSocket `resume`.
@Suite(.timeLimit(.minutes(1))) struct StreamOwnershipTests {
    private static let body = #"{"message":"private plans","max_tokens":40}"#

    private func withMock(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        var configuration = fastConfiguration()
        configuration.tokens = ["alice-token", "bob-token"]
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger, body)
    }

    private static func bearer(_ token: String) -> [(String, String)] {
        [("Authorization", "Bearer \(token)")]
    }

    @Test func anotherTokenCannotReplayAnSSEStream() async throws {
        try await withMock { base in
            let started = try await live(
                base + "/api/v2/ai/apollo/stream", method: .POST, headers: Self.bearer("alice-token"), body: Self.body)
            let events = dataEvents(started.body)
            let requestID = try #require(events.first?.json["request_id"] as? String)
            let resume = base + "/api/v2/ai/apollo/stream/\(requestID)"
            let stolen = try await live(resume, headers: Self.bearer("bob-token") + [("Last-Event-ID", "0")])
            let unknownID = "req_000000000000"
            let unknown = try await live(
                base + "/api/v2/ai/apollo/stream/\(unknownID)",
                headers: Self.bearer("bob-token") + [("Last-Event-ID", "0")])
            #expect(stolen.status == 404)
            #expect(stolen.status == unknown.status)
            #expect(stolen.body == unknown.body.replacingOccurrences(of: unknownID, with: requestID))
            #expect(!stolen.body.contains(contentText(events)))
            let own = try await live(resume, headers: Self.bearer("alice-token") + [("Last-Event-ID", "0")])
            #expect(own.status == 200)
            #expect(contentText(dataEvents(own.body)) == contentText(events))
        }
    }

    @Test func anotherTokenCannotResumeOverWebSocket() async throws {
        try await withMock { base in
            let started = try await live(
                base + "/api/v2/ai/apollo/stream", method: .POST, headers: Self.bearer("alice-token"), body: Self.body)
            let requestID = try #require(dataEvents(started.body).first?.json["request_id"] as? String)
            let resume = rpc(7, "resume", #"{"request":"\#(requestID)","after_chunk":-1}"#)
            let unknown = rpc(8, "resume", #"{"request":"req_000000000000","after_chunk":-1}"#)
            // Bob by header, then Bob by an `auth` message: neither sees Alice's stream.
            try await withSocket(webSocketURL(base), headers: ["Authorization": "Bearer bob-token"]) { socket in
                try await socket.send(resume)
                let messages = try await socket.receive(untilResponseTo: 7)
                #expect(messages.count == 1)
                #expect(messages.last?.errorCode == -32602)
                let data = (messages.last?["error"] as? [String: Any])?["data"] as? [String: Any]
                #expect(data?["code"] as? String == "REQUEST_NOT_FOUND")
                try await socket.send(unknown)
                let other = try await socket.receive(untilResponseTo: 8)
                #expect(other.last?.errorCode == messages.last?.errorCode)
            }
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "auth", #"{"token":"bob-token"}"#))
                #expect(try await socket.receiveObject()["result"] != nil)
                try await socket.send(resume)
                let messages = try await socket.receive(untilResponseTo: 7)
                #expect(messages.count == 1)
                #expect(messages.last?.errorCode == -32602)
            }
            try await withSocket(webSocketURL(base), headers: ["Authorization": "Bearer alice-token"]) { socket in
                try await socket.send(resume)
                let messages = try await socket.receive(untilResponseTo: 7)
                #expect(messages.filter { $0["method"] as? String == "stream.chunk" }.count == 40)
                #expect((messages.last?["result"] as? [String: Any])?["tokens_used"] as? Int == 40)
            }
        }
    }

    @Test func aStreamStartedOverWebSocketBelongsToItsAuthToken() async throws {
        try await withMock { base in
            let requestID = Mutex<String?>(nil)
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "auth", #"{"token":"alice-token"}"#))
                _ = try await socket.receiveObject()
                try await socket.send(rpc(2, "stream", #"{"message":"mine","max_tokens":5}"#))
                let messages = try await socket.receive(untilResponseTo: 2)
                requestID.withLock { $0 = messages.first?.params["request_id"] as? String }
            }
            let id = try #require(requestID.withLock { $0 })
            let stolen = try await live(base + "/api/v2/ai/apollo/stream/\(id)", headers: Self.bearer("bob-token"))
            #expect(stolen.status == 404)
            let own = try await live(base + "/api/v2/ai/apollo/stream/\(id)", headers: Self.bearer("alice-token"))
            #expect(own.status == 200)
            #expect(dataEvents(own.body).last?.event == "done")
        }
    }
}
