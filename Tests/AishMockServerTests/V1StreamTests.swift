import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AishMockServer

@Suite struct V1StreamTests {
    @Test func chunkingReproducesRhetorByteForByte() throws {
        let fixture = try fixtureBody("stream-apollo")
        let text =
            "echo from apollo-ci: Explain the retry policy — naïve café 日本語 🚀 and then summarise it in two sentences please."
        var body = V1StreamRoute.chunks(of: text).map { String(buffer: V1StreamRoute.event(["chunk": .string($0)])) }
            .joined()
        body += String(buffer: V1StreamRoute.event(["done": .bool(true)]))
        #expect(body == fixture)
    }

    @Test func streamSends50CodePointChunksThenDone() async throws {
        try await withRouter { client in
            let uri = "/api/v1/ai/stream/chat/apollo?message=hello%20from+aish"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
                let body = text(response)
                #expect(body.unicodeScalars.allSatisfy { $0.isASCII })
                #expect(body.contains(#"\u"#))
                let events = parseSSE(body)
                #expect(events.allSatisfy { $0.id == nil && $0.event == nil })
                #expect(events.last?.data == #"{"done": true}"#)
                let chunks = events.dropLast().map { $0.json["chunk"] as? String ?? "" }
                #expect(events.dropLast().allSatisfy { $0.data.hasPrefix(#"{"chunk": ""#) })
                #expect(chunks.dropLast().allSatisfy { $0.unicodeScalars.count == 50 })
                #expect((chunks.last?.unicodeScalars.count ?? 0) <= 50)
                let apollo = try #require(Roster.specialist("apollo"))
                #expect(chunks.joined() == Reply(specialist: apollo, message: "hello from aish", maxTokens: nil).text)
            }
        }
    }

    @Test func unhealthyIs503LikeRhetor() async throws {
        let fixture = try fixtureBody("stream-unhealthy").replacingOccurrences(of: "hermes-ci", with: "hermes")
        try await withRouter { client in
            try await client.execute(uri: "/api/v1/ai/stream/chat/hermes?message=hi", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(text(response) == fixture)
            }
            try await client.execute(uri: "/api/v1/ai/stream/chat/nosuch?message=hi", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(text(response).hasPrefix(#"{"detail":"#))
            }
            for uri in ["/api/v1/ai/stream/chat/apollo", "/api/v1/ai/stream/chat/apollo?message="] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(text(response).contains(#""loc":["query","message"]"#))
                }
            }
        }
    }

    @Test func fatalFaultEndsWithAnErrorEvent() async throws {
        try await withRouter { client in
            let headers = faultHeaders("fatal-at=2")
            try await client.execute(uri: "/api/v1/ai/stream/chat/apollo?message=hi", method: .get, headers: headers) {
                response in
                let events = parseSSE(text(response))
                #expect(events.count == 2)
                #expect(events.first?.json["chunk"] != nil)
                #expect(events.last?.json["error"] is String)
            }
        }
    }

    @Test func dropFaultClosesAbruptly() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let result = try await live(
                base + "/api/v1/ai/stream/chat/apollo?message=hi", headers: [("X-Aish-Fault", "drop-after=1")])
            #expect(result.status == 200)
            #expect(parseSSE(result.body).count == 1)
            #expect(result.bodyError != nil)
        }
    }
}
