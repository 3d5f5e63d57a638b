import AishKit
import Testing

/// Messages past the protocol's 1 MiB, either way: a frame from the server that is
/// too large is named as such, not as a lost connection; a message that grows past
/// 1 MiB when JSON-encoded is refused before sending, alike on every transport
/// (issue 12, item 18).
@Suite("Oversize messages", .timeLimit(.minutes(1)))
struct OversizeMessageTests {
    @Test func aFrameOverTheLimitIsNamedAndNotRetried() async throws {
        let calls = LockedBox(0)
        let frameBytes = LockedBox(0)
        let script: WebSocketScriptServer.Script = { peer in
            guard let call = try await peer.receiveCall() else { return }
            calls.withLock { $0 += 1 }
            try await peer.start(call.id)
            try await peer.chunk(call.id, 0)
            let huge = String(repeating: "x", count: 3 << 20)
            let frame =
                #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":\#(call.id),"content":"\#(huge)","chunk_index":1}}"#
            frameBytes.withLock { $0 = frame.utf8.count }
            try await peer.send(frame)
            while try await peer.receive() != nil {}
        }
        let reply = try await WebSocketScriptServer.with(script: script) { base, _ in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base))
            defer { Task { await transport.close() } }
            return await collect(transport.stream(ChatRequest(specialistID: "apollo", message: "hello")))
        }
        #expect(reply.text == ScriptedReply.words[0])
        #expect(calls.withLock { $0 } == 1)
        guard case .malformedResponse(_, let detail)? = reply.aishError else {
            Issue.record("expected malformedResponse, got \(String(describing: reply.error))")
            return
        }
        let bytes = frameBytes.withLock { $0 }
        #expect(
            detail
                == "the server sent a WebSocket message of \(bytes) bytes, over the 1048576 bytes the protocol allows")
    }

    @Test(arguments: ["ws", "sse", "v1", "v1-post"])
    func aMessageThatGrowsPast1MiBWhenEncodedIsRefusedAlikeOnEveryTransport(transport: String) async throws {
        // 600 KiB of quotes: 1.2 MiB once each is escaped, under 1 MiB as typed.
        let message = String(repeating: "\"", count: 600 * 1024)
        let request = ChatRequest(specialistID: "apollo", message: message)
        let expected = AishError.invalidArgument(
            name: "message", value: "\(2 + 2 * 600 * 1024 + 1024) bytes once encoded",
            hint: """
                a server accepts at most 1048576 bytes (1 MiB) per request, the message JSON-encoded with its \
                envelope (a quote, backslash or control character takes 2 to 6 bytes); shorten it
                """)
        #expect(throws: expected) { try request.validate() }
        let server = try await RawHTTPTestServer.start { _ in [.send(RawHTTP.response(body: "{}")), .close] }
        let client = try TektonClient(baseURL: server.baseURL)
        let chosen: any ChatTransport =
            switch transport {
            case "ws": WebSocketTransport(client: client)
            case "sse": V2SSETransport(client: client)
            case "v1": V1StreamTransport(client: client)
            default: V1PostTransport(client: client)
            }
        let reply = await collect(chosen.stream(request))
        try await server.shutdown()
        #expect(reply.aishError == expected, "\(transport)")
        #expect(reply.aishError?.exitCode == 64)
        #expect(server.requests.isEmpty, "nothing was sent")
    }
}
