import Foundation
import Testing

@testable import AishMockServer

/// The mock's JSON-RPC 2.0 endpoint over live sockets: every method, every error
/// code of PROTOCOL.md §7, and the JSON-RPC rules for ids, notifications and batches.
@Suite(.timeLimit(.minutes(1))) struct WebSocketRPCTests {
    private func withMock(
        _ configuration: MockServerConfiguration = fastConfiguration(),
        _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger, body)
    }

    @Test func pingAnswersPongVerbatim() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "ping"))
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
                try await socket.send(#"{"jsonrpc":"2.0","id":"a-string","method":"ping"}"#)
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":"a-string","result":"pong"}"#)
            }
        }
    }

    @Test func parseErrorsAnswerWithANullID() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(#"{"jsonrpc":"2.0","id":1,"method":"ping""#)
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32700)
                #expect(reply.hasNullID)
            }
        }
    }

    @Test(
        arguments: [
            (#"{"jsonrpc":"1.0","id":3,"method":"ping"}"#, 3),
            (#"{"id":4,"method":"ping"}"#, 4),
            (#"{"jsonrpc":"2.0","id":5,"method":7}"#, 5),
            (#"{"jsonrpc":"2.0","id":6,"method":"ping","params":"x"}"#, 6),
            (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, nil),
            (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, nil),
            (#"{"jsonrpc":"2.0","method":1,"params":"bar"}"#, nil),
            (#""just a string""#, nil),
        ] as [(String, Int?)])
    func invalidRequestsKeepTheirIDWhenItCanBeRead(message: String, id: Int?) async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(message)
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32600)
                if let id { #expect(reply["id"] as? Int == id) } else { #expect(reply.hasNullID) }
            }
        }
    }

    @Test func binaryFramesAreInvalidRequests() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.sendBinary(Array(rpc(1, "ping").utf8))
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32600)
                #expect(reply.hasNullID)
            }
        }
    }

    @Test func unknownMethodsAreNotFound() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(9, "summon"))
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32601)
                #expect(reply["id"] as? Int == 9)
                let data = try #require((reply["error"] as? [String: Any])?["data"] as? [String: Any])
                #expect((data["methods"] as? [String])?.contains("resume") == true)
            }
        }
    }

    @Test(arguments: [
        #"{}"#, #"{"message":""}"#, #"{"message":"hi","max_tokens":0}"#, #"{"message":"hi","temperature":3}"#,
        #"{"message":"hi","stream":"yes"}"#, #"["hi"]"#, #"{"message":42}"#,
    ])
    func badChatParamsAreInvalidParams(params: String) async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(2, "chat", params))
                let reply = try await socket.receiveObject()
                #expect(reply.errorCode == -32602, "\(params)")
                #expect(reply["id"] as? Int == 2)
            }
        }
    }

    @Test func unhealthySpecialistsAreUnavailable() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base, "hermes")) { socket in
                try await socket.send(rpc(1, "chat", #"{"message":"hi"}"#))
                #expect(try await socket.receiveObject().errorCode == -32001)
                try await socket.send(rpc(2, "ping"))
                #expect(try await socket.receiveObject()["result"] as? String == "pong")
            }
            try await withSocket(webSocketURL(base), headers: ["X-Aish-Fault": "unavailable"]) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"hi"}"#))
                #expect(try await socket.receiveObject().errorCode == -32001)
            }
        }
    }

    @Test func sessionContextAndAuthErrors() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base, "penia")) { socket in
                try await socket.send(rpc(1, "chat", #"{"message":"hi","session_id":"sess_gone"}"#))
                #expect(try await socket.receiveObject().errorCode == -32000)
                let huge = String(repeating: "word ", count: 14_000)  // ~17,500 tokens; penia holds 16,000
                try await socket.send(rpc(2, "chat", #"{"message":"\#(huge)"}"#))
                #expect(try await socket.receiveObject().errorCode == -32002)
                try await socket.send(rpc(3, "auth", #"{"token":""}"#))
                #expect(try await socket.receiveObject().errorCode == -32004)
                try await socket.send(rpc(4, "auth", #"{"token":"T"}"#))
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":4,"result":{"authenticated":true}}"#)
                try await socket.send(rpc(5, "auth"))
                #expect(try await socket.receiveObject().errorCode == -32602)
            }
        }
    }

    @Test func rateLimitedErrorsCarryRetryAfter() {
        let error = RPCError.rateLimited(retryAfter: 7)
        #expect(error.code == -32003)
        #expect(error.data?[member: "retry_after"] == .int(7))
    }

    @Test func fatalErrorsAnswerInternalError() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base), headers: ["X-Aish-Fault": "fatal-at=3"]) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"fail please"}"#))
                let messages = try await socket.receive(untilResponseTo: 1)
                let chunks = messages.filter { $0["method"] as? String == "stream.chunk" }
                #expect(chunks.count == 2)
                let reply = try #require(messages.last)
                #expect(reply.errorCode == -32603)
                let data = try #require((reply["error"] as? [String: Any])?["data"] as? [String: Any])
                #expect(data["code"] as? String == "UPSTREAM_FAILED")
            }
        }
    }

    @Test func notificationsGetNoReply() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(nil, "ping"))
                try await socket.send(rpc(nil, "summon"))
                try await socket.send(rpc(nil, "chat", #"{"message":"hi"}"#))
                try await socket.send(rpc(7, "ping"))
                // Messages are handled concurrently, so give the notifications a
                // second ping's worth of time before concluding nothing came back.
                try await socket.send(rpc(8, "ping"))
                let first = try await socket.receiveObject()
                let second = try await socket.receiveObject()
                #expect(Set([first["id"] as? Int, second["id"] as? Int]) == [7, 8])
                #expect(first["result"] as? String == "pong" && second["result"] as? String == "pong")
            }
        }
    }

    @Test func duplicateIDsInFlightAreRefused() async throws {
        try await withMock(fastConfiguration(tokensPerSecond: 50)) { base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "stream", #"{"message":"long","max_tokens":100000}"#))
                #expect(try await socket.receiveObject()["method"] as? String == "stream.start")
                try await socket.send(rpc(1, "ping"))
                var reply = try await socket.receiveObject()
                while reply["method"] != nil { reply = try await socket.receiveObject() }
                #expect(reply.errorCode == -32600)
                #expect(reply["id"] as? Int == 1)
            }
        }
    }

    @Test func subscribeSendsTheStatusAndUnsubscribeStopsIt() async throws {
        try await withMock { base in
            try await withSocket(webSocketURL(base, "hermes")) { socket in
                try await socket.send(rpc(1, "subscribe", #"{"events":["specialist.status"]}"#))
                #expect(
                    await socket.receive() == #"{"jsonrpc":"2.0","id":1,"result":{"subscribed":["specialist.status"]}}"#
                )
                let status = try await socket.receiveObject()
                #expect(status["method"] as? String == "specialist.status")
                #expect(status["id"] == nil)
                #expect(status.params["specialist_id"] as? String == "hermes")
                #expect(status.params["status"] as? String == "unavailable")
                try await socket.send(rpc(2, "unsubscribe", #"{"events":["specialist.status"]}"#))
                #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":2,"result":{"subscribed":[]}}"#)
                try await socket.send(rpc(3, "subscribe", #"{"events":["weather"]}"#))
                #expect(try await socket.receiveObject().errorCode == -32602)
            }
        }
    }

    @Test func unknownSpecialistsAreNotUpgraded() async throws {
        try await withMock { base in
            await #expect(throws: (any Error).self) {
                try await withSocket(webSocketURL(base, "nobody")) { _ in }
            }
            let plain = try await live(base + "/ws/ai/nobody")
            #expect(plain.status == 404)
            #expect(plain.body.contains("AI_NOT_FOUND"))
            let notAnUpgrade = try await live(base + "/ws/ai/apollo")
            #expect(notAnUpgrade.status == 426)
            #expect(notAnUpgrade.body.contains("UPGRADE_REQUIRED"))
        }
    }

    @Test func messagesOverOneMebibyteCloseTheConnectionWith1009() async throws {
        try await withMock { base in
            let close = try await closeFrame(ofSocket: webSocketURL(base)) { socket in
                let padding = String(repeating: "x", count: 1 << 20)
                try await socket.send(rpc(1, "chat", #"{"message":"\#(padding)"}"#))
                _ = await socket.receiveAll()
            }
            #expect(close?.closeCode == .messageTooLarge)
        }
    }
}
