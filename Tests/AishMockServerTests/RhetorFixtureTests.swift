import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

/// The Rhetor profile answers byte for byte as the recordings of real Rhetor,
/// through the router in-process (times and generated ids blanked on both sides).
@Suite struct RhetorFixtureTests {
    /// Compares the answer to `method uri` with recording `name`: status and body.
    static func expectRecorded(
        _ name: String, _ uri: String, method: HTTPRequest.Method = .get, body: String? = nil,
        configuration: MockServerConfiguration = rhetorConfiguration()
    ) async throws {
        let recording = try RhetorRecording(name)
        try await withRouter(configuration) { client in
            try await client.execute(
                uri: uri, method: method, headers: body == nil ? [:] : jsonHeaders(),
                body: body.map(jsonBody)
            ) { response in
                #expect(Int(response.status.code) == recording.status, "\(name)")
                #expect(withoutClockValues(text(response)) == withoutClockValues(recording.body), "\(name)")
            }
        }
    }

    @Test func specialistsAsRecordedWhenOnlyApolloAndAthenaAreUp() async throws {
        let down = Set(RhetorRoster.all.map(\.id)).subtracting(["apollo-ci", "athena-ci"])
        try await Self.expectRecorded(
            "specialists", "/api/v1/ai/specialists", configuration: rhetorConfiguration(down: down))
    }

    @Test func listsAndLookups() async throws {
        try await Self.expectRecorded("roster", "/api/v1/ai/roster")
        try await Self.expectRecorded("health-apollo", "/api/v1/ai/specialists/apollo-ci/health")
        try await Self.expectRecorded("find-knowledge", "/api/v1/ai/find/knowledge")
        try await Self.expectRecorded("health", "/health")
        try await Self.expectRecorded("discovery-v1", "/api/v1/discovery")
        try await Self.expectRecorded("team-chat-sockets", "/api/team-chat/sockets")
    }

    @Test func messages() async throws {
        let path = "/api/v1/ai/specialists"
        try await Self.expectRecorded(
            "message-empty", path + "/apollo-ci/message", method: .post, body: #"{"message":""}"#)
        try await Self.expectRecorded(
            "message-multiline", path + "/athena-ci/message", method: .post,
            body: #"{"message":"summarise\n\nline one\nline two"}"#)
        try await Self.expectRecorded(
            "message-unknown", path + "/nosuch-ci/message", method: .post, body: #"{"message":"hello from aish"}"#)
        try await Self.expectRecorded(
            "message-unhealthy", path + "/hermes-ci/message", method: .post, body: #"{"message":"hello from aish"}"#)
        try await Self.expectRecorded(
            "message-down-hermes", path + "/hermes-ci/message", method: .post, body: #"{"message":"hi"}"#)
        try await Self.expectRecorded(
            "message-model-error", path + "/apollo-ci/message", method: .post, body: #"{"message":"[model-error] hi"}"#)
        try await Self.expectRecorded(
            "message-conn-closed", path + "/apollo-ci/message", method: .post, body: #"{"message":"[no-response]"}"#)
        try await Self.expectRecorded(
            "message-apollo", path + "/apollo-ci/message", method: .post, body: #"{"message":"hello from aish"}"#,
            configuration: rhetorConfiguration(echo: true))
    }

    @Test func streams() async throws {
        let message = "Explain the retry policy — naïve café 日本語 🚀 and then summarise it in two sentences please."
        let query = queryEncoded(message)
        try await Self.expectRecorded(
            "stream-apollo", "/api/v1/ai/stream/chat/apollo-ci?message=\(query)",
            configuration: rhetorConfiguration(echo: true))
        try await Self.expectRecorded(
            "stream-model-error", "/api/v1/ai/stream/chat/apollo-ci?message=%5Bmodel-error%5D")
        try await Self.expectRecorded("stream-hermes", "/api/v1/ai/stream/chat/hermes-ci?message=hello")
        try await Self.expectRecorded("stream-unhealthy", "/api/v1/ai/stream/chat/hermes-ci?message=hello")
        try await Self.expectRecorded("stream-post", "/api/v1/ai/stream/chat/apollo-ci?message=hello", method: .post)
        try await Self.expectRecorded(
            "multi-stream",
            "/api/v1/ai/stream/multi-stream?message=hello&ai_ids=apollo-ci&ai_ids=athena-ci&ai_ids=hermes-ci")
    }

    @Test func teamChatAndRhetorsOwnModel() async throws {
        try await Self.expectRecorded("team-chat", "/api/team-chat", method: .post, body: #"{"message":"hello team"}"#)
        try await Self.expectRecorded("team-chat-stream", "/api/team-chat/stream?message=hello%20team&timeout=10")
        try await Self.expectRecorded(
            "chat-llm", "/api/v1/chat", method: .post, body: #"{"messages":[{"role":"user","content":"hello"}]}"#)
    }

    @Test func everyV2RouteAndTheCapabilitiesAreMissing() async throws {
        for (method, uri) in [
            (HTTPRequest.Method.get, "/api/capabilities"), (.post, "/api/v2/ai/apollo-ci/stream"),
            (.get, "/api/v2/discovery/ais"), (.post, "/api/v2/bulk"), (.post, "/api/v2/sessions"),
            (.get, "/api/ai/specialists/apollo-ci/stream?message=hi"), (.get, "/ws/ai/apollo-ci"), (.get, "/ws"),
        ] {
            try await Self.expectRecorded("capabilities-404", uri, method: method, body: method == .post ? "{}" : nil)
        }
    }
}
