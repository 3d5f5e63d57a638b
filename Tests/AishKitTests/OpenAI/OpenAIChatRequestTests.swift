import Foundation
import Testing

@testable import AishKit

/// The chat-completions request body: roles, earlier turns, options, JSON.
@Suite struct OpenAIChatRequestTests {
    private func json(_ request: OpenAIChatRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.jsonBytes()) as? [String: Any])
    }

    @Test func aChatBecomesSystemThenHistoryThenTheNewMessage() throws {
        let history = [
            OpenAIChatMessage(role: .user, content: "first"), OpenAIChatMessage(role: .assistant, content: "reply"),
        ]
        let request = OpenAIChatRequest(
            model: "llama3.1",
            chat: ChatRequest(
                specialistID: "local/llama3.1", message: "second", temperature: 0.2,
                maxTokens: 64),
            system: "Be brief.", history: history)
        #expect(request.messages.map(\.role) == [.system, .user, .assistant, .user])
        #expect(request.messages.map(\.content) == ["Be brief.", "first", "reply", "second"])
        let body = try json(request)
        #expect(body["model"] as? String == "llama3.1")
        #expect(body["stream"] as? Bool == true)
        #expect(body["max_tokens"] as? Int == 64)
        #expect(body["temperature"] as? Double == 0.2)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.first == ["role": "system", "content": "Be brief."])
    }

    /// The body is written by hand; it is what `JSONEncoder` (sorted keys, slashes
    /// as they are) writes from the `Encodable` conformance, byte for byte, and
    /// the same JSON where the two spell an escape differently.
    @Test(arguments: [
        ("plain", 0.7 as Double?, 20_000 as Int?, true), ("quotes \" and \\ and / and é 😀", 1, nil, true),
        ("lines\nand\ttabs\r", nil, 1, false), ("", 0, 0, true), ("control \u{01}\u{08}\u{0C}", 1.5, nil, false),
    ])
    func theBodyIsWhatJSONEncoderWrites(message: String, temperature: Double?, maxTokens: Int?, stream: Bool)
        throws
    {
        let request = OpenAIChatRequest(
            model: "local/qwen2.5-coder:7b",
            chat: ChatRequest(specialistID: "m", message: message, temperature: temperature, maxTokens: maxTokens),
            system: "Be \"brief\".", history: [OpenAIChatMessage(role: .assistant, content: "earlier\n")],
            stream: stream)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let encoded = try encoder.encode(request)
        let written = try request.jsonBytes()
        let parsed = try JSONSerialization.jsonObject(with: written) as? NSDictionary
        #expect(parsed == (try JSONSerialization.jsonObject(with: encoded) as? NSDictionary))
        if !message.unicodeScalars.contains(where: { $0.value < 0x20 && !"\n\t\r".unicodeScalars.contains($0) }) {
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
        }
    }

    /// For a server that refuses it, a streamed request can leave `stream_options` out.
    @Test func aStreamedRequestMayLeaveTheUsageOptionOut() throws {
        var request = OpenAIChatRequest(model: "m", chat: ChatRequest(specialistID: "m", message: "hi"))
        request.asksForUsage = false
        let body = try json(request)
        #expect(Set(body.keys) == ["model", "messages", "stream"])
        #expect(body["stream"] as? Bool == true)
        let encoded = try JSONEncoder().encode(request)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("stream_options"))
    }

    @Test func unsetOptionsAndABlankSystemMessageAreLeftOut() throws {
        let request = OpenAIChatRequest(
            model: "m", chat: ChatRequest(specialistID: "m", message: "hi"), system: "  \n", stream: false)
        #expect(request.messages == [OpenAIChatMessage(role: .user, content: "hi")])
        let body = try json(request)
        #expect(Set(body.keys) == ["model", "messages", "stream"])
        #expect(body["stream"] as? Bool == false)
    }

    @Test func storedTurnsBecomeUserAndAssistantMessages() {
        func stored(_ role: MessageRole, _ content: String) -> StoredMessage {
            StoredMessage(
                handle: MessageHandle(sessionID: "s", messageID: 1), role: role, specialist: "local/m",
                content: content, status: .complete, createdAt: Date())
        }
        let history = [stored(.user, "a"), stored(.specialist, ""), stored(.specialist, "b"), stored(.user, "c")]
        #expect(
            Conversation.turns(from: history) == [
                .init(role: .user, content: "a"), .init(role: .assistant, content: "b"),
                .init(role: .user, content: "c"),
            ])
        #expect(Conversation.turns(from: history, maximumMessages: 1) == [.init(role: .user, content: "c")])
        #expect(
            Conversation.turns(from: history, budget: 2) == [
                .init(role: .assistant, content: "b"), .init(role: .user, content: "c"),
            ])
    }

    @Test func theTransportNamesTheModelWithoutTheProvidersPrefix() throws {
        let transport = OpenAIChatTransport(endpoint: try OpenAIEndpoint(name: "local", baseURL: "http://h:1/v1/"))
        #expect(transport.endpoint.baseURL == "http://h:1/v1")
        #expect(transport.model(for: ChatRequest(specialistID: "local/llama3.1", message: "x")) == "llama3.1")
        #expect(transport.model(for: ChatRequest(specialistID: "org/model", message: "x")) == "org/model")
    }

    @Test(arguments: ["", "ftp://h/v1", "h:1/v1", "http:///v1", "http://h/v1?x=1", "http://user:key@h/v1"])
    func aBaseThatIsNotAnHTTPURLIsABadConfiguration(url: String) {
        let error = #expect(throws: AishError.self) {
            _ = try OpenAIEndpoint(name: "local", baseURL: url)
        }
        guard case .badConfiguration(let source, _)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(source == "providers.local.url")
    }

    @Test func theErrorNamesWhereTheURLCameFrom() {
        let error = #expect(throws: AishError.self) {
            _ = try OpenAIEndpoint(name: "env", baseURL: "nope", source: "AISH_PROVIDER_URL")
        }
        guard case .badConfiguration("AISH_PROVIDER_URL", let detail)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(detail.contains("'nope'"))
    }
}
