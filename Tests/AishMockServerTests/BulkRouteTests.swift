import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

/// `POST /api/v2/bulk` and `POST /api/ai/bulk` (PROTOCOL.md §5).
@Suite struct BulkRouteTests {
    private func post(_ client: any TestClientProtocol, _ body: String, uri: String = "/api/v2/bulk") async throws
        -> (HTTPResponse.Status, [String: Any])
    {
        let response = try await client.execute(uri: uri, method: .post, headers: jsonHeaders(), body: jsonBody(body))
        let object = (try? JSONSerialization.jsonObject(with: Data(text(response).utf8))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    private func results(_ answer: [String: Any]) -> [String: [String: Any]] {
        answer["results"] as? [String: [String: Any]] ?? [:]
    }

    @Test func runsAPlanAndFillsPlaceholders() async throws {
        try await withRouter { client in
            let (status, answer) = try await post(
                client,
                #"{"operations": [{"id": "op1", "ai": "apollo", "message": "analyze this", "max_tokens": 12}, "#
                    + #"{"id": "op2", "ai": "athena", "message": "review {op1}", "depends_on": ["op1"]}]}"#)
            #expect(status == .ok)
            #expect(answer["status"] as? String == "completed")
            let op1 = try #require(results(answer)["op1"])
            let op2 = try #require(results(answer)["op2"])
            let first = try #require(op1["response"] as? String)
            #expect(
                first
                    == Reply(
                        specialist: try #require(Roster.specialist("apollo")), message: "analyze this", maxTokens: 12
                    ).text)
            #expect(op1["tokens_used"] as? Int == 12)
            #expect(
                op2["response"] as? String
                    == Reply(
                        specialist: try #require(Roster.specialist("athena")), message: "review " + first,
                        maxTokens: nil
                    ).text)
            #expect(answer["total_tokens"] as? Int == 12 + (op2["tokens_used"] as? Int ?? 0))
            #expect((answer["request_id"] as? String)?.hasPrefix("bulk_") == true)
        }
    }

    @Test func aFailureSkipsDownstreamOnly() async throws {
        try await withRouter { client in
            let (status, answer) = try await post(
                client,
                #"{"operations": [{"id": "op1", "ai": "hermes", "message": "relay"}, "#
                    + #"{"id": "op2", "ai": "athena", "message": "{op1}", "depends_on": ["op1"]}, "#
                    + #"{"id": "op3", "ai": "athena", "message": "x", "depends_on": ["op2"]}, "#
                    + #"{"id": "op4", "ai": "apollo", "message": "independent"}]}"#, uri: "/api/ai/bulk")
            #expect(status == .ok)
            #expect(answer["status"] as? String == "partial")
            let all = results(answer)
            #expect(all["op1"]?["status"] as? String == "failed")
            #expect(all["op1"]?["error"] as? String == "Specialist 'hermes' is not available.")
            #expect(all["op2"]?["error"] as? String == "dependency op1 failed")
            #expect(all["op3"]?["error"] as? String == "upstream operation op1 failed")
            #expect(all["op4"]?["status"] as? String == "success")
        }
    }

    @Test(arguments: [
        (
            #"[{"id": "op1", "ai": "apollo", "message": "a", "depends_on": ["op2"]}, {"id": "op2", "ai": "apollo", "message": "b", "depends_on": ["op1"]}]"#,
            "op1", "cycle: op1 → op2 → op1"
        ),
        (
            #"[{"id": "op1", "ai": "apollo", "message": "a"}, {"id": "op1", "ai": "apollo", "message": "b"}]"#, "op1",
            "used more than once"
        ),
        (#"[{"id": "op1", "ai": "apollo", "message": "a", "depends_on": ["op9"]}]"#, "op1", "unknown operation 'op9'"),
        (
            #"[{"id": "op1", "ai": "apollo", "message": "a"}, {"id": "op2", "ai": "apollo", "message": "{op1}"}]"#,
            "op2", "does not list 'op1'"
        ),
        (#"[{"id": "op1", "ai": "zeus", "message": "a"}]"#, "op1", "unknown specialist 'zeus'"),
        (#"[{"id": "op1", "ai": "apollo", "message": " "}]"#, "op1", "empty message"),
    ])
    func invalidPlansAreRejectedNamingTheOperation(operations: String, operation: String, words: String) async throws {
        try await withRouter { client in
            let (status, answer) = try await post(client, #"{"operations": \#(operations)}"#)
            #expect(status == .badRequest)
            let error = try #require(answer["error"] as? [String: Any])
            #expect(error["code"] as? String == "INVALID_PLAN")
            #expect((error["message"] as? String)?.contains(words) == true, "\(error)")
            #expect((error["details"] as? [String: Any])?["operation"] as? String == operation)
        }
    }

    @Test func moreThanOneHundredOperationsAreRejected() async throws {
        let operations = (1...101).map { #"{"id": "op\#($0)", "ai": "apollo", "message": "m"}"# }
        try await withRouter { client in
            let (status, answer) = try await post(client, #"{"operations": [\#(operations.joined(separator: ","))]}"#)
            #expect(status == .badRequest)
            #expect(((answer["error"] as? [String: Any])?["message"] as? String)?.contains("101 operations") == true)
        }
    }

    private static func pacedPlan(_ execution: String) -> String {
        #"{"execution": "\#(execution)", "operations": [{"id": "a", "ai": "apollo", "message": "1", "max_tokens": 3}, "#
            + #"{"id": "b", "ai": "athena", "message": "2", "max_tokens": 3}, "#
            + #"{"id": "c", "ai": "metis", "message": "3 {a}", "depends_on": ["a"], "max_tokens": 3}]}"#
    }

    /// Each operation takes the configured first-token latency; the start times show
    /// what ran together.
    @Test func parallelAndSequentialStartTimesFollowThePacing() async throws {
        let latency = 0.3
        try await withRouter(fastConfiguration(firstTokenLatency: latency)) { client in
            let (_, parallel) = try await post(client, Self.pacedPlan("parallel"))
            // Relative to each other, so a loaded machine that starts the run late does not matter.
            let starts = results(parallel).mapValues { $0["started_at"] as? Double ?? -1 }
            let a = starts["a"] ?? -1
            #expect(abs((starts["b"] ?? -1) - a) < latency / 2)
            #expect(starts["c"] ?? 0 >= a + latency)
            let (_, sequential) = try await post(client, Self.pacedPlan("sequential"))
            let order = results(sequential).mapValues { $0["started_at"] as? Double ?? -1 }
            #expect(order["b"] ?? 0 >= (order["a"] ?? 9) + latency)
            #expect(order["c"] ?? 0 >= (order["b"] ?? 9) + latency)
            #expect(sequential["execution_time"] as? Double ?? 0 >= 3 * latency)
        }
    }

    @Test func timeoutsFailTheOperation() async throws {
        try await withRouter(fastConfiguration(tokensPerSecond: 20)) { client in
            let (_, answer) = try await post(
                client,
                #"{"operations": [{"id": "slow", "ai": "apollo", "message": "m", "max_tokens": 1000, "timeout": 0.2}, "#
                    + #"{"id": "next", "ai": "apollo", "message": "{slow}", "depends_on": ["slow"]}]}"#)
            #expect(results(answer)["slow"]?["error"] as? String == "timed out after 0.2 s")
            #expect(results(answer)["next"]?["status"] as? String == "skipped")
            #expect(answer["status"] as? String == "failed")
        }
    }

    @Test func rateLimitedFaultAnswers429ThenServes() async throws {
        try await withRouter(fastConfiguration(faults: FaultPlan(rateLimitedRequests: 1))) { client in
            let uri = "/api/v2/ai/apollo/stream"
            let body = #"{"message": "hi"}"#
            try await client.execute(uri: uri, method: .post, body: jsonBody(body)) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[HeaderName("Retry-After")!] == "1")
                #expect(text(response).hasPrefix(#"{"error":{"code":"RATE_LIMITED""#))
            }
            try await client.execute(uri: uri, method: .post, body: jsonBody(body)) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try FaultPlan(parsing: "rate-limited=3").rateLimitedRequests == 3)
        #expect(throws: MockServerError.self) { try FaultPlan(parsing: "rate-limited=0") }
    }
}
