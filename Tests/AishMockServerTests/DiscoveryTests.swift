import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

@Suite struct DiscoveryTests {
    func ais(_ client: any TestClientProtocol, _ query: String) async throws -> [[String: Any]] {
        let response = try await client.execute(uri: "/api/v2/discovery/ais" + query, method: .get)
        #expect(response.status == .ok)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any])
        let ais = try #require(json["ais"] as? [[String: Any]])
        #expect(json["total"] as? Int == ais.count)
        #expect(json["timestamp"] is String)
        return ais
    }

    @Test func listsEverySpecialistInTheProtocolShape() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/api/v2/discovery/ais", method: .get)
            let body = text(response)
            #expect(body.hasPrefix(#"{"ais":[{"id":"apollo","name":"Apollo","status":"active","model":"#))
            #expect(
                body.contains(
                    #""capabilities":{"primary":["code-analysis","debugging"],"scores":{"code-analysis":0.95,"#))
            #expect(
                body.contains(
                    #""context_window":100000,"avg_response_time":1.2,"success_rate":0.98},"features":{"streaming":true,"sessions":true,"websocket":true}}"#
                ))
            let all = try await ais(client, "")
            #expect(all.count == Roster.all.count)
            #expect(all.first { $0["id"] as? String == "hermes" }?["status"] as? String == "inactive")
        }
    }

    @Test func filtersByCapabilityScoreAndStatus() async throws {
        try await withRouter { client in
            let coders = try await ais(client, "?capability=code-analysis")
            let scores = coders.compactMap {
                (($0["capabilities"] as? [String: Any])?["scores"] as? [String: Double])?["code-analysis"]
            }
            #expect(scores.count == coders.count && !scores.isEmpty)
            #expect(scores == scores.sorted(by: >))
            let strong = try await ais(client, "?capability=code-analysis&min_score=0.9")
            #expect(strong.map { $0["id"] as? String } == ["apollo", "synthesis"])
            let inactive = try await ais(client, "?status=inactive")
            #expect(Set(inactive.compactMap { $0["id"] as? String }) == ["hermes", "hephaestus"])
        }
    }

    @Test func bestPicksTheTopScore() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/api/v2/discovery/best?capability=planning", method: .get)
            let body = text(response)
            #expect(
                body.hasPrefix(
                    #"{"capability":"planning","best_match":{"id":"prometheus","score":0.97,"is_primary":true},"alternatives":[{"id":"metis","score":0.91,"is_primary":true}"#
                ))
            let none = try await client.execute(
                uri: "/api/v2/discovery/best?capability=planning&threshold=0.99", method: .get)
            #expect(text(none) == #"{"capability":"planning","best_match":null,"alternatives":[]}"#)
        }
    }

    @Test(arguments: [
        ("/api/v2/discovery/ais?min_score=abc", "'abc'"),
        ("/api/v2/discovery/ais?min_score=1.5", "'1.5'"),
        ("/api/v2/discovery/ais?status=sleeping", "'sleeping'"),
        ("/api/v2/discovery/best", "capability"),
        ("/api/v2/discovery/best?capability=planning&threshold=high", "'high'"),
    ])
    func badQueriesAre400(uri: String, named: String) async throws {
        try await withRouter { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(text(response).hasPrefix(#"{"error":{"code":"INVALID_REQUEST""#))
                #expect(text(response).contains(named))
            }
        }
    }
}
