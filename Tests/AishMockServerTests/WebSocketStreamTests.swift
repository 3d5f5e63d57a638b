import Foundation
import Testing

@testable import AishMockServer

/// Replies over the mock's WebSocket: the same text as v2 SSE, streamed as
/// notifications tagged with their call, many calls at once, batches, cancellation.
@Suite(.timeLimit(.minutes(1))) struct WebSocketStreamTests {
    private func withMock(
        _ configuration: MockServerConfiguration = fastConfiguration(),
        _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger, body)
    }

    /// The reply's text, the reference: what v2 SSE streams for the same request
    /// (it comes from the same generation).
    private func referenceText(_ specialist: String, _ message: String, maxTokens: Int? = nil) throws -> String {
        Reply(specialist: try #require(Roster.specialist(specialist)), message: message, maxTokens: maxTokens).text
    }

    @Test func streamedTextEqualsTheSSEReply() async throws {
        try await withMock { base in
            let expected = try referenceText("apollo", "Explain the retry policy", maxTokens: 300)
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(
                    rpc(1, "chat", #"{"message":"Explain the retry policy","max_tokens":300,"stream":true}"#))
                let messages = try await socket.receive(untilResponseTo: 1)
                let start = try #require(messages.first)
                #expect(start["method"] as? String == "stream.start")
                #expect(start.params["request"] as? Int == 1)
                let requestID = try #require(start.params["request_id"] as? String)
                let chunks = messages.filter { $0["method"] as? String == "stream.chunk" }
                #expect(chunks.count == 300)
                #expect(chunks.map { $0.params["chunk_index"] as? Int } == (0..<300).map { $0 })
                #expect(chunks.allSatisfy { $0.params["request"] as? Int == 1 })
                #expect(chunks.compactMap { $0.params["content"] as? String }.joined() == expected)
                let complete = messages[messages.count - 2]
                #expect(complete["method"] as? String == "stream.complete")
                #expect(complete.params["total_chunks"] as? Int == 300)
                #expect(complete.params["tokens_used"] as? Int == 300)
                let result = try #require(messages.last?["result"] as? [String: Any])
                #expect(result["request_id"] as? String == requestID)
                #expect(result["total_chunks"] as? Int == 300)
                #expect(result["finish_reason"] as? String == "length")
                // PROTOCOL.md §7: the result carries the whole text and the token count.
                #expect(result["content"] as? String == expected)
                #expect(result["tokens_used"] as? Int == 300)
            }
        }
    }

    /// Chunks ready together go out as one batch frame (a reply generated faster than
    /// it is sent); paced, how many share a frame depends on the machine's timing,
    /// and every chunk arrives once and in order either way.
    @Test(arguments: [0.0, 400.0])
    func chunksReadyTogetherShareAFrame(tokensPerSecond: Double) async throws {
        try await withMock(fastConfiguration(tokensPerSecond: tokensPerSecond)) { base in
            let expected = try referenceText("apollo", "batch me", maxTokens: 2_000)
            let tokens = tokensPerSecond == 0 ? 2_000 : 40
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"batch me","max_tokens":\#(tokens)}"#))
                var frames: [Any] = []
                while true {
                    let value = try await socket.receiveJSON()
                    frames.append(value)
                    if let object = value as? [String: Any], object["id"] as? Int == 1 { break }
                }
                let batches = frames.compactMap { $0 as? [[String: Any]] }
                let chunks = frames.flatMap { ($0 as? [[String: Any]]) ?? [$0 as? [String: Any] ?? [:]] }
                    .filter { $0["method"] as? String == "stream.chunk" }
                #expect(chunks.map { $0.params["chunk_index"] as? Int } == (0..<tokens).map { $0 })
                let text = chunks.compactMap { $0.params["content"] as? String }.joined()
                if tokensPerSecond == 0 {
                    #expect(text == expected)
                    #expect(!batches.isEmpty, "2,000 chunks at full speed and no batch")
                    #expect(frames.count < tokens / 4, "\(frames.count) frames for \(tokens) chunks")
                    #expect(batches.allSatisfy { $0.allSatisfy(\.isNotification) })
                } else {
                    #expect(expected.hasPrefix(text) && !text.isEmpty)
                }
            }
        }
    }

    @Test func plainChatAnswersWithTheWholeContent() async throws {
        try await withMock { base in
            let expected = try referenceText("athena", "review this")
            try await withSocket(webSocketURL(base, "athena")) { socket in
                try await socket.send(rpc(1, "chat", #"{"message":"review this"}"#))
                let reply = try await socket.receiveObject()
                let result = try #require(reply["result"] as? [String: Any])
                #expect(result["content"] as? String == expected)
                #expect(result["finish_reason"] as? String == "stop")
                #expect((result["tokens_used"] as? Int ?? 0) > 10)
            }
        }
    }

    @Test func aHundredCallsInFlightOnOneSocket() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base, "metis")) { socket in
                for id in 1...100 {
                    try await socket.send(rpc(id, "stream", #"{"message":"question \#(id)","max_tokens":\#(20 + id)}"#))
                }
                var texts: [Int: String] = [:]
                var finished: Set<Int> = []
                while finished.count < 100 {
                    let message = try await socket.receiveObject()
                    if message["method"] as? String == "stream.chunk", let id = message.params["request"] as? Int {
                        texts[id, default: ""] += message.params["content"] as? String ?? ""
                    } else if message["method"] == nil, let id = message["id"] as? Int {
                        #expect(message["result"] != nil, "call \(id)")
                        finished.insert(id)
                    }
                }
                let metis = try #require(Roster.specialist("metis"))
                for id in 1...100 {
                    #expect(
                        texts[id] == Reply(specialist: metis, message: "question \(id)", maxTokens: 20 + id).text,
                        "call \(id)")
                }
            }
        }
    }

    @Test func cancelStopsTheCallWithMinus32800() async throws {
        let state = MockServerState(configuration: fastConfiguration(tokensPerSecond: 100, grace: 0))
        try await withMockServer(state: state, logger: testLogger) { base in
            try await withSocket(webSocketURL(base, "ergon")) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"go","max_tokens":100000}"#))
                var message = try await socket.receiveObject()
                while message["method"] as? String != "stream.chunk" { message = try await socket.receiveObject() }
                try await socket.send(rpc(2, "cancel", #"{"request":1}"#))
                var replies: [Int: [String: Any]] = [:]
                while replies.count < 2 {
                    let next = try await socket.receiveObject()
                    if next["method"] == nil, let id = next["id"] as? Int { replies[id] = next }
                }
                #expect(replies[2]?["result"] as? Bool == true)
                #expect(replies[1]?.errorCode == -32800)
                try await socket.send(rpc(3, "cancel", #"{"request":99}"#))
                #expect(try await socket.receiveObject()["result"] as? Bool == false)
                await state.streams.waitUntilNoActiveGenerations()
            }
        }
    }

    @Test func batchesGetOneArrayOfTheRepliesTheyOwe() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send("[\(rpc(1, "ping")),\(rpc(nil, "ping")),{\"foo\":1},\(rpc(4, "summon"))]")
                let replies = try #require(try await socket.receiveJSON() as? [[String: Any]])
                #expect(replies.count == 3)
                #expect(replies[0]["result"] as? String == "pong")
                #expect(replies[1].errorCode == -32600 && replies[1].hasNullID)
                #expect(replies[2].errorCode == -32601 && replies[2]["id"] as? Int == 4)

                try await socket.send("[1,2,3]")
                let invalid = try #require(try await socket.receiveJSON() as? [[String: Any]])
                #expect(invalid.count == 3 && invalid.allSatisfy { $0.errorCode == -32600 && $0.hasNullID })

                try await socket.send("[]")
                let empty = try await socket.receiveObject()
                #expect(empty.errorCode == -32600 && empty.hasNullID)

                try await socket.send("[\(rpc(nil, "ping")),\(rpc(nil, "ping"))]")
                try await socket.send(rpc(9, "ping"))
                #expect(try await socket.receiveObject()["id"] as? Int == 9)
            }
        }
    }

    @Test func aStreamingCallInABatchSendsItsNotificationsFirst() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send("[\(rpc(1, "stream", #"{"message":"hi","max_tokens":5}"#)),\(rpc(2, "ping"))]")
                var chunks = 0
                while true {
                    let value = try await socket.receiveJSON()
                    let messages = (value as? [[String: Any]]) ?? [(value as? [String: Any]) ?? [:]]
                    if messages.allSatisfy(\.isNotification) {
                        chunks += messages.filter { $0["method"] as? String == "stream.chunk" }.count
                        continue
                    }
                    #expect(messages.map { $0["id"] as? Int } == [1, 2])
                    break
                }
                #expect(chunks == 5)
            }
        }
    }

    @Test func recoverableErrorsBecomeStreamErrorNotifications() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base), headers: ["X-Aish-Fault": "error-at=3"]) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"hi","max_tokens":6}"#))
                let messages = try await socket.receive(untilResponseTo: 1)
                let methods = messages.compactMap { $0["method"] as? String }
                #expect(
                    methods == ["stream.start", "stream.chunk", "stream.chunk", "stream.error"]
                        + Array(repeating: "stream.chunk", count: 4) + ["stream.complete"])
                let notice = try #require(messages.first { $0["method"] as? String == "stream.error" })
                #expect(notice.params["code"] as? String == "UPSTREAM_SLOW")
                #expect(notice.params["after_chunk"] as? Int == 1)
                #expect(notice.params["recoverable"] as? Bool == true)
                #expect(messages.last?["result"] != nil)
            }
        }
    }
}
