import AishKit
import Testing

/// Text decoded before a bad event in the same network read is still yielded,
/// before the error (issue 12, item 3).
@Suite("Text before a bad event", .timeLimit(.minutes(1)))
struct TextBeforeABadEventTests {
    static let request = ChatRequest(specialistID: "apollo", message: "hello")

    @Test func sseKeepsTextReadTogetherWithInvalidJSON() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [
                .send(
                    V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 1)
                        + V2Script.event(2, "content", "not json")),
                .close,
            ]
        }
        let reply = try await withClient(of: server) { client throws in
            await collect(V2SSETransport(client: client, resumePolicy: .never).stream(Self.request))
        }
        #expect(reply.text == "w1é ")
        guard case .malformedResponse? = reply.aishError else {
            Issue.record("expected malformedResponse, got \(String(describing: reply.error))")
            return
        }
    }

    @Test func webSocketKeepsTextReadTogetherWithAnImpossibleChunkIndex() async throws {
        let script: WebSocketScriptServer.Script = { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.start(call.id)
            try await peer.send(
                #"[{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":\#(call.id),"content":"w0é ","chunk_index":0}},"#
                    + #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":\#(call.id),"content":"x","chunk_index":9007199254740991}}]"#
            )
            while try await peer.receive() != nil {}
        }
        let reply = try await WebSocketScriptServer.with(script: script) { base, _ in
            let transport = WebSocketTransport(
                client: try TektonClient(baseURL: base), options: .init(resumePolicy: .never))
            defer { Task { await transport.close() } }
            return await collect(transport.stream(Self.request))
        }
        #expect(reply.text == ScriptedReply.words[0])
        guard case .streamInterrupted? = reply.aishError else {
            Issue.record("expected streamInterrupted, got \(String(describing: reply.error))")
            return
        }
    }
}
