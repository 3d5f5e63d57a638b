import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

@Suite struct V1RoutesTests {
    @Test func specialistsHaveRhetorsFieldsInOrder() async throws {
        let fixture = try fixtureBody("specialists")
        try await withRouter { client in
            let recorded = try #require(try JSONSerialization.jsonObject(with: Data(fixture.utf8)) as? [[String: Any]])
            try await client.execute(uri: "/api/v1/ai/specialists", method: .get) { response in
                #expect(response.status == .ok)
                let body = text(response)
                #expect(firstObjectKeys(body) == firstObjectKeys(fixture))
                let listed = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]])
                #expect(listed.count >= 14)
                for entry in listed {
                    let component = try #require(entry["component"] as? String)
                    #expect(entry["ai_id"] as? String == component)
                    guard let real = recorded.first(where: { $0["component"] as? String == component }) else {
                        Issue.record("\(component) is not a Tekton component")
                        continue
                    }
                    #expect(entry["description"] as? String == real["description"] as? String)
                    #expect(entry["category"] as? String == real["category"] as? String)
                    #expect(entry["port"] as? Int == real["port"] as? Int)
                }
                let hermes = listed.first { $0["ai_id"] as? String == "hermes" }
                #expect(hermes?["healthy"] as? Bool == false)
                #expect(listed.first { $0["ai_id"] as? String == "apollo" }?["healthy"] as? Bool == true)
            }
        }
    }

    @Test func healthMatchesTheFixture() async throws {
        let fixture = try fixtureBody("health-apollo").replacingOccurrences(of: "apollo-ci", with: "apollo")
        try await withRouter { client in
            try await client.execute(uri: "/api/v1/ai/specialists/apollo/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(text(response) == fixture)
            }
            try await client.execute(uri: "/api/v1/ai/specialists/hermes/health", method: .get) { response in
                #expect(text(response) == #"{"ai_id":"hermes","healthy":false,"status":"unavailable"}"#)
            }
            try await client.execute(uri: "/api/v1/ai/specialists/nosuch/health", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(text(response).hasPrefix(#"{"detail":"#))
            }
        }
    }

    @Test func messageAnswersWithTheDeterministicReply() async throws {
        let fixture = try fixtureBody("message-apollo")
        try await withRouter { client in
            let body = jsonBody(#"{"message": "hello from aish"}"#)
            let first = try await client.execute(
                uri: "/api/v1/ai/specialists/apollo/message", method: .post, body: body)
            let second = try await client.execute(
                uri: "/api/v1/ai/specialists/apollo/message", method: .post, body: body)
            #expect(first.status == .ok)
            #expect(firstObjectKeys(fixture) == ["success", "ai_id", "response", "error"])
            #expect(text(first).hasPrefix(#"{"success":true,"ai_id":"apollo","response":""#))
            #expect(text(first).hasSuffix(#"","error":null}"#))
            #expect(text(first) == text(second))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text(first).utf8)) as? [String: Any])
            #expect(json["success"] as? Bool == true)
            #expect(json["ai_id"] as? String == "apollo")
            #expect(json["error"] is NSNull)
            let apollo = try #require(Roster.specialist("apollo"))
            #expect(
                json["response"] as? String
                    == Reply(specialist: apollo, message: "hello from aish", maxTokens: nil).text)
        }
    }

    @Test func unknownSpecialistIsSuccessFalseWith200() async throws {
        let fixture = try fixtureBody("message-unknown")
        try await withRouter { client in
            let body = jsonBody(#"{"message": "hello from aish"}"#)
            try await client.execute(uri: "/api/v1/ai/specialists/nosuch-ci/message", method: .post, body: body) {
                response in
                #expect(response.status == .ok)
                #expect(text(response) == fixture)
            }
        }
    }

    @Test func unhealthySpecialistIsSuccessFalseWith200() async throws {
        let fixture = try fixtureBody("message-unhealthy").replacingOccurrences(of: "hermes-ci", with: "hermes")
        try await withRouter { client in
            let body = jsonBody(#"{"message": "hello from aish"}"#)
            try await client.execute(uri: "/api/v1/ai/specialists/hermes/message", method: .post, body: body) {
                response in
                #expect(response.status == .ok)
                #expect(text(response) == fixture)
            }
            try await client.execute(
                uri: "/api/v1/ai/specialists/apollo/message", method: .post, headers: faultHeaders("unavailable"),
                body: body
            ) { response in
                #expect(response.status == .ok)
                #expect(
                    text(response).hasPrefix(
                        #"{"success":false,"ai_id":"apollo","response":null,"error":"Could not connect to apollo"#))
            }
        }
    }

    @Test func missingOrBadMessageIs422() async throws {
        try await withRouter { client in
            for body in [#"{}"#, #"{"message": ""}"#, "not json"] {
                try await client.execute(
                    uri: "/api/v1/ai/specialists/apollo/message", method: .post, body: jsonBody(body)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(text(response).hasPrefix(#"{"detail":[{"type":"#))
                }
            }
        }
    }
}
