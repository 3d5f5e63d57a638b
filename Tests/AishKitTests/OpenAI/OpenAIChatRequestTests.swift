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
