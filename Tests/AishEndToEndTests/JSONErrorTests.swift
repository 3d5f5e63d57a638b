import AishMockServer
import Foundation
import Testing

/// Issue 14, point 5: with `--json` every failure is one JSON object on standard
/// output, `{"error": {"code", "message", "exit_code"}}`, with the same exit status
/// as without it, and the usual `aish: error:` line on standard error.
@Suite(.timeLimit(.minutes(2))) struct JSONErrorTests {
    /// The one JSON object `result` printed, checked to be the whole of standard output.
    private func onlyObject(_ result: ProcessResult) throws -> [String: Any] {
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1, "stdout: \(result.output)")
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        return try #require(object, "stdout: \(result.output)")
    }

    private func expectError(_ result: ProcessResult, code: String, status: Int32) throws {
        #expect(result.status == status, "stderr: \(result.errors)")
        let error = try #require(try onlyObject(result)["error"] as? [String: Any], "stdout: \(result.output)")
        #expect(error["code"] as? String == code)
        #expect(error["exit_code"] as? Int == Int(status))
        let message = try #require(error["message"] as? String)
        #expect(!message.isEmpty)
        #expect(result.errors.contains("aish: error: " + message.prefix { $0 != "\n" }))
    }

    @Test func failuresBeforeAReplyAreOneJSONObject() async throws {
        try await SessionSandbox.with { sandbox in
            let env = sandbox.environment
            try await withRefusingPort { port in
                let url = "http://127.0.0.1:\(port)"
                for arguments in [["--json", "apollo", "hi"], ["specialists", "--json"], ["discover", "--json"]] {
                    let result = try await AishProcess.run(["--url", url] + arguments, environment: env)
                    try expectError(result, code: "server_unreachable", status: 69)
                }
            }
            var protected = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
            protected.tokens = ["tok-right"]
            try await withMockServer(protected) { url in
                let refused = try await AishProcess.run(
                    ["--url", url, "--json", "apollo", "hi"],
                    environment: env.merging(["AISH_TOKEN": "tok-wrong"]) { $1 })
                try expectError(refused, code: "unauthorized", status: 77)
            }
            try await withFastMock { url in
                let misspelt = try await AishProcess.run(["--url", url, "--json", "apolo", "hi"], environment: env)
                try expectError(misspelt, code: "unknown_specialist", status: 67)
                let capability = try await AishProcess.run(
                    ["--url", url, "discover", "--json", "--capability", "debuging"], environment: env)
                try expectError(capability, code: "unknown_capability", status: 67)
            }
            let session = try await AishProcess.run(["sessions", "show", "zzz", "--json"], environment: env)
            try expectError(session, code: "invalid_session_id", status: 64)
            let argument = try await AishProcess.run(["apollo", "--json", "--max-tokens", "0", "hi"], environment: env)
            try expectError(argument, code: "invalid_argument", status: 64)
        }
    }

    @Test func aBadPlanIsOneJSONObject() async throws {
        let plan = FileManager.default.temporaryDirectory.appendingPathComponent("aish-plan-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: plan) }
        try Data(#"{"operations": [{"id": "a", "ai": "apollo"}]}"#.utf8).write(to: plan)
        try await withFastMock { url in
            for flag in ["--json", "--jsonl"] {
                let result = try await AishProcess.run(["bulk", "--url", url, flag, plan.path])
                try expectError(result, code: "invalid_plan", status: 4)
            }
        }
    }

    /// A reply that fails after some text: its one object carries the text and the error.
    @Test func aFailedReplyIsOneObjectWithItsTextAndTheError() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock(faults: FaultPlan(fatalErrorAt: 5)) { url in
                let result = try await AishProcess.run(
                    ["--url", url, "--json", "apollo", "hi"], environment: sandbox.environment)
                #expect(result.status == 1)
                let object = try onlyObject(result)
                #expect((object["content"] as? String)?.isEmpty == false)
                let error = try #require(object["error"] as? [String: Any])
                #expect(error["code"] as? String == "specialist_failed")
                #expect(error["exit_code"] as? Int == 1)
                #expect(result.errors.components(separatedBy: "aish: error:").count == 2)
            }
        }
    }
}
