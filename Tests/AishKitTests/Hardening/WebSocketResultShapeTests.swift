import AishKit
import Testing

/// A `chat` result aish cannot read is an error, never an empty success (issue 12, item 2).
@Suite("WebSocket result shape", .timeLimit(.minutes(1)))
struct WebSocketResultShapeTests {
    static let request = ChatRequest(specialistID: "apollo", message: "hello")

    private func reply(result: String, streamed: Bool) async throws -> CollectedReply {
        let script: WebSocketScriptServer.Script = { peer in
            guard let call = try await peer.receiveCall() else { return }
            if streamed {
                try await peer.start(call.id)
                try await peer.chunk(call.id, 0)
            }
            try await peer.send(#"{"jsonrpc":"2.0","id":\#(call.id),"result":\#(result)}"#)
            while try await peer.receive() != nil {}
        }
        return try await WebSocketScriptServer.with(script: script) { base, _ in
            let transport = WebSocketTransport(
                client: try TektonClient(baseURL: base), options: .init(resumePolicy: .never))
            defer { Task { await transport.close() } }
            return await collect(transport.stream(Self.request))
        }
    }

    @Test(arguments: [
        ("5", "the chat result is a number, not an object"),
        ("null", "the chat result is null, not an object"),
        (#""done""#, "the chat result is a string, not an object"),
        ("[1]", "the chat result is an array, not an object"),
        (#"{"content":12345}"#, #"the chat result's "content" is a number, not a string"#),
        (
            #"{"content":"hi","finish_reason":{"a":1}}"#,
            #"the chat result's "finish_reason" is an object, not a string"#
        ),
        (
            #"{"content":"hi","tokens_used":"many"}"#,
            #"the chat result's "tokens_used" is not a whole number of tokens"#
        ),
        (#"{"content":"hi","tokens_used":-3}"#, #"the chat result's "tokens_used" is not a whole number of tokens"#),
    ])
    func aMalformedResultIsAnError(_ result: String, _ detail: String) async throws {
        for streamed in [false, true] {
            let reply = try await reply(result: result, streamed: streamed)
            guard case .malformedResponse(_, let said)? = reply.aishError else {
                Issue.record("\(result): expected malformedResponse, got \(String(describing: reply.error))")
                continue
            }
            #expect(said == detail)
            #expect(reply.aishError?.exitCode == 65)
            #expect(reply.text == (streamed ? ScriptedReply.words[0] : ""))
        }
    }

    @Test(arguments: [
        #"{"content":"w0é ","tokens_used":1,"total_chunks":1,"finish_reason":"stop"}"#,
        #"{"total_chunks":1,"finish_reason":null}"#,
    ])
    func aWellFormedResultEndsTheReply(_ result: String) async throws {
        let reply = try await reply(result: result, streamed: true)
        #expect(reply.error == nil)
        #expect(reply.text == ScriptedReply.words[0])
    }
}
