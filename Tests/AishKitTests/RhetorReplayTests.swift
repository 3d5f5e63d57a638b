import AishKit
import Foundation
import Testing

/// The client against the responses recorded from a real Tekton Rhetor (v1 only).
@Suite("Rhetor v1 replay")
struct RhetorReplayTests {
    static let streamMessage =
        "Explain the retry policy — naïve café 日本語 🚀 and then summarise it in two sentences please."

    @Test func detectsAV1OnlyServer() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client throws in
            #expect(try await client.capabilities() == .v1Only)
        }
    }

    @Test func listsAndResolvesSpecialists() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client throws in
            let roster = try await client.specialists()
            #expect(roster.count == 18)
            #expect(roster.filter(\.healthy).map(\.id).sorted() == ["apollo-ci", "athena-ci"])
            #expect(try await client.resolveSpecialist("apollo").id == "apollo-ci")
            await #expect(throws: AishError.unknownSpecialist(name: "apolo", suggestions: ["apollo"])) {
                try await client.resolveSpecialist("apolo")
            }
        }
    }

    @Test func preparesAV1PostChat() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client throws in
            let chat = try await client.prepareChat(specialist: "apollo", forcedTransport: nil)
            #expect(chat.specialist.id == "apollo-ci")
            #expect(chat.transport.kind == .v1Post)
            #expect(chat.reason == TransportSelector.v1PostReason)
            #expect(chat.capabilities.isV1Only)
            let forced = try await client.prepareChat(specialist: "apollo-ci", forcedTransport: .v1Post)
            #expect(forced.transport.kind == .v1Post)
            #expect(forced.reason == "forced by --transport")
            await #expect(
                throws: AishError.transportUnavailable(.sse, reason: "the server is v1-only (no /api/capabilities)")
            ) {
                try await client.prepareChat(specialist: "apollo", forcedTransport: .sse)
            }
        }
    }

    @Test func streamsTheRecordedReply() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client throws in
            let request = ChatRequest(specialistID: "apollo-ci", message: Self.streamMessage)
            let reply = await collect(V1StreamTransport(client: client).stream(request))
            #expect(reply.error == nil)
            #expect(reply.text == "echo from apollo-ci: \(Self.streamMessage)")
            #expect(reply.tokens == 3)
            #expect(reply.events.first == .started(requestID: nil, transport: .v1Stream))
            #expect(reply.events.last == .done(tokensUsed: nil, finishReason: nil))
            let sent = try #require(server.requests.last)
            #expect(sent.path == "/api/v1/ai/stream/chat/apollo-ci")
            #expect(sent.headers.first(name: "Accept") == "text/event-stream")
            let query = try #require(sent.uri.split(separator: "?", maxSplits: 1).last)
            #expect(query.hasPrefix("message="))
            #expect(String(query.dropFirst("message=".count)).removingPercentEncoding == Self.streamMessage)
        }
    }

    @Test func unhealthySpecialistStream() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client throws in
            let reply = await collect(
                V1StreamTransport(client: client).stream(ChatRequest(specialistID: "hermes-ci", message: "hi")))
            #expect(reply.events.isEmpty)
            // Rhetor keeps a health answer for 30 s: the error says so, and a bulk run
            // does not retry it within that time.
            let expected = AishError.specialistUnhealthy(
                id: "hermes-ci", detail: "CI specialist hermes-ci is not healthy", recheckSeconds: 30)
            #expect(reply.aishError == expected)
            #expect(expected.exitCode == 69)
            #expect(expected.description.contains("try again in 30 s"))
            #expect(!BulkRetryPolicy.isTransient(expected))
        }
    }

    @Test func postsAMessage() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client throws in
            let reply = await collect(
                V1PostTransport(client: client).stream(
                    ChatRequest(specialistID: "apollo-ci", message: "hello from aish")))
            #expect(reply.error == nil)
            #expect(
                reply.events == [
                    .started(requestID: nil, transport: .v1Post),
                    .text("echo from apollo-ci: hello from aish", tokens: 1),
                    .done(tokensUsed: nil, finishReason: nil),
                ])
            let sent = try #require(server.requests.last)
            #expect(sent.method == .POST)
            let body = try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: String]
            #expect(body == ["message": "hello from aish"])
        }
    }

    @Test func successFalseIsAnError() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client throws in
            let transport = V1PostTransport(client: client)
            let unhealthy = await collect(transport.stream(ChatRequest(specialistID: "hermes-ci", message: "hi")))
            #expect(unhealthy.events.isEmpty)
            #expect(
                unhealthy.aishError
                    == .specialistFailed(
                        id: "hermes-ci",
                        code: nil,
                        message: "Could not connect to hermes-ci: [Errno 111] Connect call failed ('127.0.0.1', 45001)"
                    ))
            let unknown = await collect(transport.stream(ChatRequest(specialistID: "nosuch-ci", message: "hi")))
            #expect(
                unknown.aishError == .specialistFailed(id: "nosuch-ci", code: nil, message: "Unknown component: nosuch")
            )
            #expect(unknown.aishError?.exitCode == 1)
        }
    }

    @Test func missingStreamRouteFallsBackToPost() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client throws in
            // The replay has no stream for nosuch-ci: FastAPI's 404 "Not Found", as for a missing route.
            let reply = await collect(
                V1StreamTransport(client: client).stream(ChatRequest(specialistID: "nosuch-ci", message: "hi")))
            #expect(
                reply.aishError == .specialistFailed(id: "nosuch-ci", code: nil, message: "Unknown component: nosuch"))
            #expect(server.requests.map(\.method) == [.GET, .POST])
        }
    }

    @Test func longMessagesGoByPost() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client throws in
            let long = String(repeating: "é", count: 2_000)
            let reply = await collect(
                V1StreamTransport(client: client).stream(ChatRequest(specialistID: "apollo-ci", message: long)))
            #expect(reply.events.first == .started(requestID: nil, transport: .v1Post))
            #expect(server.requests.map(\.method) == [.POST])
        }
    }

    @Test func emptyMessagesAreRefusedBeforeSending() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client throws in
            for transport in [V1StreamTransport(client: client), V1PostTransport(client: client)] as [any ChatTransport]
            {
                let reply = await collect(transport.stream(ChatRequest(specialistID: "apollo-ci", message: " \n")))
                #expect(reply.aishError == .emptyMessage)
            }
            #expect(server.requests.isEmpty)
        }
    }
}
