import Foundation
import Testing

@testable import AishMockServer

/// PROTOCOL.md §8 on the mock: bearer tokens on v2 routes and WebSockets (or
/// `auth` first), and the limits: request rate, streams, WebSocket messages, size.
@Suite(.timeLimit(.minutes(1))) struct SecurityTests {
    private func withMock(
        tokens: [String] = [], limits: MockLimits = .default, faults: FaultPlan = .none, authTimeout: Double = 5,
        _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        var configuration = fastConfiguration(faults: faults)
        configuration.tokens = tokens
        configuration.limits = limits
        configuration.authTimeout = authTimeout
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger, body)
    }

    private static let streamBody = #"{"message":"hello","max_tokens":3}"#

    // MARK: Authentication

    @Test func v2RoutesNeedTheBearerTokenAndV1RoutesDoNot() async throws {
        try await withMock(tokens: ["alpha", "beta"]) { base in
            let missing = try await live(base + "/api/v2/discovery/ais")
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(missing.body.utf8)) as? [String: Any])
            #expect((body["error"] as? [String: Any])?["code"] as? String == "UNAUTHORIZED")

            let wrong = try await live(base + "/api/v2/discovery/ais", headers: [("Authorization", "Bearer gamma")])
            #expect(wrong.status == 401)
            #expect(!wrong.body.contains("gamma"))
            let good = try await live(base + "/api/v2/discovery/ais", headers: [("Authorization", "Bearer beta")])
            #expect(good.status == 200)
            let stream = try await live(
                base + "/api/v2/ai/apollo/stream", method: .POST, headers: [("Authorization", "bearer alpha")],
                body: Self.streamBody)
            #expect(stream.status == 200)
            #expect(
                try await live(base + "/api/v2/ai/apollo/stream", method: .POST, body: Self.streamBody).status == 401)

            #expect(try await live(base + "/api/capabilities").status == 200)
            #expect(try await live(base + "/api/v1/ai/specialists").status == 200)
        }
    }

    @Test func aWebSocketWithABadBearerTokenIsRefusedBeforeTheUpgrade() async throws {
        try await withMock(tokens: ["alpha"]) { base in
            let refused = try await live(base + "/ws/ai/apollo", headers: [("Authorization", "Bearer nope")])
            #expect(refused.status == 401)
            await #expect(throws: (any Error).self) {
                try await withSocket(webSocketURL(base), headers: ["Authorization": "Bearer nope"]) { _ in }
            }
        }
    }

    @Test func aWebSocketMayAuthenticateWithItsFirstMessage() async throws {
        try await withMock(tokens: ["alpha"]) { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "auth", #"{"token":"alpha"}"#))
                let reply = try await socket.receiveObject()
                #expect((reply["result"] as? [String: Any])?["authenticated"] as? Bool == true)
                try await socket.send(rpc(2, "ping"))
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":2,"result":"pong"}"#)
            }
        }
    }

    @Test func aWebSocketThatDoesNotAuthenticateFirstGetsMinus32004AndClose1008() async throws {
        try await withMock(tokens: ["alpha"]) { base in
            let close = try await closeFrame(ofSocket: webSocketURL(base)) { socket in
                try await socket.send(rpc(7, "ping"))
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32004)
                #expect(reply["id"] as? Int == 7)
                #expect(await socket.receive() == nil)
            }
            #expect(close?.closeCode == .policyViolation)
        }
    }

    @Test func aWebSocketWithAWrongAuthTokenIsClosedWith1008() async throws {
        try await withMock(tokens: ["alpha"]) { base in
            let close = try await closeFrame(ofSocket: webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "auth", #"{"token":"beta"}"#))
                #expect(try await socket.receiveObject().errorCode == -32004)
                #expect(await socket.receive() == nil)
            }
            #expect(close?.closeCode == .policyViolation)
        }
    }

    @Test func aSilentWebSocketIsClosedWith1008WhenTheAuthTimeIsUp() async throws {
        try await withMock(tokens: ["alpha"], authTimeout: 0.2) { base in
            let close = try await closeFrame(ofSocket: webSocketURL(base)) { socket in
                #expect(await socket.receive() == nil)
            }
            #expect(close?.closeCode == .policyViolation)
        }
    }

    @Test func aWebSocketWithTheBearerHeaderNeedsNoAuthMessage() async throws {
        try await withMock(tokens: ["alpha"]) { base in
            try await withSocket(webSocketURL(base), headers: ["Authorization": "Bearer alpha"]) { socket in
                try await socket.send(rpc(1, "ping"))
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
                try await socket.send(rpc(2, "auth", #"{"token":"wrong"}"#))
                #expect(try await socket.receiveObject().errorCode == -32004)
            }
        }
    }

    // MARK: Limits

    @Test func theRequestRateAnswers429WithTheFourHeadersAndTheBody() async throws {
        let limits = MockLimits(requestRate: RequestRate(count: 2, seconds: 60))
        try await withMock(limits: limits) { base in
            let url = base + "/api/v2/discovery/ais"
            let first = try await live(url)
            #expect(first.status == 200)
            #expect(first.header("X-RateLimit-Limit") == "2")
            #expect(first.header("X-RateLimit-Remaining") == "1")
            #expect(try await live(url).header("X-RateLimit-Remaining") == "0")

            let refused = try await live(url)
            #expect(refused.status == 429)
            #expect(refused.header("X-RateLimit-Limit") == "2")
            #expect(refused.header("X-RateLimit-Remaining") == "0")
            let reset = try #require(refused.header("X-RateLimit-Reset").flatMap(Int.init))
            #expect(Double(reset) > Date().timeIntervalSince1970)
            let retryAfter = try #require(refused.header("Retry-After").flatMap(Int.init))
            #expect((1...30).contains(retryAfter))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(refused.body.utf8)) as? [String: Any])
            let error = try #require(body["error"] as? [String: Any])
            #expect(error["code"] as? String == "RATE_LIMITED")
            #expect(error["retry_after"] as? Int == retryAfter)
            #expect((error["message"] as? String)?.contains("2 per 60 s") == true)

            // v1 routes are not counted.
            #expect(try await live(base + "/api/v1/ai/specialists").status == 200)
        }
    }

    @Test func theRateLimitedFaultRefusesTheFirstRequestsOnly() async throws {
        try await withMock(faults: FaultPlan(rateLimitedRequests: 1)) { base in
            let url = base + "/api/v2/ai/apollo/stream"
            let refused = try await live(url, method: .POST, body: Self.streamBody)
            #expect(refused.status == 429)
            #expect(refused.header("Retry-After") == "1")
            #expect(try await live(url, method: .POST, body: Self.streamBody).status == 200)
        }
    }

    @Test func webSocketMessagesOverTheRateGetMinus32003WithRetryAfter() async throws {
        // One message, then one per 100 s: the second message is always over.
        let limits = MockLimits(webSocketMessagesPerSecond: 0.01)
        try await withMock(limits: limits) { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "ping"))
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
                try await socket.send(rpc(2, "ping"))
                let refused = try await socket.receiveObject()
                #expect(refused.errorCode == -32003)
                #expect(refused["id"] as? Int == 2)
                let data = try #require((refused["error"] as? [String: Any])?["data"] as? [String: Any])
                #expect((data["retry_after"] as? Int ?? 0) >= 1)
            }
        }
    }

    @Test func aClientOverItsStreamLimitGetsMinus32003AndSlotsAreGivenBack() async throws {
        let limits = MockLimits(maxConcurrentStreams: 1)
        try await withMock(limits: limits) { base in
            // Streams one after the other each get the one slot.
            for _ in 0..<2 {
                let done = try await live(base + "/api/v2/ai/apollo/stream", method: .POST, body: Self.streamBody)
                #expect(done.status == 200)
                #expect(done.body.contains("event: done"))
            }
            let slow = ["X-Aish-Fault": "first-token-delay=30"]
            try await withSocket(webSocketURL(base), headers: slow) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"hold the slot"}"#))
                let start = try await socket.receiveObject()
                #expect(start["method"] as? String == "stream.start")
                try await socket.send(rpc(2, "stream", #"{"message":"one too many"}"#))
                let refused = try await socket.receive(untilResponseTo: 2).last
                #expect(refused?.errorCode == -32003)
                let data = (refused?["error"] as? [String: Any])?["data"] as? [String: Any]
                #expect(data?["code"] as? String == "TOO_MANY_STREAMS")
                let sse = try await live(base + "/api/v2/ai/apollo/stream", method: .POST, body: Self.streamBody)
                #expect(sse.status == 429)
                #expect(sse.body.contains("TOO_MANY_STREAMS"))
            }
        }
    }

    @Test func theMessageSizeLimitIsConfigurable() async throws {
        try await withMock(limits: MockLimits(maxMessageSize: 2048)) { base in
            let message = String(repeating: "a", count: 3000)
            let response = try await live(
                base + "/api/v2/ai/apollo/stream", method: .POST, body: #"{"message":"\#(message)"}"#)
            #expect(response.status == 413)
            #expect(response.body.contains("MESSAGE_TOO_LARGE"))
            #expect(response.body.contains("2048"))
        }
    }

    // MARK: Parsing

    @Test(arguments: [("60/m", 60, 60.0), ("10/s", 10, 1.0), ("5/2s", 5, 2.0), ("100/h", 100, 3600.0)])
    func ratesParse(text: String, count: Int, seconds: Double) throws {
        #expect(try RequestRate(parsing: text) == RequestRate(count: count, seconds: seconds))
    }

    @Test(arguments: ["", "60", "0/s", "-1/s", "5/0s", "5/q", "x/s", "5/-2s"])
    func badRatesNameTheText(text: String) {
        #expect(throws: MockServerError.invalidRate(text)) { try RequestRate(parsing: text) }
    }

    @Test func theRateLimitedFaultParses() throws {
        #expect(try FaultPlan(parsing: "rate-limited=2").rateLimitedRequests == 2)
        #expect(throws: MockServerError.self) { try FaultPlan(parsing: "rate-limited=0") }
    }
}
