import AishKit
import AishMockServer
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// PROTOCOL.md §8 through the real binary: tokens from every source, the errors a
/// refused or missing token gives (never showing it), `aish login`/`logout`,
/// `aish status`, and waiting out a rate limit.
@Suite(.timeLimit(.minutes(2))) struct AuthAndLimitsTests {
    static let token = "tok-3f9a-right"

    private func withProtectedMock(
        faults: FaultPlan = .none, _ body: @Sendable (String) async throws -> Void
    ) async throws {
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0, faults: faults)
        configuration.tokens = [Self.token]
        try await withMockServer(configuration) { url in try await body(url) }
    }

    @Test(arguments: ["ws", "sse"])
    func aRefusedTokenExits77AndIsNeverPrinted(transport: String) async throws {
        try await withProtectedMock { url in
            let wrong = "tok-wrong-7c21"
            let refused = try await AishProcess.run(
                ["--url", url, "--transport", transport, "apollo", "hello"], environment: ["AISH_TOKEN": wrong])
            #expect(refused.status == 77)
            #expect(refused.errors.contains("did not accept the token"))
            #expect(!refused.errors.contains(wrong))
            #expect(refused.output.isEmpty)

            let missing = try await AishProcess.run(["--url", url, "--transport", transport, "apollo", "hello"])
            #expect(missing.status == 77)
            #expect(missing.errors.contains("needs a token"))
            #expect(missing.errors.contains("aish login"))

            let accepted = try await AishProcess.run(
                ["--url", url, "--transport", transport, "--max-tokens", "20", "apollo", "hello"],
                environment: ["AISH_TOKEN": Self.token])
            #expect(accepted.status == 0, "\(accepted.errors)")
            #expect(!accepted.output.isEmpty)
            #expect(!accepted.output.contains(Self.token) && !accepted.errors.contains(Self.token))
        }
    }

    /// A token in the arguments is readable by every user (`ps`): it still works,
    /// with a warning that names the safer ways; from the environment, no warning.
    @Test func aTokenOnTheCommandLineWorksWithAWarning() async throws {
        try await withProtectedMock { url in
            let given = try await AishProcess.run(
                ["--url", url, "--token", Self.token, "--max-tokens", "5", "apollo", "hi"])
            #expect(given.status == 0, "\(given.errors)")
            #expect(given.errors.contains("aish: warning: a token given with --token can be read by every user"))
            #expect(given.errors.contains("AISH_TOKEN, --token-file or `aish login`"))
            #expect(!given.errors.contains(Self.token))

            let quiet = try await AishProcess.run(
                ["--url", url, "--max-tokens", "5", "apollo", "hi"], environment: ["AISH_TOKEN": Self.token])
            #expect(quiet.status == 0, "\(quiet.errors)")
            #expect(!quiet.errors.contains("warning"))
        }
    }

    @Test func loginSavesTheTokenPrivatelyStatusAcceptsItAndLogoutDeletesIt() async throws {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        let tokenPath = (sandbox.path as NSString).appendingPathComponent("config/aish/token")
        try await withProtectedMock { url in
            let wrong = try await AishProcess.run(
                ["login", "--url", url], stdin: "tok-nope\n", environment: sandbox.environment)
            #expect(wrong.status == 77)
            #expect(wrong.errors.hasSuffix("aish: the token was not saved\n"))
            #expect(!FileManager.default.fileExists(atPath: tokenPath))

            let login = try await AishProcess.run(
                ["login", "--url", url], stdin: Self.token + "\n", environment: sandbox.environment)
            #expect(login.status == 0, "\(login.errors)")
            #expect(login.errors.contains(tokenPath))
            let attributes = try FileManager.default.attributesOfItem(atPath: tokenPath)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect(try String(contentsOfFile: tokenPath, encoding: .utf8) == Self.token + "\n")

            let status = try await AishProcess.run(["status", "--url", url], environment: sandbox.environment)
            #expect(status.status == 0)
            #expect(status.output.contains("from \(tokenPath): accepted"))
            #expect(status.output.contains("transport    WebSocket (server offers WebSocket)\n"))
            #expect(status.output.contains("one-shot     v2 SSE (one message, no connection to reuse)\n"))
            #expect(!status.output.contains(Self.token))

            let chat = try await AishProcess.run(
                ["--url", url, "--max-tokens", "5", "athena", "hi"], environment: sandbox.environment)
            #expect(chat.status == 0, "\(chat.errors)")

            let logout = try await AishProcess.run(["logout"], environment: sandbox.environment)
            #expect(logout.status == 0)
            #expect(!FileManager.default.fileExists(atPath: tokenPath))
        }
    }

    /// A server that cannot be asked does not say the token is wrong: nothing is saved,
    /// and `--no-verify` saves it without asking.
    @Test func loginToAServerThatIsDownSaysHowToSaveAnyway() async throws {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        let tokenPath = (sandbox.path as NSString).appendingPathComponent("config/aish/token")
        let down = try await AishProcess.run(
            ["login", "--url", "http://127.0.0.1:9"], stdin: Self.token + "\n", environment: sandbox.environment)
        #expect(down.status == 69)
        #expect(down.errors.contains("cannot reach the Tekton server at http://127.0.0.1:9"))
        #expect(
            down.errors.hasSuffix(
                "aish: the token was not saved; `aish login --no-verify` saves it without asking the server\n"))
        #expect(!down.errors.contains(Self.token))
        #expect(!FileManager.default.fileExists(atPath: tokenPath))
        let saved = try await AishProcess.run(
            ["login", "--url", "http://127.0.0.1:9", "--no-verify"], stdin: Self.token + "\n",
            environment: sandbox.environment)
        #expect(saved.status == 0, "\(saved.errors)")
        #expect(try String(contentsOfFile: tokenPath, encoding: .utf8) == Self.token + "\n")
    }

    @Test func aTokenFileOthersCanReadIsRefused() async throws {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        let tokenPath = (sandbox.path as NSString).appendingPathComponent("token-file")
        try (Self.token + "\n").write(toFile: tokenPath, atomically: true, encoding: .utf8)
        chmod(tokenPath, 0o644)
        try await withProtectedMock { url in
            let result = try await AishProcess.run(
                ["--url", url, "--token-file", tokenPath, "apollo", "hi"], environment: sandbox.environment)
            #expect(result.status == 78)
            #expect(result.errors.contains("chmod 600 \(tokenPath)"))
            #expect(result.errors.contains("0644"))
            #expect(!result.errors.contains(Self.token))

            chmod(tokenPath, 0o600)
            let fixed = try await AishProcess.run(
                ["--url", url, "--token-file", tokenPath, "--max-tokens", "5", "apollo", "hi"],
                environment: sandbox.environment)
            #expect(fixed.status == 0, "\(fixed.errors)")
        }
    }

    @Test func statusSaysWhyAServerIsNotUsable() async throws {
        try await withProtectedMock { url in
            let refused = try await AishProcess.run(["status", "--url", url, "--token", "tok-bad"])
            #expect(refused.status == 77)
            #expect(refused.output.contains("REFUSED"))
            #expect(!refused.output.contains("tok-bad"))

            let json = try await AishProcess.run(
                ["status", "--url", url, "--json"], environment: ["AISH_TOKEN": Self.token])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(object["usable"] as? Bool == true)
            #expect((object["token"] as? [String: Any])?["status"] as? String == "accepted")
            #expect((object["transport"] as? [String: Any])?["kind"] as? String == "ws")
            // What a one-shot chat would use instead, as it differs (one message, no connection to reuse).
            #expect((object["one_shot_transport"] as? [String: Any])?["kind"] as? String == "sse")
            #expect((object["features"] as? [String])?.contains("websocket") == true)
            #expect(object["round_trip_ms"] is Double)
        }
        let down = try await AishProcess.run(["status", "--url", "http://127.0.0.1:9"])
        #expect(down.status == 69)
        #expect(down.output.contains("reachable") && down.output.contains("no: cannot reach"))
    }

    @Test(arguments: ["ws", "sse"])
    func aRateLimitIsWaitedOutWithANoticeOnStandardError(transport: String) async throws {
        // The fault counts every chat request, so the reference comes from another mock.
        let reference = try await withFastMock { url in
            try await MockReference.reply(at: url, specialist: "apollo", message: "wait for it")
        }
        try await withFastMock(faults: FaultPlan(rateLimitedRequests: 1)) { url in
            let result = try await AishProcess.run(["--url", url, "--transport", transport, "apollo", "wait for it"])
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == reference)
            #expect(result.errors.contains("RATE_LIMITED"))
            #expect(result.errors.contains("tries again in 1 s (retry 1 of 3)"))
        }
    }

    @Test func aRateLimitThatOutlastsTheRetriesIsAClearError() async throws {
        try await withFastMock(faults: FaultPlan(rateLimitedRequests: 10)) { url in
            let result = try await AishProcess.run(["--url", url, "--transport", "sse", "apollo", "never"])
            #expect(result.status == 69)
            #expect(result.errors.contains("rate limit"))
            #expect(result.errors.contains("4 times"))
            #expect(result.output.isEmpty)
        }
    }
}

/// A server that dies in the middle of a reply: aish says so, and keeps the text
/// it had.
@Suite(.timeLimit(.minutes(2))) struct ServerKilledTests {
    @Test func aServerKilledMidStreamLeavesAClearErrorAndThePartialText() async throws {
        let mock = try SpawnedProcess.spawn(
            AishProcess.binary.path,
            ["mock", "--port", "0", "--tokens-per-second", "200", "--first-token-latency", "0"],
            environment: ProcessInfo.processInfo.environment, output: .pipe, errors: .null)
        defer {
            mock.send(SIGKILL)
            _ = mock.wait()
            if let output = mock.output { close(output) }
        }
        let line = await MockCommandTests.firstLine(of: mock.output ?? -1)
        let url = try #require(line.split(separator: " ").last.map(String.init))

        let chat = try StreamingAish.start([
            "--url", url, "--transport", "sse", "--max-tokens", "5000", "apollo", "a long answer",
        ])
        // Once some of the reply has arrived, the server dies.
        let firstBytes = await chat.firstOutput()
        #expect(!firstBytes.isEmpty)
        mock.send(SIGKILL)
        let ending = await chat.finish()
        let (output, errors, status) = (firstBytes + ending.output, ending.errors, ending.status)
        #expect(status == 1)
        #expect(errors.contains("cut off"))
        #expect(errors.contains("kept"))

        let full = try await withFastMock { plain in
            try await AishProcess.run([
                "--url", plain, "--transport", "sse", "--max-tokens", "5000", "apollo", "a long answer",
            ])
        }
        let text = String(decoding: output, as: UTF8.self)
        #expect(!text.isEmpty)
        #expect(full.output.hasPrefix(text))
        #expect(full.output.count > text.count)
    }
}

/// The transport choice is remembered per server for a short time.
@Suite struct TransportCacheTests {
    @Test func theSecondChatUsesTheRememberedCapabilities() async throws {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        try await withFastMock { url in
            let arguments = ["--url", url, "-v", "--max-tokens", "5", "apollo", "hi"]
            let first = try await AishProcess.run(arguments, environment: sandbox.environment)
            #expect(first.status == 0)
            #expect(first.errors.contains("over v2 SSE (\(TransportSelector.oneMessageReason))"))
            let second = try await AishProcess.run(arguments, environment: sandbox.environment)
            #expect(
                second.errors.contains(
                    "over v2 SSE (\(TransportSelector.oneMessageReason), remembered for this server)"))
            let cache = (sandbox.path as NSString).appendingPathComponent("cache/aish/servers.json")
            #expect(try String(contentsOfFile: cache, encoding: .utf8).contains(url))
        }
    }
}
