import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

@Suite struct FaultInjectionTests {
    static let post = "/api/v2/ai/athena/stream"
    static let body = #"{"message":"what links these notes?"}"#

    @Test func recoverableErrorTakesItsPlaceAndTheStreamGoesOn() async throws {
        try await withRouter { client in
            let clean = dataEvents(
                text(try await client.execute(uri: Self.post, method: .post, body: jsonBody(Self.body))))
            let response = try await client.execute(
                uri: Self.post, method: .post, headers: faultHeaders("error-at=3"), body: jsonBody(Self.body)
            )
            let events = dataEvents(text(response))
            #expect(events.map(\.id) == events.indices.map { String($0) })
            #expect(events[3].event == "error")
            #expect(
                events[3].data
                    == #"{"type":"error","recoverable":true,"code":"UPSTREAM_SLOW","message":"The model is responding slowly; still generating."}"#
            )
            #expect(events.count == clean.count + 1)
            #expect(contentText(events) == contentText(clean))
            #expect(events.last?.event == "done")
        }
    }

    @Test func fatalErrorEndsTheStream() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.post, method: .post, headers: faultHeaders("fatal-at=4"), body: jsonBody(Self.body)
            )
            let events = dataEvents(text(response))
            #expect(events.count == 5)
            #expect(events.last?.event == "error")
            #expect(events.last?.json["recoverable"] as? Bool == false)
            #expect(events.last?.json["code"] as? String == "UPSTREAM_FAILED")
            #expect(!events.contains { $0.event == "done" })
        }
    }

    @Test func firstTokenDelayOverridesTheLatency() async throws {
        try await withRouter(fastConfiguration(keepAliveInterval: 0.05)) { client in
            let delayed = text(
                try await client.execute(
                    uri: Self.post, method: .post, headers: faultHeaders("first-token-delay=2"),
                    body: jsonBody(Self.body)
                ))
            // 2 s of silence at one comment per 0.05 s: keep-alives before the first token.
            // At least one, not a count: a loaded machine may fire the timer late.
            let beforeFirstToken = delayed.components(separatedBy: "event: content").first ?? ""
            #expect(beforeFirstToken.components(separatedBy: ": keep-alive\n\n").count > 1)
        }
    }

    @Test func unavailableAnswers503() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.post, method: .post, headers: faultHeaders("unavailable"), body: jsonBody(Self.body)
            )
            #expect(response.status == .serviceUnavailable)
            #expect(text(response).contains(#""code":"AI_UNAVAILABLE""#))
        }
    }

    @Test func configuredFaultsApplyUnlessTheHeaderOverrides() async throws {
        try await withRouter(fastConfiguration(faults: FaultPlan(fatalErrorAt: 2))) { client in
            let configured = dataEvents(
                text(try await client.execute(uri: Self.post, method: .post, body: jsonBody(Self.body))))
            #expect(configured.count == 3)
            #expect(configured.last?.json["code"] as? String == "UPSTREAM_FAILED")
            let overridden = dataEvents(
                text(
                    try await client.execute(
                        uri: Self.post, method: .post, headers: faultHeaders(""), body: jsonBody(Self.body)
                    )))
            #expect(overridden.last?.event == "done")
        }
    }

    @Test func dropClosesTheConnectionAfterNEvents() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let result = try await live(
                base + Self.post, method: .POST, headers: [("X-Aish-Fault", "drop-after=5")], body: Self.body)
            #expect(result.status == 200)
            #expect(dataEvents(result.body).map(\.id) == ["0", "1", "2", "3", "4"])
            #expect(result.bodyError != nil)
        }
    }
}
