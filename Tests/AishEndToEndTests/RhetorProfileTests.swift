import Foundation
import Testing

/// aish against the mock's Rhetor profile: the server Tekton runs today (v1 only).
@Suite struct RhetorProfileTests {
    /// A reply of about 20 KB.
    static let longMessage = "write it all out [tokens=4000]"

    @Test func aLongOneShotReplyTakesOnePost() async throws {
        try await withRhetorMock { url in
            let result = try await AishProcess.run(["--url", url, "-v", "apollo", Self.longMessage])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output.utf8.count >= 20_000)
            #expect(
                result.errors.contains(
                    "over v1 POST (v1 server: its stream waits for the whole reply, so one POST is faster)"))
            let statusLine = try #require(result.errors.split(separator: "\n").last)
            #expect(statusLine.hasSuffix("· v1 POST"))
            #expect(!statusLine.contains("tok"))  // v1 sends no token counts
        }
    }

    @Test func forcingTheV1StreamStillStreamsAndSaysSo() async throws {
        try await withRhetorMock { url in
            let posted = try await AishProcess.run(["--url", url, "apollo", "hello"])
            let result = try await AishProcess.run(["--url", url, "-v", "--transport", "v1", "apollo", "hello"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == posted.output)
            #expect(result.errors.contains("over v1 SSE (forced by --transport; the message goes in the URL"))
            let statusLine = try #require(result.errors.split(separator: "\n").last)
            #expect(statusLine.hasSuffix("· v1 SSE"))
        }
    }

    @Test(arguments: ["v1-post", "v1"])
    func aModelErrorIsAFailureNotAReply(transport: String) async throws {
        try await withRhetorMock { url in
            let result = try await AishProcess.run(["--url", url, "--transport", transport, "apollo", "[model-error]"])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.errors.contains("apollo-ci failed: the model failed: "), "\(result.errors)")
            #expect(!result.errors.contains("{'type'"))
        }
    }

    @Test func mockRhetorRunsTheProfileInProcess() async throws {
        let result = try await AishProcess.run(["--mock-rhetor", "-v", "apollo", "hello"])
        #expect(result.status == 0, "stderr: \(result.errors)")
        #expect(!result.output.isEmpty)
        #expect(result.errors.contains("apollo-ci at http://127.0.0.1:"))
        #expect(result.errors.contains("over v1 POST"))
    }

    @Test func optionsV1CannotSendGetOneNotice() async throws {
        try await withRhetorMock { url in
            let result = try await AishProcess.run(
                ["--url", url, "--max-tokens", "50", "--temperature", "0.2", "apollo", "hello"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(!result.output.isEmpty)
            #expect(
                result.errors
                    == "aish: notice: --max-tokens and --temperature were not sent: Tekton's v1 API takes only "
                    + "the message (a v2 server honours them)\n")
            let plain = try await AishProcess.run(["--url", url, "apollo", "hello"])
            #expect(plain.errors.isEmpty)
        }
    }

    @Test func discoveryUsesRhetorsCategoriesAndRoles() async throws {
        try await withRhetorMock { url in
            let listed = try await AishProcess.run(["--url", url, "discover", "--capability", "planning"])
            #expect(listed.status == 0, "stderr: \(listed.errors)")
            #expect(listed.output.contains("prometheus-ci"))
            let routed = try await AishProcess.run(["--url", url, "@knowledge", "hello"])
            #expect(routed.status == 0, "stderr: \(routed.errors)")
            #expect(routed.errors.hasPrefix("→ athena-ci"))
            #expect(!routed.output.isEmpty)
        }
    }

    /// Rhetor in front of a reasoning model (deepseek-r1 or qwen3 under Ollama): the
    /// thinking comes first in the reply's text. A one-shot prints the answer alone over
    /// Rhetor's POST and its simulated stream alike (`--json` gives the thinking apart,
    /// and no token count, which v1 does not have), and a team chat keeps the answers.
    @Test func thinkingInTheReplysTextIsNotTheAnswer() async throws {
        try await SessionSandbox.with { sandbox in
            try await withRhetorMock { url in
                let message = "[think-inline] why is the sky blue"
                let reference = try await MockReference.reply(at: url, specialist: "apollo-ci", message: message)
                let (thinking, answer) = try MockReference.inlineThinking(in: reference)
                for transport in ["v1-post", "v1"] {
                    let result = try await AishProcess.run(
                        ["--url", url, "--transport", transport, "apollo", message], environment: sandbox.environment)
                    #expect(result.status == 0, "\(transport): \(result.errors)")
                    #expect(result.output == answer, "\(transport)")
                }
                let json = try await AishProcess.run(
                    ["--url", url, "apollo", message, "--json"], environment: sandbox.environment)
                let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
                #expect(object["content"] as? String == answer)
                #expect(object["reasoning"] as? String == thinking)
                #expect(object["tokens"] == nil, "v1 counts no tokens: \(object)")
                // The whole reply came at once: how long the model thought is not known.
                #expect((object["timings"] as? [String: Any])?["thinking_ms"] == nil, "\(object)")
                let verbose = try await AishProcess.run(
                    ["--url", url, "-v", "apollo", message], environment: sandbox.environment)
                let statusLine = try #require(verbose.errors.split(separator: "\n").last)
                #expect(statusLine.hasSuffix("· v1 POST") && !statusLine.contains("thought"), "\(statusLine)")
                let team = try await AishProcess.run(["--url", url, "team", message], environment: sandbox.environment)
                #expect(team.status == 0, "\(team.errors)")
                #expect(team.output.contains("That is all from *Apollo*."))
                #expect(!team.output.contains("think>"), "\(team.output)")
                #expect(!team.output.contains("The question:"))
            }
        }
    }

    @Test func anUnhealthySpecialistOnTheStreamSaysWhenToTryAgain() async throws {
        try await withRhetorMock { url in
            let result = try await AishProcess.run(["--url", url, "--transport", "v1", "hermes", "hello"])
            #expect(result.status == 69)
            #expect(result.errors.contains("re-checks its health every 30 s"), "\(result.errors)")
        }
    }
}
