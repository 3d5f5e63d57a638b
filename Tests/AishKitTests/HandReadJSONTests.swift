import Foundation
import Testing

@testable import AishKit

/// The roster and the capabilities are read by hand on the way to a chat's first
/// byte; on every document, what they make of it (or that they refuse it) is what
/// the types' `Decodable` conformances make of it.
@Suite struct HandReadJSONTests {
    static let rosters: [String] = [
        #"[{"ai_id":"apollo-ci","name":"Apollo","component":"apollo","description":"Predicts","category":"ai","#
            + #""capabilities":["code-analysis","debugging"],"healthy":true,"port":8012,"model":{"name":"x"}}]"#,
        #"{"specialists":[{"id":"athena"}],"count":1}"#, #"[{"id":"athena"}]"#, "[]", #"{"specialists":[]}"#,
        #"[{"ai_id":null,"id":"athena","name":null,"healthy":null,"capabilities":null,"component":null}]"#,
        #"[{"ai_id":"apollo","id":5}]"#, #"[{"ai_id":"apollo","healthy":false,"capabilities":[]}]"#,
        #"  [ {"id" : "spaced"} ]  "#, #"[{"id":"a\u00e9\n"}]"#,
        // Refused, by both.
        #"[{"name":"no id"}]"#, #"[{"id":5}]"#, #"[{"ai_id":5,"id":"x"}]"#, #"[{"id":"x","name":5}]"#,
        #"[{"id":"x","capabilities":[1]}]"#, #"[{"id":"x","capabilities":"debugging"}]"#,
        #"[{"id":"x","healthy":"yes"}]"#, #"[{"id":"x","capabilities":[null]}]"#, #"{"specialists":{}}"#,
        #"{"roster":[]}"#, #"[1]"#, #"[{"id":"x"}] trailing"#, "<html>hello</html>", "", #"[{"id":"x""#,
        #""specialists""#, "null",
    ]

    /// The wrapper the roster's `Decodable` reading accepted: a bare array, or one under `specialists`.
    private func decodedRoster(_ text: String) -> [Specialist]? {
        let data = Data(text.utf8)
        if let bare = try? JSONDecoder().decode([Specialist].self, from: data) { return bare }
        struct Wrapped: Decodable { var specialists: [Specialist] }
        return try? JSONDecoder().decode(Wrapped.self, from: data).specialists
    }

    @Test(arguments: rosters) func theRosterIsReadAsDecodableReadsIt(_ text: String) {
        let read = Array(text.utf8).withUnsafeBufferPointer { try? Specialist.roster(json: $0) }
        #expect(read == decodedRoster(text), "\(text)")
    }

    @Test func theRecordedRhetorRosterIsReadWhole() throws {
        let body = try Fixtures.body(of: "specialists")
        let read = try Array(body).withUnsafeBufferPointer { bytes throws(WireFormatError) in
            try Specialist.roster(json: bytes)
        }
        #expect(read == (try JSONDecoder().decode([Specialist].self, from: body)))
        #expect(read.count > 3)
    }

    static let capabilities: [String] = [
        #"{"version":"2.0","features":{"streaming":true,"sessions":true,"bulk_operations":true,"websocket":true,"#
            + #""enhanced_discovery":true,"voice":true},"api_versions":["v1","v2"],"#
            + #""deprecations":{"v1/team-chat":"use v2/bulk"},"v1_only":false,"extra":{"a":[1,2]}}"#,
        "{}", #"{"features":null,"api_versions":null,"deprecations":null,"version":null,"v1_only":null}"#,
        #"{"features":{"streaming":true},"deprecations":[1]}"#, #"{"deprecations":{"a":"b","c":1}}"#,
        #"{"v1_only":true,"api_versions":["v1"]}"#, #"{"features":{"websocket":null}}"#,
        #"{"deprecations":{"v1\/team-chat":"use v2\/bulk","\u00e9":"\u00e9"}}"#, #"{"deprecations":{"a":"\q"}}"#,
        // Refused, by both.
        #"{"features":{"streaming":"yes"}}"#, #"{"features":[]}"#, #"{"api_versions":"v2"}"#,
        #"{"api_versions":[2]}"#, #"{"version":2}"#, #"{"v1_only":"no"}"#, "[]", "null", "", #"{"a":1} x"#,
        "<html>", #"{"version":"2.0""#,
    ]

    @Test(arguments: capabilities) func theCapabilitiesAreReadAsDecodableReadsThem(_ text: String) {
        let read = Array(text.utf8).withUnsafeBufferPointer { try? ServerCapabilities(json: $0) }
        let decoded = try? JSONDecoder().decode(ServerCapabilities.self, from: Data(text.utf8))
        #expect(read == decoded, "\(text)")
    }

    /// The capabilities cache writes with `JSONEncoder` and reads by hand.
    @Test func encodedCapabilitiesReadBackTheSame() throws {
        let full = ServerCapabilities(
            version: "2.1", features: .init(streaming: true, sessions: false, bulkOperations: true, websocket: true),
            apiVersions: ["v1", "v2"], deprecations: ["v1/x": "use \"v2\"/y"], isV1Only: false)
        for capabilities in [full, .v1Only, ServerCapabilities()] {
            let data = try JSONEncoder().encode(capabilities)
            let read = try Array(data).withUnsafeBufferPointer { bytes throws(WireFormatError) in
                try ServerCapabilities(json: bytes)
            }
            #expect(read == capabilities)
        }
    }
}
