import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

/// The mock's OpenAI-compatible API through its router: the stream as real servers
/// send it, whole replies, and every error in OpenAI's shape.
@Suite(.timeLimit(.minutes(1))) struct OpenAIRoutesTests {
    static let completions = "/v1/chat/completions"

    static func body(model: String = "mock-coder", message: String = "hello", extra: String = "") -> ByteBuffer {
        jsonBody(#"{"model":"\#(model)","messages":[{"role":"user","content":"\#(message)"}]\#(extra)}"#)
    }

    /// The reply of the mock's model `model` to `message`.
    private func expected(_ model: String, _ message: String, maxTokens: Int? = nil) throws -> String {
        Reply(specialist: try #require(OpenAIMockModels.specialist(for: model)), message: message, maxTokens: maxTokens)
            .text
    }

    /// The JSON of each `data:` event, `[DONE]` as `["done": true]`.
    private func chunks(_ body: String) -> [[String: Any]] {
        dataEvents(body).map { $0.data == "[DONE]" ? ["done": true] : $0.json }
    }

    private func choice(_ chunk: [String: Any]) -> [String: Any]? {
        (chunk["choices"] as? [[String: Any]])?.first
    }

    private func errorObject(_ response: TestResponse) -> [String: Any]? {
        let json = try? JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any]
        return json?["error"] as? [String: Any]
    }

    @Test func modelsAreListed() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/v1/models", method: .get)
            #expect(response.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any])
            #expect(json["object"] as? String == "list")
            let ids = (json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == ["mock-llama", "mock-coder"])
        }
    }

    @Test func aStreamHasARoleDeltaTokensAFinishChunkUsageAndDone() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post,
                body: Self.body(extra: #","stream":true,"stream_options":{"include_usage":true}"#))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let events = chunks(text(response))
            let first = try #require(events.first)
            #expect((choice(first)?["delta"] as? [String: Any])?.keys.sorted() == ["role"])
            #expect((first["id"] as? String)?.hasPrefix("chatcmpl-") == true)
            #expect(first["object"] as? String == "chat.completion.chunk")
            #expect(first["model"] as? String == "mock-coder")
            #expect(events.last?["done"] as? Bool == true)
            let usage = try #require(events[events.count - 2]["usage"] as? [String: Any])
            #expect((events[events.count - 2]["choices"] as? [Any])?.isEmpty == true)
            let finish = try #require(choice(events[events.count - 3]))
            #expect(finish["finish_reason"] as? String == "stop")
            let tokens = events.dropFirst().compactMap {
                (choice($0)?["delta"] as? [String: Any])?["content"] as? String
            }
            #expect(tokens.joined() == (try expected("mock-coder", "hello")))
            #expect(usage["completion_tokens"] as? Int == tokens.count)
            #expect(usage["prompt_tokens"] as? Int == 1)
            #expect(usage["total_tokens"] as? Int == tokens.count + 1)
        }
    }

    @Test func withoutIncludeUsageThereIsNoUsageChunk() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(model: "mock-llama", extra: #","stream":true"#))
            let events = chunks(text(response))
            #expect(events.allSatisfy { $0["usage"] == nil })
            #expect(choice(events[events.count - 2])?["finish_reason"] as? String == "stop")
        }
    }

    @Test func maxTokensCutsTheReplyWithFinishReasonLength() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(extra: #","stream":true,"max_tokens":7"#))
            let events = chunks(text(response))
            let contents = events.compactMap { (choice($0)?["delta"] as? [String: Any])?["content"] as? String }
            #expect(contents.count == 7)
            #expect(choice(events[events.count - 2])?["finish_reason"] as? String == "length")
        }
    }

    @Test func aWholeReplyHasTheSameTextAndItsUsage() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(message: "explain caching"))
            #expect(response.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any])
            #expect(json["object"] as? String == "chat.completion")
            let first = try #require(choice(json))
            #expect(
                (first["message"] as? [String: Any])?["content"] as? String
                    == (try expected("mock-coder", "explain caching")))
            #expect((first["message"] as? [String: Any])?["role"] as? String == "assistant")
            #expect(first["finish_reason"] as? String == "stop")
            #expect((json["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 2)
        }
    }

    /// `[think]` makes the model a reasoning one: its thinking streams first as
    /// `reasoning_content` deltas (uncounted in the usage, as the reply's own tokens
    /// are), and a whole reply carries it beside the text; without it there is none.
    @Test func thinkInTheMessageGivesReasoningBeforeTheReply() async throws {
        try await withRouter { client in
            let message = "[think] why"
            let specialist = try #require(OpenAIMockModels.specialist(for: "mock-coder"))
            let thinking = ReplyComposer.thinking(of: specialist, about: message)
            #expect(thinking.contains("The question: think why."))
            let response = try await client.execute(
                uri: Self.completions, method: .post,
                body: Self.body(message: message, extra: #","stream":true,"stream_options":{"include_usage":true}"#))
            let deltas = chunks(text(response)).compactMap { choice($0)?["delta"] as? [String: Any] }
            let kinds = deltas.compactMap { $0["reasoning_content"] != nil ? "r" : $0["content"] != nil ? "c" : nil }
            #expect(kinds.joined().firstMatch(of: /^r+c+$/) != nil)
            #expect(deltas.compactMap { $0["reasoning_content"] as? String }.joined() == thinking)
            let contents = deltas.compactMap { $0["content"] as? String }
            #expect(contents.joined() == (try expected("mock-coder", message)))
            let whole = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(message: message))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text(whole).utf8)) as? [String: Any])
            let reply = try #require(choice(json)?["message"] as? [String: Any])
            #expect(reply["reasoning_content"] as? String == thinking)
            #expect(reply["content"] as? String == (try expected("mock-coder", message)))
            #expect((json["usage"] as? [String: Any])?["completion_tokens"] as? Int == contents.count)
            let plain = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(message: "why", extra: #","stream":true"#))
            #expect(!text(plain).contains("reasoning"))
        }
    }

    /// `[think-inline]` makes it a reasoning model served without a reasoning parser:
    /// the thinking comes in the text, `<think>\n…\n</think>\n\n` before the answer,
    /// streamed and whole, and never as `reasoning_content`.
    @Test func thinkInlineWritesTheThinkingIntoTheText() async throws {
        try await withRouter { client in
            let message = "[think-inline] why"
            let specialist = try #require(OpenAIMockModels.specialist(for: "mock-coder"))
            let thinking = ReplyComposer.thinking(of: specialist, about: message)
            let reply = Reply(specialist: specialist, message: message, maxTokens: nil)
            let sent = "<think>\n" + thinking + "\n</think>\n\n" + reply.answer
            #expect(reply.text == sent)
            let response = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(message: message, extra: #","stream":true"#))
            let deltas = chunks(text(response)).compactMap { choice($0)?["delta"] as? [String: Any] }
            #expect(deltas.allSatisfy { $0["reasoning_content"] == nil })
            let contents = deltas.compactMap { $0["content"] as? String }
            #expect(contents.first == "<think>\n")
            #expect(contents.contains("\n</think>\n\n"))
            #expect(contents.joined() == sent)
            let completion = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(message: message))
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(text(completion).utf8)) as? [String: Any])
            let whole = try #require(choice(json)?["message"] as? [String: Any])
            #expect(whole["reasoning_content"] == nil)
            #expect(whole["content"] as? String == sent)
        }
    }

    @Test func theReplyAnswersTheLastUserMessage() async throws {
        try await withRouter { client in
            let messages =
                #"[{"role":"system","content":"be brief"},{"role":"user","content":"first"},"#
                + #"{"role":"assistant","content":"ok"},{"role":"user","content":"second"}]"#
            let response = try await client.execute(
                uri: Self.completions, method: .post, body: jsonBody(#"{"model":"mock-llama","messages":\#(messages)}"#)
            )
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any])
            let message = try #require(choice(json)?["message"] as? [String: Any])
            // The reply echoes what came with the message, so a client's test sees what it sent.
            #expect(
                message["content"] as? String
                    == (try expected("mock-llama", "(system: be brief; 2 earlier messages) second")))
            #expect((json["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 5)
        }
    }

    @Test(arguments: [
        ("{not json", nil as String?), (#"{"messages":[{"role":"user","content":"x"}]}"#, "model"),
        (#"{"model":"mock-coder","messages":[]}"#, "messages"),
        (#"{"model":"mock-coder","messages":[{"role":"wizard","content":"x"}]}"#, "messages.role"),
        (#"{"model":"mock-coder","messages":[{"role":"user","content":"x"}],"temperature":3}"#, "temperature"),
        (#"{"model":"mock-coder","messages":[{"role":"user","content":"x"}],"max_tokens":0}"#, "max_tokens"),
    ])
    func badRequestsAnswer400InOpenAIsShape(body: String, param: String?) async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: Self.completions, method: .post, body: jsonBody(body))
            #expect(response.status == .badRequest)
            let error = try #require(errorObject(response))
            #expect(error["type"] as? String == "invalid_request_error")
            #expect(error["param"] as? String == param)
            #expect((error["message"] as? String)?.isEmpty == false)
        }
    }

    @Test func anUnknownModelIs404() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post, body: Self.body(model: "gpt-9"))
            #expect(response.status == .notFound)
            #expect(errorObject(response)?["code"] as? String == "model_not_found")
            #expect((errorObject(response)?["message"] as? String)?.contains("gpt-9") == true)
        }
    }

    @Test func withTokensBothRoutesNeedTheKeyAndNeverRepeatIt() async throws {
        var configuration = fastConfiguration()
        configuration.tokens = ["sk-mock"]
        try await withRouter(configuration) { client in
            for (uri, method) in [("/v1/models", HTTPRequest.Method.get), (Self.completions, .post)] {
                let missing = try await client.execute(uri: uri, method: method, body: Self.body())
                #expect(missing.status == .unauthorized)
                #expect(errorObject(missing)?["code"] as? String == "invalid_api_key")
                let wrong = try await client.execute(
                    uri: uri, method: method, headers: [.authorization: "Bearer sk-guess"], body: Self.body())
                #expect(wrong.status == .unauthorized)
                #expect(!text(wrong).contains("sk-guess"))
                let right = try await client.execute(
                    uri: uri, method: method, headers: [.authorization: "Bearer sk-mock"], body: Self.body())
                #expect(right.status == .ok)
            }
        }
    }

    @Test func theRateLimitFaultAnswers429WithRetryAfterThenServes() async throws {
        try await withRouter { client in
            let refused = try await client.execute(
                uri: Self.completions, method: .post, headers: faultHeaders("rate-limited=1"), body: Self.body())
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(errorObject(refused)?["code"] as? String == "rate_limit_exceeded")
            let served = try await client.execute(
                uri: Self.completions, method: .post, headers: faultHeaders("rate-limited=1"), body: Self.body())
            #expect(served.status == .ok)
        }
    }

    @Test func theRequestRateLimitAnswers429InOpenAIsShape() async throws {
        var configuration = fastConfiguration()
        configuration.limits.requestRate = RequestRate(count: 1, seconds: 60)
        try await withRouter(configuration) { client in
            #expect(try await client.execute(uri: "/v1/models", method: .get).status == .ok)
            let refused = try await client.execute(uri: "/v1/models", method: .get)
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(errorObject(refused)?["type"] as? String == "requests")
        }
    }

    @Test(arguments: [
        ("unavailable", false, HTTPResponse.Status.serviceUnavailable, "model_overloaded"),
        ("fatal-at=1", true, .internalServerError, "upstream_failed"),
        ("fatal-at=5", false, .internalServerError, "upstream_failed"),
    ])
    func faultsFailTheRequestWithAStatus(fault: String, stream: Bool, status: HTTPResponse.Status, code: String)
        async throws
    {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post, headers: faultHeaders(fault),
                body: Self.body(extra: stream ? #","stream":true"# : ""))
            #expect(response.status == status)
            #expect(errorObject(response)?["code"] as? String == code)
        }
    }

    @Test func aLaterFatalFaultEndsTheStreamInAnErrorEventWithoutDone() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.completions, method: .post, headers: faultHeaders("fatal-at=4"),
                body: Self.body(extra: #","stream":true"#))
            #expect(response.status == .ok)
            let events = chunks(text(response))
            #expect(events.count == 5)
            #expect((events.last?["error"] as? [String: Any])?["code"] as? String == "upstream_failed")
            #expect(events.allSatisfy { $0["done"] == nil })
        }
    }

    @Test func aStreamOverTheClientsLimitIs429AndTheSlotIsGivenBack() async throws {
        var configuration = fastConfiguration(firstTokenLatency: 30)
        configuration.limits = MockLimits(maxConcurrentStreams: 1)
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger) { base in
            let body = #"{"model":"mock-coder","messages":[{"role":"user","content":"x"}],"stream":true}"#
            var holding = HTTPClientRequest(url: base + Self.completions)
            holding.method = .POST
            holding.body = .bytes(ByteBuffer(string: body))
            let held = try await HTTPClient.shared.execute(holding, timeout: .seconds(30))
            var reads = held.body.makeAsyncIterator()
            let roleChunk = try await reads.next().map { String(buffer: $0) }
            #expect(roleChunk?.contains(#""role":"assistant""#) == true)
            let refused = try await live(base + Self.completions, method: .POST, body: body)
            #expect(refused.status == 429)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.body.contains("too_many_streams"))
        }
        configuration.firstTokenLatency = 0
        try await withMockServer(state: MockServerState(configuration: configuration), logger: testLogger) { base in
            let body = #"{"model":"mock-coder","messages":[{"role":"user","content":"x"}],"stream":true}"#
            for _ in 0..<2 {
                let done = try await live(base + Self.completions, method: .POST, body: body)
                #expect(done.status == 200)
                #expect(done.body.hasSuffix("data: [DONE]\n\n"))
            }
        }
    }
}
