import Foundation
import NIOHTTP1
import Testing

@testable import AishMockServer

/// What real Rhetor does that the recordings alone do not show (the fixtures' README),
/// over live sockets.
@Suite(.timeLimit(.minutes(1))) struct RhetorBehaviourTests {
    static func message(_ base: String, _ id: String, _ text: String) async throws -> [String: Any] {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["message": text]), as: UTF8.self)
        let result = try await live(base + "/api/v1/ai/specialists/\(id)/message", method: .POST, body: body)
        #expect(result.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.body.utf8)) as? [String: Any])
    }

    @Test func headersAsRecorded() async throws {
        try await withMockServer(rhetorConfiguration()) { base in
            for (name, path, method, body) in [
                ("health-apollo", "/api/v1/ai/specialists/apollo-ci/health", HTTPMethod.GET, nil),
                ("capabilities-404", "/api/capabilities", .GET, nil),
                ("stream-post", "/api/v1/ai/stream/chat/apollo-ci?message=hi", .POST, nil),
                ("stream-hermes", "/api/v1/ai/stream/chat/hermes-ci?message=hi", .GET, nil),
                ("stream-model-error", "/api/v1/ai/stream/chat/apollo-ci?message=%5Bmodel-error%5D", .GET, nil),
                ("message-down-hermes", "/api/v1/ai/specialists/hermes-ci/message", .POST, #"{"message":"x"}"#),
                ("team-chat-stream", "/api/team-chat/stream?message=hello%20team", .GET, nil),
            ] as [(String, String, HTTPMethod, String?)] {
                let recording = try RhetorRecording(name)
                let result = try await live(base + path, method: method, body: body)
                #expect(result.status == recording.status, "\(name)")
                #expect(RhetorRecording.lines(result.headers) == recording.headers, "\(name)")
                #expect(result.header("date") != nil)
            }
        }
    }

    @Test func oneRequestInFlightPerSpecialist() async throws {
        let state = MockServerState(configuration: rhetorConfiguration())
        try await withMockServer(state: state, logger: testLogger) { base in
            let sockets = state.rhetor.sockets
            sockets.hold("apollo-ci")
            async let first = Self.message(base, "apollo-ci", "first")
            await sockets.waitUntilBusy("apollo-ci")
            let second = try await Self.message(base, "apollo-ci", "second")
            #expect(second["success"] as? Bool == false)
            #expect(second["error"] as? String == "No response")
            #expect(second["response"] is NSNull)
            sockets.unhold("apollo-ci")
            let answered = try await first
            #expect(answered["success"] as? Bool == true)
            #expect((answered["response"] as? String)?.contains("> first") == true)
            #expect(!sockets.isBusy("apollo-ci"))
            let third = try await Self.message(base, "apollo-ci", "third")
            #expect(third["success"] as? Bool == true)
        }
    }

    @Test func differentSpecialistsInParallel() async throws {
        let state = MockServerState(configuration: rhetorConfiguration())
        try await withMockServer(state: state, logger: testLogger) { base in
            let sockets = state.rhetor.sockets
            sockets.hold("apollo-ci")
            sockets.hold("athena-ci")
            async let apollo = Self.message(base, "apollo-ci", "together")
            async let athena = Self.message(base, "athena-ci", "together")
            await sockets.waitUntilBusy("apollo-ci")
            await sockets.waitUntilBusy("athena-ci")
            sockets.unhold("apollo-ci")
            sockets.unhold("athena-ci")
            let (first, second) = try await (apollo, athena)
            #expect(first["success"] as? Bool == true)
            #expect(second["success"] as? Bool == true)
            #expect(first["ai_id"] as? String == "apollo-ci")
            #expect(second["ai_id"] as? String == "athena-ci")
        }
    }

    @Test func healthIsCachedUntilCleared() async throws {
        let state = MockServerState(configuration: rhetorConfiguration())
        try await withMockServer(state: state, logger: testLogger) { base in
            let health = base + "/api/v1/ai/specialists/hermes-ci/health"
            let stream = base + "/api/v1/ai/stream/chat/hermes-ci?message=hi"
            #expect(try await live(health).body.contains(#""healthy":false"#))
            state.rhetor.sockets.setUp("hermes-ci", true)
            // The socket is up, so a message goes through; the health answer is the cached one.
            #expect(try await Self.message(base, "hermes-ci", "back?")["success"] as? Bool == true)
            #expect(try await live(health).body.contains(#""healthy":false"#))
            #expect(try await live(stream).status == 503)
            let cleared = try await live(base + "/api/v1/ai/cache/clear", method: .POST)
            #expect(cleared.body == #"{"message":"Health cache cleared"}"#)
            #expect(try await live(health).body == #"{"ai_id":"hermes-ci","healthy":true,"status":"available"}"#)
            #expect(try await live(stream).status == 200)
        }
    }

    @Test func modelErrorIsASuccessWithPythonDictText() async throws {
        try await withMockServer(rhetorConfiguration()) { base in
            let answer = try await Self.message(base, "athena-ci", "please [model-error] now")
            #expect(answer["success"] as? Bool == true)
            #expect(answer["error"] is NSNull)
            #expect(
                answer["response"] as? String
                    == "{'type': 'error', 'ai_id': 'athena-ci', 'error': 'simulated model failure'}")
        }
    }

    @Test func streamSendsTheWholeReplyIn50CodePointChunks() async throws {
        try await withMockServer(rhetorConfiguration()) { base in
            let message = "[tokens=5000] naïve 日本語 🚀"
            let whole = try #require(try await Self.message(base, "apollo-ci", message)["response"] as? String)
            #expect(whole.utf8.count > 20_000)
            let streamed = try await live(base + "/api/v1/ai/stream/chat/apollo-ci?message=\(queryEncoded(message))")
            #expect(!streamed.body.contains(where: { !$0.isASCII }))
            let events = dataEvents(streamed.body).map(\.json)
            #expect(events.last?["done"] as? Bool == true)
            let chunks = events.dropLast().compactMap { $0["chunk"] as? String }
            #expect(chunks.count == events.count - 1)
            #expect(chunks.dropLast().allSatisfy { $0.unicodeScalars.count == 50 })
            #expect((1...50).contains(chunks.last?.unicodeScalars.count ?? 0))
            #expect(chunks.joined() == whole)
        }
    }

    @Test func chunksArePausedAsConfigured() async throws {
        try await withMockServer(rhetorConfiguration(chunkPause: 0.02)) { base in
            let clock = ContinuousClock()
            let start = clock.now
            let streamed = try await live(base + "/api/v1/ai/stream/chat/apollo-ci?message=hello")
            let elapsed = clock.now - start
            let chunks = dataEvents(streamed.body).count - 1
            #expect(chunks >= 5)
            #expect(elapsed >= .milliseconds(20 * chunks))
        }
    }

    @Test func repliesOver64KiBFailAsRhetor() async throws {
        try await withMockServer(rhetorConfiguration()) { base in
            let answer = try await Self.message(base, "apollo-ci", "[tokens=30000]")
            #expect(answer["success"] as? Bool == false)
            #expect(answer["error"] as? String == "Separator is found, but chunk is longer than limit")
            let streamed = try await live(base + "/api/v1/ai/stream/chat/apollo-ci?message=%5Btokens%3D30000%5D")
            #expect(
                streamed.body == #"data: {"error": "Separator is found, but chunk is longer than limit"}"# + "\n\n")
        }
    }

    @Test func teamChatStreamNamesItsEvents() async throws {
        try await withMockServer(rhetorConfiguration(down: ["hermes-ci", "hephaestus-ci", "apollo-ci"])) { base in
            let result = try await live(base + "/api/team-chat/stream?message=hi%20all")
            let events = parseSSE(result.body.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(events.first?.event == "connected")
            #expect(events.last?.event == "complete")
            let answers = events.filter { $0.event == "message" }
            let ids = answers.compactMap { $0.json["socket_id"] as? String }
            #expect(ids.count == RhetorRoster.all.count - 3)
            #expect(!ids.contains("apollo-ci") && ids.contains("athena-ci"))
            #expect(answers.compactMap { $0.json["index"] as? Int } == Array(1...ids.count))
            #expect(events.last?.json["response_count"] as? Int == ids.count)
        }
    }
}
