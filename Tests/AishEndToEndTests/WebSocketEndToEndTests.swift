import AishMockServer
import Foundation
import Testing

/// The real binary over WebSocket JSON-RPC, the default transport of the shell and
/// of bulk runs when the server offers it (a one-shot chat goes by v2 SSE): the text
/// equals the v1 POST reference, even across dropped connections.
@Suite struct WebSocketEndToEndTests {
    @Test func webSocketGivesTheReferenceText() async throws {
        try await withFastMock { url in
            let expected = try await MockReference.reply(at: url, specialist: "apollo", message: "x")
            let result = try await AishProcess.run(["--url", url, "--transport", "ws", "apollo", "x", "--json"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(object["transport"] as? String == "ws")
            #expect(object["content"] as? String == expected)
            #expect((object["request_id"] as? String)?.hasPrefix("req_") == true)
            #expect(object["completed"] as? Bool == true)
            let plain = try await AishProcess.run(["--url", url, "--transport", "ws", "apollo", "x"])
            #expect(plain.status == 0)
            #expect(plain.output == expected)
            #expect(plain.errors.isEmpty)
        }
    }

    @Test(arguments: [2, 30])
    func aDroppedConnectionIsResumedWithIdenticalOutput(dropAfter: Int) async throws {
        try await withFastMock(faults: FaultPlan(dropAfterEvents: dropAfter)) { url in
            let expected = try await MockReference.reply(at: url, specialist: "athena", message: "survive the drop")
            let result = try await AishProcess.run(["--url", url, "--transport", "ws", "athena", "survive the drop"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == expected)
            #expect(result.errors.isEmpty)
        }
    }

    @Test func verboseNamesWebSocketWhenForced() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run([
                "--url", url, "-v", "--transport", "ws", "metis", "plan", "--max-tokens", "12",
            ])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.errors.contains("over WebSocket (forced by --transport)"))
            #expect(result.errors.contains("12 tokens"))
        }
    }

    @Test func anUnhealthySpecialistOverWebSocketIsUnavailable() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["--url", url, "--transport", "ws", "hermes", "hello"])
            #expect(result.status == 69)
            #expect(result.errors.contains("unavailable"))
        }
    }

    /// One message with no connection to reuse goes by v2 SSE (no WebSocket upgrade).
    @Test func aOneShotChatOnTheInProcessMockGoesByV2SSE() async throws {
        let result = try await AishProcess.run(["--mock", "apollo", "hello", "--json", "--max-tokens", "20"])
        #expect(result.status == 0, "stderr: \(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(object["transport"] as? String == "sse")
        #expect(object["tokens"] as? Int == 20)
    }
}
