import Foundation
import Testing

@testable import AishKit

@Suite("Protocol types")
struct ProtocolTypesTests {
    @Test func capabilitiesDocument() throws {
        let json = """
            {"version": "2.0",
             "features": {"streaming": true, "sessions": true, "bulk_operations": true,
                          "websocket": true, "enhanced_discovery": true},
             "api_versions": ["v1", "v2"],
             "deprecations": {"v1/team-chat": "use v2/bulk"}}
            """
        let capabilities = try JSONDecoder().decode(ServerCapabilities.self, from: Data(json.utf8))
        #expect(capabilities.version == "2.0")
        #expect(
            capabilities.features
                == .init(
                    streaming: true, sessions: true, bulkOperations: true, websocket: true, enhancedDiscovery: true))
        #expect(capabilities.apiVersions == ["v1", "v2"])
        #expect(capabilities.deprecations == ["v1/team-chat": "use v2/bulk"])
        #expect(!capabilities.isV1Only)
        #expect(capabilities.servesV1)
        let sparse = try JSONDecoder().decode(
            ServerCapabilities.self, from: Data(#"{"features":{"streaming":true},"deprecations":[1]}"#.utf8))
        #expect(sparse.features.streaming && !sparse.features.websocket)
        #expect(sparse.deprecations.isEmpty)
        #expect(ServerCapabilities.v1Only.isV1Only && !ServerCapabilities.v1Only.features.streaming)
    }

    @Test func capabilitiesRoundTrip() throws {
        let encoded = try JSONEncoder().encode(ServerCapabilities.v1Only)
        #expect(try JSONDecoder().decode(ServerCapabilities.self, from: encoded) == .v1Only)
    }

    @Test func specialistRoundTripAndIDKeys() throws {
        let specialist = Specialist(
            id: "apollo", name: "Apollo", category: "ai", capabilities: ["code-analysis"], healthy: false)
        let encoded = try JSONEncoder().encode(specialist)
        #expect(try JSONDecoder().decode(Specialist.self, from: encoded) == specialist)
        let minimal = try JSONDecoder().decode(Specialist.self, from: Data(#"{"id":"athena"}"#.utf8))
        #expect(minimal == Specialist(id: "athena", name: "athena", healthy: true))
    }

    @Test func messageResults() throws {
        let success = try JSONDecoder().decode(V1MessageResult.self, from: Fixtures.body(of: "message-apollo"))
        #expect(
            success
                == V1MessageResult(success: true, aiID: "apollo-ci", response: "echo from apollo-ci: hello from aish"))
        let failure = try JSONDecoder().decode(V1MessageResult.self, from: Fixtures.body(of: "message-unknown"))
        #expect(failure == V1MessageResult(success: false, aiID: "nosuch-ci", error: "Unknown component: nosuch"))
    }

    @Test func errorBodies() throws {
        let structured = ServerErrorBody(
            json: Array(
                #"{"error":{"code":"RATE_LIMITED","message":"slow down","retry_after":3,"details":{"a":1}}}"#.utf8))
        #expect(structured == ServerErrorBody(code: "RATE_LIMITED", message: "slow down", retryAfter: 3))
        #expect(structured?.summary == "RATE_LIMITED: slow down")
        #expect(
            ServerErrorBody(json: try Fixtures.body(of: "stream-unhealthy"))?.message
                == "CI specialist hermes-ci is not healthy")
        #expect(ServerErrorBody(json: try Fixtures.body(of: "capabilities-404"))?.summary == "Not Found")
        let validation = ServerErrorBody(
            json: Array(#"{"detail":[{"loc":["body","message"],"msg":"field required","type":"missing"}]}"#.utf8))
        #expect(validation?.message == "field required")
        #expect(ServerErrorBody(json: Array(#"{"error":"plain"}"#.utf8))?.message == "plain")
        #expect(ServerErrorBody(json: Array("<html>oops</html>".utf8)) == nil)
        #expect(ServerErrorBody(json: Array(#"{"other":1}"#.utf8)) == nil)
    }

    @Test func v2Events() throws {
        #expect(
            try V2StreamEvent(
                SSEEvent(
                    id: "0", event: "start", data: #"{"type":"start","specialist_id":"apollo","request_id":"req_7f3a"}"#
                )) == .start(requestID: "req_7f3a"))
        #expect(
            try V2StreamEvent(
                SSEEvent(
                    id: "1", event: "content", data: #"{"type":"content","data":"Looking at","specialist_id":"apollo"}"#
                )) == .content("Looking at"))
        #expect(
            try V2StreamEvent(SSEEvent(data: #"{"type":"content","data":"no event line"}"#))
                == .content("no event line"))
        #expect(
            try V2StreamEvent(
                SSEEvent(
                    event: "error",
                    data: #"{"type":"error","recoverable":true,"code":"UPSTREAM_SLOW","message":"slow"}"#))
                == .error(code: "UPSTREAM_SLOW", message: "slow", recoverable: true))
        #expect(
            try V2StreamEvent(SSEEvent(data: #"{"type":"error","message":"boom"}"#))
                == .error(code: nil, message: "boom", recoverable: false))
        #expect(
            try V2StreamEvent(
                SSEEvent(event: "done", data: #"{"type":"done","tokens_used":150,"finish_reason":"stop"}"#))
                == .done(tokensUsed: 150, finishReason: "stop"))
        #expect(try V2StreamEvent(SSEEvent(event: "heartbeat", data: "{}")) == .unknown(type: "heartbeat"))
        #expect(throws: WireFormatError.self) { try V2StreamEvent(SSEEvent(data: #"{"data":"x"}"#)) }
        #expect(throws: WireFormatError.self) {
            try V2StreamEvent(SSEEvent(event: "content", data: #"{"type":"content"}"#))
        }
        #expect(throws: WireFormatError.self) { try V2StreamEvent(SSEEvent(event: "content", data: "not json")) }
    }

    /// A content event's text is read in one pass; whatever that pass cannot read
    /// plainly goes to the full parser, so both always agree.
    @Test(arguments: [
        #"{"type":"content","data":"plain","specialist_id":"apollo"}"#,
        #"{"data":"line\nbreak \u00e9 \ud83d\ude00","type":"content"}"#,
        #"{"data":"first","data":"last"}"#,
        #"{"data":1,"data":"a string after a number"}"#,
        #"{"d\u0061ta":"an escaped key","type":"content"}"#,
        #" { "data" : "spaced" , "nested" : {"data": "not this"}, "list": [1, "x", null] } "#,
        #"{"data":"x","data":null}"#,
        #"{"data":"trailing"} junk"#,
        #"{"data":"unterminated}"#,
    ])
    func contentEventsReadInOnePassAgreeWithTheParser(data: String) throws {
        let full = Result { () throws(FlatJSONError) in try FlatJSONObject(parsing: data).string("data") }
        let read = Result { () throws(WireFormatError) in try V2StreamEvent(SSEEvent(event: "content", data: data)) }
        switch (full, read) {
        case (.success(let text?), .success(let event)):
            #expect(event == .content(text))
        case (.success(nil), .failure), (.failure, .failure):
            break
        default:
            Issue.record("the parser said \(full), the event reading \(read)")
        }
        if let fast = V2StreamEvent.contentText(data) {
            #expect(try FlatJSONObject(parsing: data).string("data") == fast)
        }
    }

    @Test func v1Events() throws {
        #expect(try V1StreamEvent(SSEEvent(data: #"{"chunk": "\u00efve"}"#)) == .chunk("ïve"))
        #expect(try V1StreamEvent(SSEEvent(data: #"{"done": true}"#)) == .done)
        #expect(try V1StreamEvent(SSEEvent(data: #"{"error": "boom"}"#)) == .error("boom"))
        #expect(try V1StreamEvent(SSEEvent(data: #"{"done": false}"#)) == .unknown)
        #expect(throws: WireFormatError.self) { try V1StreamEvent(SSEEvent(data: "{")) }
    }

    @Test func errorDescriptionsNeverQuoteContent() throws {
        do {
            _ = try V2StreamEvent(SSEEvent(event: "content", data: #"{"type":"content","data":"my secret"#))
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("secret"))
        }
    }
}
