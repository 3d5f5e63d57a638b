import AishKit
import Foundation
import Testing

/// The v2 transport against scripted servers that stream, fail, and cut connections.
@Suite("V2SSETransport")
struct V2SSETransportTests {
    static let request = ChatRequest(
        specialistID: "apollo", message: "hello", sessionID: "sess_1", temperature: 0.5, maxTokens: 200)
    static let streamPath = "/api/v2/ai/apollo/stream"
    static let resumePath = "/api/v2/ai/apollo/stream/req_1"
    static let quickResume = ResumePolicy(maxAttempts: 5, initialDelay: .zero)

    /// The events a resuming client has not seen, from its `Last-Event-ID` on.
    static func replay(after request: RecordedRequest, overlap: Int = 0) -> String {
        let last = request.headers.first(name: "Last-Event-ID").flatMap { Int($0) } ?? 0
        return V2Script.events(from: max(1, last + 1 - overlap), through: 10)
    }

    private func run(
        _ responder: @escaping RawHTTPTestServer.Responder,
        policy: ResumePolicy = quickResume
    ) async throws -> (CollectedReply, [RecordedRequest]) {
        let server = try await RawHTTPTestServer.start(responder: responder)
        let reply = try await withClient(of: server) { client throws in
            await collect(V2SSETransport(client: client, resumePolicy: policy).stream(Self.request))
        }
        return (reply, server.requests)
    }

    @Test func undisturbedStream() async throws {
        let (reply, requests) = try await run { _ in
            [.send(RawHTTP.chunkedEventStreamHead), .send(RawHTTP.chunk(V2Script.start()))]
                + (1...10).map { .send(RawHTTP.chunk(V2Script.events(from: $0, through: $0))) }
                + [.send(RawHTTP.lastChunk)]
        }
        #expect(reply.error == nil)
        #expect(reply.text == V2Script.fullText)
        #expect(reply.tokens == 10)
        #expect(reply.events.first == .started(requestID: "req_1", transport: .sse))
        #expect(reply.events.last == .done(tokensUsed: 10, finishReason: "stop"))
        let sent = try #require(requests.first)
        #expect(sent.method == .POST)
        #expect(sent.path == Self.streamPath)
        #expect(sent.headers.first(name: "Accept") == "text/event-stream")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: Any])
        #expect(body["message"] as? String == "hello")
        #expect(body["session_id"] as? String == "sess_1")
        #expect(body["temperature"] as? Double == 0.5)
        #expect(body["max_tokens"] as? Int == 200)
    }

    @Test func resumesAfterTheConnectionCloses() async throws {
        let (reply, requests) = try await run { request in
            if request.method == .POST {
                return [
                    .send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 4)),
                    .close,
                ]
            }
            // Replay from two events back: the client must skip what it already has.
            return [.send(V2Script.closeDelimitedHead + Self.replay(after: request, overlap: 2)), .close]
        }
        #expect(reply.error == nil)
        #expect(reply.text == V2Script.fullText)
        #expect(reply.events.filter { if case .started = $0 { true } else { false } }.count == 1)
        #expect(requests.map(\.path) == [Self.streamPath, Self.resumePath])
        #expect(requests.last?.method == .GET)
        #expect(requests.last?.headers.first(name: "Last-Event-ID") == "4")
    }

    @Test func resumesAfterABrokenChunk() async throws {
        let (reply, requests) = try await run { request in
            if request.method == .POST {
                return [
                    .send(RawHTTP.chunkedEventStreamHead),
                    .send(RawHTTP.chunk(V2Script.start() + V2Script.events(from: 1, through: 3))),
                    .send("64\r\nid: 4\nev"),  // a chunk announced as 100 bytes, cut after 10
                    .close,
                ]
            }
            return [.send(V2Script.closeDelimitedHead + Self.replay(after: request)), .close]
        }
        #expect(reply.error == nil)
        #expect(reply.text == V2Script.fullText)
        #expect(requests.last?.headers.first(name: "Last-Event-ID") == "3")
    }

    @Test func resumesRepeatedly() async throws {
        // Each connection carries two more events, then breaks.
        let (reply, requests) = try await run { request in
            let last = request.headers.first(name: "Last-Event-ID").flatMap { Int($0) } ?? 0
            let head = V2Script.closeDelimitedHead + (request.method == .POST ? V2Script.start() : "")
            return [.send(head + V2Script.events(from: last + 1, through: last + 2)), .close]
        }
        #expect(reply.error == nil)
        #expect(reply.text == V2Script.fullText)
        #expect(requests.count == 5)
    }

    @Test func givesUpAfterTheAllowedAttempts() async throws {
        let (reply, requests) = try await run(
            { request in
                let events = request.method == .POST ? V2Script.start() + V2Script.events(from: 1, through: 2) : ""
                return [.send(V2Script.closeDelimitedHead + events), .close]
            },
            policy: ResumePolicy(maxAttempts: 2, initialDelay: .zero)
        )
        #expect(reply.text == "w1é w2é ")
        #expect(
            reply.aishError
                == .streamInterrupted(
                    id: "apollo",
                    reason: "the connection closed before the reply was complete; gave up after 2 reconnections"
                ))
        #expect(requests.count == 3)
    }

    @Test func aForgottenStreamCannotBeResumed() async throws {
        let (reply, _) = try await run { request in
            if request.method == .POST {
                return [
                    .send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 1)),
                    .close,
                ]
            }
            return [
                .send(
                    RawHTTP.response(status: "404 Not Found", body: #"{"error":{"code":"NOT_FOUND","message":"gone"}}"#)
                )
            ]
        }
        #expect(reply.text == "w1é ")
        #expect(
            reply.aishError
                == .streamInterrupted(id: "apollo", reason: "the server no longer has the stream to resume (HTTP 404)"))
    }

    @Test func noRequestIDMeansNoResume() async throws {
        let (reply, requests) = try await run { _ in
            [.send(V2Script.closeDelimitedHead + V2Script.events(from: 1, through: 1)), .close]
        }
        #expect(reply.events.first == .started(requestID: nil, transport: .sse))
        #expect(
            reply.aishError
                == .streamInterrupted(
                    id: "apollo",
                    reason:
                        "the connection closed before the reply was complete; the server gave no request id to resume with"
                ))
        #expect(requests.count == 1)
    }

    @Test func fatalErrorKeepsTheTextSoFar() async throws {
        let fatal = V2Script.event(
            3, "error", #"{"type":"error","recoverable":false,"code":"CONTEXT_LIMIT","message":"too long"}"#)
        let (reply, _) = try await run { _ in
            [
                .send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 2) + fatal),
                .close,
            ]
        }
        #expect(reply.text == "w1é w2é ")
        #expect(reply.aishError == .specialistFailed(id: "apollo", code: "CONTEXT_LIMIT", message: "too long"))
    }

    @Test func recoverableErrorsAreNotices() async throws {
        let slow = V2Script.event(
            2, "error", #"{"type":"error","recoverable":true,"code":"UPSTREAM_SLOW","message":"slow"}"#)
        let (reply, _) = try await run { _ in
            [
                .send(
                    V2Script.closeDelimitedHead + V2Script.start() + V2Script.content(1, "a") + slow
                        + V2Script.content(3, "b") + V2Script.done(4, tokens: 2)), .close,
            ]
        }
        #expect(reply.error == nil)
        #expect(
            reply.events == [
                .started(requestID: "req_1", transport: .sse),
                .text("a", tokens: 1),
                .notice(code: "UPSTREAM_SLOW", message: "slow"),
                .text("b", tokens: 1),
                .done(tokensUsed: 2, finishReason: "stop"),
            ])
    }

    @Test func unnamedEventsCRLFCommentsAndRetry() async throws {
        let stream = [
            ": hello\r\nretry: 1000\r\n\r\n",
            "id: 0\r\ndata: {\"type\":\"start\",\"request_id\":\"req_1\"}\r\n\r\n",
            "id: 1\r\ndata: {\"type\":\"content\",\r\ndata: \"data\":\"multi-line \"}\r\n\r\n",
            ": keep-alive\r\n\r\n",
            "id: 2\rdata: {\"type\":\"content\",\"data\":\"ok\"}\r\r",
            "id: 3\ndata: {\"type\":\"done\"}\n\n",
        ].joined()
        let (reply, _) = try await run { _ in [.send(V2Script.closeDelimitedHead + stream), .close] }
        #expect(reply.error == nil)
        #expect(reply.text == "multi-line ok")
        #expect(reply.events.last == .done(tokensUsed: nil, finishReason: nil))
    }

    @Test func coalescesEventsOfOneRead() async throws {
        let burst = (1...10).map { V2Script.content($0, "t") }.joined()
        let (reply, _) = try await run { _ in
            [.send(V2Script.closeDelimitedHead + V2Script.start() + burst + V2Script.done(11, tokens: 10)), .close]
        }
        #expect(reply.text == String(repeating: "t", count: 10))
        #expect(reply.tokens == 10)
        #expect(reply.events.contains { if case .text(_, let tokens) = $0 { tokens > 1 } else { false } })
    }

    @Test(arguments: [
        (
            "503 Service Unavailable", #"{"error":{"code":"AI_UNAVAILABLE","message":"apollo is down"}}"#,
            AishError.specialistUnavailable(id: "apollo", detail: "apollo is down")
        ),
        ("404 Not Found", #"{"detail":"Not Found"}"#, AishError.unknownSpecialist(name: "apollo", suggestions: [])),
    ])
    func errorStatuses(status: String, body: String, expected: AishError) async throws {
        let (reply, _) = try await run { _ in [.send(RawHTTP.response(status: status, body: body))] }
        #expect(reply.events.isEmpty)
        #expect(reply.aishError == expected)
    }

    @Test func otherStatusesAreUnexpected() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [
                .send(
                    RawHTTP.response(
                        status: "500 Internal Server Error", body: #"{"error":{"code":"INTERNAL","message":"kaput"}}"#))
            ]
        }
        let reply = try await withClient(of: server) { client throws in
            await collect(V2SSETransport(client: client).stream(Self.request))
        }
        #expect(
            reply.aishError
                == .unexpectedStatus(url: server.baseURL + Self.streamPath, status: 500, detail: "INTERNAL: kaput"))
    }

    @Test func malformedEvents() async throws {
        let (reply, _) = try await run { _ in
            [.send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.event(1, "content", "not json")), .close]
        }
        guard case .malformedResponse(_, let detail) = reply.aishError else {
            Issue.record("unexpected \(String(describing: reply.error))")
            return
        }
        #expect(detail.contains("invalid JSON"))
    }

    @Test func notAnEventStream() async throws {
        let (reply, _) = try await run { _ in [.send(RawHTTP.response(body: "{}"))] }
        guard case .malformedResponse = reply.aishError else {
            Issue.record("unexpected \(String(describing: reply.error))")
            return
        }
    }

    @Test func cancellingTheConsumerClosesTheConnection() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [
                .send(RawHTTP.chunkedEventStreamHead),
                .send(RawHTTP.chunk(V2Script.start() + V2Script.content(1, "first"))), .holdOpen,
            ]
        }
        let client = try TektonClient(baseURL: server.baseURL)
        let stream = V2SSETransport(client: client).stream(Self.request)
        let (firstText, firstTextSeen) = AsyncStream.makeStream(of: Void.self)
        let consumer = Task {
            for try await event in stream {
                if case .text = event { firstTextSeen.yield() }
            }
        }
        try await withTimeLimit(.seconds(60)) {
            for await _ in firstText { break }
            consumer.cancel()
            for await _ in server.closedConnections { break }
        }
        try await server.shutdown()
    }
}
