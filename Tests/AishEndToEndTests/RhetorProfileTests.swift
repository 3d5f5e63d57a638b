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

    @Test func anUnhealthySpecialistOnTheStreamSaysWhenToTryAgain() async throws {
        try await withRhetorMock { url in
            let result = try await AishProcess.run(["--url", url, "--transport", "v1", "hermes", "hello"])
            #expect(result.status == 69)
            #expect(result.errors.contains("re-checks its health every 30 s"), "\(result.errors)")
        }
    }
}
