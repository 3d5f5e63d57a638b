import AishKit
import Foundation
import Testing

/// The WebSocket transport against scripted servers that stream, go silent,
/// refuse to resume and misbehave.
@Suite("WebSocketTransport", .timeLimit(.minutes(1)))
struct WebSocketTransportTests {
    static let request = ChatRequest(
        specialistID: "apollo", message: "hello", sessionID: "sess_1", temperature: 0.5, maxTokens: 200)
    static let quick = WebSocketTransport.Options(resumePolicy: ResumePolicy(maxAttempts: 5, initialDelay: .zero))

    /// Answers every `chat` with the whole scripted reply.
    static let wholeReply: WebSocketScriptServer.Script = { peer in
        while let call = try await peer.receiveCall() {
            try await peer.start(call.id)
            try await peer.chunks(call.id, 0...9)
        }
    }

    private func reply(
        _ script: @escaping WebSocketScriptServer.Script,
        options: WebSocketTransport.Options = quick,
        requests: Int = 1
    ) async throws -> ([CollectedReply], Int) {
        try await WebSocketScriptServer.with(script: script) { base, connections in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: options)
            var replies: [CollectedReply] = []
            for _ in 0..<requests { replies.append(await collect(transport.stream(Self.request))) }
            await transport.close()
            return (replies, connections.value)
        }
    }

    @Test func sendsAStreamingChatAndYieldsTheReply() async throws {
        let sent = SharedValue<[String: Any]?>(nil)
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            sent.withLock { $0 = ["method": call.method, "params": call.params] }
            try await peer.start(call.id, requestID: "req_7")
            try await peer.chunks(call.id, 0...9)
            _ = try await peer.receive()
        }
        let reply = try #require(replies.first)
        #expect(reply.error == nil)
        #expect(reply.text == ScriptedReply.text)
        #expect(reply.tokens == 10)
        #expect(reply.events.first == .started(requestID: "req_7", transport: .websocket))
        #expect(reply.events.last == .done(tokensUsed: 10, finishReason: "stop"))
        let call = try #require(sent.withLock { $0 })
        #expect(call["method"] as? String == "chat")
        let params = try #require(call["params"] as? [String: Any])
        #expect(params["message"] as? String == "hello")
        #expect(params["stream"] as? Bool == true)
        #expect(params["session_id"] as? String == "sess_1")
        #expect(params["temperature"] as? Double == 0.5)
        #expect(params["max_tokens"] as? Int == 200)
    }

    @Test func oneConnectionServesEveryRequest() async throws {
        let (replies, connections) = try await reply(Self.wholeReply, requests: 3)
        #expect(replies.map(\.text) == Array(repeating: ScriptedReply.text, count: 3))
        #expect(connections == 1)
    }

    @Test func resumesAfterTheConnectionDropsWithNothingLostOrRepeated() async throws {
        let resumeParams = SharedValue<[String: Any]>([:])
        let (replies, connections) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            if peer.number == 1 {
                try await peer.start(call.id)
                try await peer.chunks(call.id, 0...3)
                return  // the server closes the socket mid-reply
            }
            resumeParams.withLock { $0 = call.params.merging(["method": call.method]) { $1 } }
            try await peer.start(call.id)
            try await peer.chunks(call.id, 2...9)  // replays two chunks the client already has
            _ = try await peer.receive()
        }
        let reply = try #require(replies.first)
        #expect(reply.error == nil)
        #expect(reply.text == ScriptedReply.text)
        #expect(reply.tokens == 10)
        #expect(connections == 2)
        let params = resumeParams.withLock { $0 }
        #expect(params["method"] as? String == "resume")
        #expect(params["request"] as? String == "req_1")
        #expect(params["after_chunk"] as? Int == 3)
    }

    @Test func aDeadPeerIsDetectedByPingAndTheReplyResumes() async throws {
        let silence = Gate()
        // The live socket must answer each ping within the interval too: 1 s leaves a
        // loaded machine room (300 ms did not, once in a while), at 2 s of test time.
        let options = WebSocketTransport.Options(resumePolicy: Self.quick.resumePolicy, pingInterval: .seconds(1))
        let (replies, _) = try await reply(
            { peer in
                guard let call = try await peer.receiveCall() else { return }
                if peer.number == 1 {
                    try await peer.start(call.id)
                    try await peer.chunks(call.id, 0...4)
                    await silence.wait()  // alive but answering nothing, not even pings
                    return
                }
                // On a loaded machine the first socket may die before its chunks; then the client asks again.
                let first = call.method == "resume" ? (call.params["after_chunk"] as? Int ?? -1) + 1 : 0
                if call.method == "chat" { try await peer.start(call.id) }
                try await peer.chunks(call.id, first...9)
                silence.open()
                _ = try await peer.receive()
            }, options: options)
        #expect(replies.first?.error == nil)
        #expect(replies.first?.text == ScriptedReply.text)
    }

    /// A server that answers pings but stops sending the reply: the silence bound
    /// ends the call with what came, named in the error. The bound is watched once
    /// per call (not with a timer per message); the first-answer bound (an hour)
    /// must not hold it up once the reply has begun (the suite's limit is a minute).
    @Test func aReplyThatGoesSilentEndsAtTheSilenceBound() async throws {
        let options = WebSocketTransport.Options(
            resumePolicy: Self.quick.resumePolicy,
            timeouts: Timeouts(firstAnswer: .seconds(3_600), silence: .milliseconds(300)))
        let (replies, _) = try await reply(
            { peer in
                guard let call = try await peer.receiveCall() else { return }
                // The start and five chunks in one batch frame, then nothing.
                let messages =
                    [
                        #"{"jsonrpc":"2.0","method":"stream.start","params":{"request":\#(call.id),"request_id":"req_1"}}"#
                    ]
                    + (0...4).map { index in
                        #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":\#(call.id),"content":"\#(ScriptedReply.words[index])","chunk_index":\#(index)}}"#
                    }
                try await peer.send("[" + messages.joined(separator: ",") + "]")
                _ = try await peer.receive()  // the client's cancel; nothing more is sent
            }, options: options)
        let reply = try #require(replies.first)
        #expect(reply.text == ScriptedReply.words[0...4].joined())
        guard case .streamInterrupted(_, let reason)? = reply.aishError else {
            Issue.record("unexpected \(String(describing: reply.error))")
            return
        }
        #expect(reason.contains("the server sent nothing more"), "\(reason)")
    }

    @Test func aCallThatGotNothingIsSentAgain() async throws {
        let (replies, connections) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            if peer.number == 1 { return }  // gone before answering anything
            #expect(call.method == "chat")
            try await peer.start(call.id)
            try await peer.chunks(call.id, 0...9)
            _ = try await peer.receive()
        }
        #expect(replies.first?.error == nil)
        #expect(replies.first?.text == ScriptedReply.text)
        #expect(connections == 2)
    }

    @Test func aReplyWithoutARequestIDCannotResume() async throws {
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.chunks(call.id, 0...2)
        }
        let reply = try #require(replies.first)
        #expect(reply.text == ScriptedReply.words[0...2].joined())
        guard case .streamInterrupted(let id, let reason)? = reply.aishError else {
            Issue.record("expected streamInterrupted, got \(String(describing: reply.error))")
            return
        }
        #expect(id == "apollo")
        #expect(reason.contains("no request id"))
    }

    @Test func aRefusedResumeKeepsThePartialText() async throws {
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            if peer.number == 1 {
                try await peer.start(call.id)
                try await peer.chunks(call.id, 0...1)
                return
            }
            try await peer.send(
                #"{"jsonrpc":"2.0","id":\#(call.id),"error":{"code":-32602,"message":"No stream 'req_1'; it may have expired."}}"#
            )
            _ = try await peer.receive()
        }
        let reply = try #require(replies.first)
        #expect(reply.text == ScriptedReply.words[0...1].joined())
        guard case .streamInterrupted(_, let reason)? = reply.aishError else {
            Issue.record("expected streamInterrupted, got \(String(describing: reply.error))")
            return
        }
        #expect(reason.contains("cannot resume"))
    }

    @Test func giveUpAfterThePolicysAttempts() async throws {
        let options = WebSocketTransport.Options(resumePolicy: ResumePolicy(maxAttempts: 2, initialDelay: .zero))
        let (replies, connections) = try await reply(
            { peer in
                guard let call = try await peer.receiveCall() else { return }
                try await peer.start(call.id)
                if peer.number == 1 { try await peer.chunk(call.id, 0) }
            }, options: options)
        #expect(replies.first?.text == ScriptedReply.words[0])
        guard case .streamInterrupted(_, let reason)? = replies.first?.aishError else {
            Issue.record("expected streamInterrupted")
            return
        }
        #expect(reason.contains("gave up after 2 reconnections"))
        #expect(connections == 3)
    }

    @Test func aGapInTheChunksIsAnError() async throws {
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.start(call.id)
            try await peer.chunk(call.id, 0)
            try await peer.chunk(call.id, 2)
            _ = try await peer.receive()
        }
        guard case .streamInterrupted(_, let reason)? = replies.first?.aishError else {
            Issue.record("expected streamInterrupted")
            return
        }
        #expect(reason.contains("chunks 1 to 1 never arrived"))
    }

    @Test(arguments: [
        (-32001, AishError.specialistUnavailable(id: "apollo", detail: "down")),
        (-32000, AishError.sessionExpired(id: "apollo", detail: "down")),
        (-32603, AishError.specialistFailed(id: "apollo", code: "INTERNAL_ERROR", message: "down")),
    ])
    func errorsMapThroughTheTable(code: Int, expected: AishError) async throws {
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.send(#"{"jsonrpc":"2.0","id":\#(call.id),"error":{"code":\#(code),"message":"down"}}"#)
            _ = try await peer.receive()
        }
        #expect(replies.first?.aishError == expected)
    }

    @Test(arguments: [-32004, -32003])
    func unauthorizedAndRateLimitedCallsHaveTheirOwnErrors(code: Int) async throws {
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.send(
                #"{"jsonrpc":"2.0","id":\#(call.id),"error":{"code":\#(code),"message":"no","data":{"retry_after":4}}}"#
            )
            _ = try await peer.receive()
        }
        switch (code, replies.first?.aishError) {
        case (-32004, .unauthorized(_, hasToken: false)?), (-32003, .rateLimited(_, retryAfter: 4, attempts: _)?):
            break
        default:
            Issue.record("code \(code) gave \(String(describing: replies.first?.aishError))")
        }
    }

    @Test func junkAndServerCallsDoNotDisturbTheReply() async throws {
        let answer = SharedValue<[String: Any]?>(nil)
        let (replies, _) = try await reply { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.send(#"{"jsonrpc":"2.0","id":"srv-1","method":"whoami"}"#)
            answer.withLock { $0 = nil }
            let reply = try await peer.receive()
            answer.withLock { $0 = reply }
            try await peer.send("not json at all")
            try await peer.send(
                #"{"jsonrpc":"2.0","method":"specialist.status","params":{"specialist_id":"apollo","status":"available"}}"#
            )
            try await peer.send(
                #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":999,"content":"x","chunk_index":0}}"#)
            try await peer.send(
                #"[{"jsonrpc":"2.0","method":"stream.start","params":{"request":\#(call.id),"request_id":"req_1"}}]"#)
            try await peer.chunks(call.id, 0...9)
            _ = try await peer.receive()
        }
        #expect(replies.first?.error == nil)
        #expect(replies.first?.text == ScriptedReply.text)
        let reply = try #require(answer.withLock { $0 })
        #expect(reply["id"] as? String == "srv-1")
        #expect((reply["error"] as? [String: Any])?["code"] as? Int == -32601)
    }

    /// A batch frame (PROTOCOL.md §7) carrying two calls' chunks interleaved, and
    /// both calls' ends: each reply gets its own chunks, in order, whole.
    @Test func aBatchOfChunksForTwoCallsReachesEach() async throws {
        let script: WebSocketScriptServer.Script = { peer in
            guard let first = try await peer.receiveCall(), let second = try await peer.receiveCall() else { return }
            try await peer.start(first.id, requestID: "req_a")
            try await peer.start(second.id, requestID: "req_b")
            var messages: [String] = []
            for index in ScriptedReply.words.indices {
                for id in [first.id, second.id] {
                    messages.append(
                        #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":\#(id),"content":"\#(ScriptedReply.words[index])","chunk_index":\#(index)}}"#
                    )
                }
            }
            for id in [first.id, second.id] {
                messages.append(
                    #"{"jsonrpc":"2.0","id":\#(id),"result":{"tokens_used":10,"total_chunks":10,"finish_reason":"stop"}}"#
                )
            }
            try await peer.send("[" + messages.joined(separator: ",") + "]")
            _ = try await peer.receive()
        }
        let replies = try await WebSocketScriptServer.with(script: script) { base, _ in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            async let one = collect(transport.stream(Self.request))
            async let two = collect(transport.stream(Self.request))
            let replies = await [one, two]
            await transport.close()
            return replies
        }
        for reply in replies {
            #expect(reply.error == nil)
            #expect(reply.text == ScriptedReply.text)
            #expect(reply.tokens == 10)
        }
    }

    @Test func cancellingTheReaderSendsCancelAndStopsAtOnce() async throws {
        let cancelled = Gate()
        let cancelParams = SharedValue<[String: Any]?>(nil)
        let script: WebSocketScriptServer.Script = { peer in
            guard let call = try await peer.receiveCall() else { return }
            try await peer.start(call.id)
            try await peer.chunk(call.id, 0)
            while let message = try await peer.receive() {
                if message["method"] as? String == "cancel" {
                    cancelParams.withLock { $0 = message["params"] as? [String: Any] }
                    cancelled.open()
                }
            }
        }
        try await WebSocketScriptServer.with(script: script) { base, _ in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let reader = Task {
                var texts = 0
                for try await event in transport.stream(Self.request) {
                    if case .text = event {
                        texts += 1
                        withUnsafeCurrentTask { $0?.cancel() }
                    }
                }
                return texts
            }
            await cancelled.wait()
            #expect(try await reader.value == 1)
            #expect(cancelParams.withLock { $0 }?["request"] as? Int == 1)
            await transport.close()
        }
    }

    @Test func aRefusedUpgradeSaysSo() async throws {
        let nothing: WebSocketScriptServer.Script = { _ in }
        try await WebSocketScriptServer.with(script: nothing) { base, _ in
            let transport = WebSocketTransport(
                client: try TektonClient(baseURL: base + "/elsewhere"), options: Self.quick)
            let reply = await collect(transport.stream(Self.request))
            #expect(
                reply.aishError
                    == .webSocketRefused(
                        url: base.replacingOccurrences(of: "http://", with: "ws://") + "/elsewhere/ws/ai/apollo"))
            #expect(reply.aishError?.exitCode == 69)
        }
    }

    @Test func reconnectionWaitsAreJitteredExponentialBackoff() {
        let policy = ResumePolicy(maxAttempts: 6, initialDelay: .milliseconds(100), maxDelay: .seconds(2))
        for attempt in 1...6 {
            let full = policy.delay(beforeAttempt: attempt)
            for _ in 0..<50 {
                let wait = policy.jitteredDelay(beforeAttempt: attempt)
                #expect(wait >= full / 2 && wait <= full, "attempt \(attempt)")
            }
        }
        #expect(policy.delay(beforeAttempt: 3) == .milliseconds(400))
        #expect(policy.delay(beforeAttempt: 6) == .seconds(2))
    }

    @Test func anUnreachableServerSaysSo() async throws {
        let transport = WebSocketTransport(client: try TektonClient(baseURL: "http://127.0.0.1:9"), options: Self.quick)
        let reply = await collect(transport.stream(Self.request))
        guard case .serverUnreachable(let url, _)? = reply.aishError else {
            Issue.record("expected serverUnreachable, got \(String(describing: reply.error))")
            return
        }
        #expect(url == "http://127.0.0.1:9")
    }

    @Test func anOversizedMessageIsRefusedBeforeSending() async throws {
        let (replies, _) = try await WebSocketScriptServer.with(script: Self.wholeReply) { base, connections in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let huge = ChatRequest(specialistID: "apollo", message: String(repeating: "x", count: 1 << 20))
            let reply = await collect(transport.stream(huge))
            await transport.close()
            return ([reply], connections.value)
        }
        guard case .invalidArgument(let name, _, _)? = replies.first?.aishError else {
            Issue.record("expected invalidArgument")
            return
        }
        #expect(name == "message")
    }
}
