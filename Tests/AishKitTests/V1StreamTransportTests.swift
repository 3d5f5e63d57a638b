import AishKit
import Testing

/// The v1 stream transport against scripted servers.
@Suite("V1StreamTransport")
struct V1StreamTransportTests {
    static let request = ChatRequest(specialistID: "apollo-ci", message: "hi")
    static let head = V2Script.closeDelimitedHead

    private func run(_ responder: @escaping RawHTTPTestServer.Responder) async throws -> (
        CollectedReply, [RecordedRequest]
    ) {
        let server = try await RawHTTPTestServer.start(responder: responder)
        let reply = try await withClient(of: server) { client throws in
            await collect(V1StreamTransport(client: client).stream(Self.request))
        }
        return (reply, server.requests)
    }

    @Test func aCutStreamIsInterrupted() async throws {
        let (reply, _) = try await run { _ in [.send(Self.head + "data: {\"chunk\": \"part\"}\n\n"), .close] }
        #expect(reply.text == "part")
        #expect(
            reply.aishError
                == .streamInterrupted(id: "apollo-ci", reason: "the connection closed before the reply was complete"))
    }

    @Test func anErrorEventFailsTheReply() async throws {
        let (reply, _) = try await run { _ in
            [.send(Self.head + "data: {\"chunk\": \"part\"}\n\ndata: {\"error\": \"model crashed\"}\n\n"), .close]
        }
        #expect(reply.text == "part")
        #expect(reply.aishError == .specialistFailed(id: "apollo-ci", code: nil, message: "model crashed"))
    }

    @Test func methodNotAllowedFallsBackToPost() async throws {
        let (reply, requests) = try await run { request in
            if request.method == .GET {
                return [
                    .send(RawHTTP.response(status: "405 Method Not Allowed", body: #"{"detail":"Method Not Allowed"}"#))
                ]
            }
            return [
                .send(RawHTTP.response(body: #"{"success":true,"ai_id":"apollo-ci","response":"posted","error":null}"#))
            ]
        }
        #expect(
            reply.events == [
                .started(requestID: nil, transport: .v1Post),
                .text("posted", tokens: 1),
                .done(tokensUsed: nil, finishReason: nil),
            ])
        #expect(requests.map(\.method) == [.GET, .POST])
    }

    @Test func anUnknownSpecialistIsNotARouteProblem() async throws {
        let (reply, requests) = try await run { _ in
            [.send(RawHTTP.response(status: "404 Not Found", body: #"{"detail":"CI specialist apollo-ci not found"}"#))]
        }
        #expect(reply.aishError == .unknownSpecialist(name: "apollo-ci", suggestions: []))
        #expect(requests.count == 1)
    }
}
