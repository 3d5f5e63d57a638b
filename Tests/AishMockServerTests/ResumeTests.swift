import Foundation
import Testing

@testable import AishMockServer

@Suite(.timeLimit(.minutes(1))) struct ResumeTests {
    static let body = #"{"message":"resume me","max_tokens":300}"#

    @Test func resumeAfterAnInjectedDropContinuesExactly() async throws {
        // No grace at all: the drop must not count as the client going away.
        let state = MockServerState(configuration: fastConfiguration(tokensPerSecond: 2_000, grace: 0))
        try await withMockServer(state: state, logger: testLogger) { base in
            let clean = try await live(base + "/api/v2/ai/metis/stream", method: .POST, body: Self.body)
            let dropped = try await live(
                base + "/api/v2/ai/metis/stream", method: .POST, headers: [("X-Aish-Fault", "drop-after=5")],
                body: Self.body
            )
            #expect(dropped.bodyError != nil)
            let firstPart = dataEvents(dropped.body)
            #expect(firstPart.count == 5)
            let requestID = try #require(firstPart.first?.json["request_id"] as? String)
            #expect(dropped.header("X-Request-ID") == requestID)
            let resumed = try await live(
                base + "/api/v2/ai/metis/stream/\(requestID)", headers: [("Last-Event-ID", "4")]
            )
            #expect(resumed.status == 200)
            #expect(resumed.bodyError == nil)
            let secondPart = dataEvents(resumed.body)
            #expect(secondPart.first?.id == "5")
            #expect(normalised(firstPart + secondPart) == normalised(dataEvents(clean.body)))
            #expect(secondPart.last?.event == "done")
        }
    }

    @Test func finishedStreamsReplayFromAnyEvent() async throws {
        try await withMockServer(state: MockServerState(configuration: fastConfiguration()), logger: testLogger) {
            base in
            let first = try await live(base + "/api/v2/ai/apollo/stream", method: .POST, body: Self.body)
            let events = dataEvents(first.body)
            let requestID = try #require(events.first?.json["request_id"] as? String)
            let replay = try await live(
                base + "/api/v2/ai/apollo/stream/\(requestID)", headers: [("Last-Event-ID", "10")])
            #expect(dataEvents(replay.body) == Array(events.dropFirst(11)))
            let whole = try await live(base + "/api/v2/ai/apollo/stream/\(requestID)")
            #expect(dataEvents(whole.body) == events)
        }
    }

    @Test func unknownOrMismatchedResumesAreRejected() async throws {
        try await withMockServer(state: MockServerState(configuration: fastConfiguration()), logger: testLogger) {
            base in
            let unknown = try await live(
                base + "/api/v2/ai/apollo/stream/req_000000000000", headers: [("Last-Event-ID", "3")])
            #expect(unknown.status == 404)
            #expect(unknown.body.hasPrefix(#"{"error":{"code":"REQUEST_NOT_FOUND""#))
            let first = try await live(base + "/api/v2/ai/apollo/stream", method: .POST, body: Self.body)
            let requestID = try #require(dataEvents(first.body).first?.json["request_id"] as? String)
            let wrongSpecialist = try await live(base + "/api/v2/ai/athena/stream/\(requestID)")
            #expect(wrongSpecialist.status == 404)
            let badHeader = try await live(
                base + "/api/v2/ai/apollo/stream/\(requestID)", headers: [("Last-Event-ID", "x")])
            #expect(badHeader.status == 400)
            #expect(badHeader.body.contains("'x'"))
        }
    }
}
