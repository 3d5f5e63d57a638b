import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

@Suite struct V2StreamTests {
    static let post = "/api/v2/ai/apollo/stream"

    @Test func eventsHaveSequentialIdsAndNamedTypes() async throws {
        try await withRouter { client in
            try await client.execute(uri: Self.post, method: .post, body: jsonBody(#"{"message":"hello"}"#)) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                let events = dataEvents(text(response))
                #expect(events.map(\.id) == events.indices.map { String($0) })
                #expect(events.allSatisfy { $0.json["type"] as? String == $0.event })
                #expect(events.first?.event == "start")
                let requestID = try #require(events.first?.json["request_id"] as? String)
                #expect(requestID.wholeMatch(of: /req_[0-9a-f]{12}/) != nil)
                let requestIDHeader = try #require(V2StreamRoutes.requestIDHeader)
                #expect(response.headers[requestIDHeader] == requestID)
                #expect(events.first?.json["specialist_id"] as? String == "apollo")
                let contents = events.filter { $0.event == "content" }
                #expect(contents.allSatisfy { $0.json["specialist_id"] as? String == "apollo" })
                #expect(contents.first?.data.hasPrefix(#"{"type":"content","data":"#) == true)
                let done = try #require(events.last)
                #expect(done.event == "done")
                #expect(done.json["tokens_used"] as? Int == contents.count)
                #expect(done.json["finish_reason"] as? String == "stop")
                #expect(done.data == #"{"type":"done","tokens_used":\#(contents.count),"finish_reason":"stop"}"#)
                let apollo = try #require(Roster.specialist("apollo"))
                #expect(contentText(events) == Reply(specialist: apollo, message: "hello", maxTokens: nil).text)
            }
        }
    }

    @Test func sameRequestSameTextDifferentMessageDifferentText() async throws {
        try await withRouter { client in
            func content(_ message: String) async throws -> String {
                let response = try await client.execute(
                    uri: Self.post, method: .post, body: jsonBody(#"{"message":"\#(message)"}"#)
                )
                return contentText(dataEvents(text(response)))
            }
            let first = try await content("tell me about caching")
            #expect(try await content("tell me about caching") == first)
            #expect(try await content("tell me about caches") != first)
            let viaGet = try await client.execute(
                uri: "/api/ai/specialists/apollo/stream?message=tell+me%20about+caching", method: .get
            )
            #expect(contentText(dataEvents(text(viaGet))) == first)
        }
    }

    @Test func maxTokensGivesExactlyThatManyContentEvents() async throws {
        try await withRouter { client in
            let response = try await client.execute(
                uri: Self.post, method: .post,
                body: jsonBody(#"{"message":"long","max_tokens":2000,"temperature":0.2}"#)
            )
            let events = dataEvents(text(response))
            #expect(events.filter { $0.event == "content" }.count == 2_000)
            #expect(events.last?.json["tokens_used"] as? Int == 2_000)
            #expect(events.last?.json["finish_reason"] as? String == "length")
            let viaGet = try await client.execute(
                uri: "/api/ai/specialists/apollo/stream?message=long&max_tokens=2000", method: .get)
            #expect(contentText(dataEvents(text(viaGet))) == contentText(events))
        }
    }

    @Test func twentyThousandTokensStreamLive() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let result = try await live(
                base + Self.post, method: .POST, body: #"{"message":"bench","max_tokens":20000}"#)
            let events = dataEvents(result.body)
            #expect(events.count == 20_002)
            #expect(events.last?.event == "done")
            #expect(result.bodyError == nil)
        }
    }

    @Test func keepAliveCommentsFillTheFirstTokenLatency() async throws {
        try await withRouter(fastConfiguration(firstTokenLatency: 2, keepAliveInterval: 0.05)) { client in
            let response = try await client.execute(uri: Self.post, method: .post, body: jsonBody(#"{"message":"hi"}"#))
            let body = text(response)
            let keepAlive = try #require(body.range(of: ": keep-alive\n\n"))
            let firstContent = try #require(body.range(of: "event: content"))
            #expect(keepAlive.lowerBound < firstContent.lowerBound)
        }
    }

    @Test(arguments: [
        (#"{"message":""}"#, "INVALID_REQUEST", 400),
        (#"{"message":"   "}"#, "INVALID_REQUEST", 400),
        (#"{}"#, "INVALID_REQUEST", 400),
        ("not json", "INVALID_REQUEST", 400),
        (#"{"message":"hi","max_tokens":0}"#, "INVALID_REQUEST", 400),
        (#"{"message":"hi","max_tokens":"many"}"#, "INVALID_REQUEST", 400),
        (#"{"message":"hi","temperature":9}"#, "INVALID_REQUEST", 400),
    ])
    func badBodiesAreRejected(body: String, code: String, status: Int) async throws {
        try await withRouter { client in
            try await client.execute(uri: Self.post, method: .post, body: jsonBody(body)) { response in
                #expect(response.status.code == status)
                #expect(text(response).hasPrefix(#"{"error":{"code":"\#(code)","message":"#))
            }
        }
    }

    @Test func errorBodiesForSpecialistsAndQueries() async throws {
        try await withRouter { client in
            let body = jsonBody(#"{"message":"hi"}"#)
            try await client.execute(uri: "/api/v2/ai/nosuch/stream", method: .post, body: body) { response in
                #expect(response.status == .notFound)
                #expect(
                    text(response)
                        == #"{"error":{"code":"AI_NOT_FOUND","message":"No specialist named 'nosuch'.","details":{"specialist_id":"nosuch"}}}"#
                )
            }
            try await client.execute(uri: "/api/v2/ai/hermes/stream", method: .post, body: body) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(text(response).hasPrefix(#"{"error":{"code":"AI_UNAVAILABLE""#))
            }
            try await client.execute(uri: "/api/ai/specialists/apollo/stream?message=hi&max_tokens=lots", method: .get)
            { response in
                #expect(response.status == .badRequest)
                #expect(text(response).contains("'lots'"))
            }
            let huge = jsonBody(#"{"message":""# + String(repeating: "x", count: 1_200_000) + #""}"#)
            try await client.execute(uri: Self.post, method: .post, body: huge) { response in
                #expect(response.status == .contentTooLarge)
                #expect(text(response).hasPrefix(#"{"error":{"code":"MESSAGE_TOO_LARGE""#))
            }
            try await client.execute(
                uri: Self.post, method: .post, headers: faultHeaders("drop-after=5,bogus"), body: body
            ) { response in
                #expect(response.status == .badRequest)
                #expect(text(response).contains("'bogus'"))
            }
        }
    }
}
