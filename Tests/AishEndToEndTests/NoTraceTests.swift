import AishMockServer
import Foundation
import Testing

/// Sessions hold conversations, not failures (issue 14, point 3): a chat that failed
/// before any text leaves no session, and `--no-save`, `AISH_NO_SAVE` and
/// `session.save: false` leave no trace at all.
@Suite(.timeLimit(.minutes(2))) struct NoTraceTests {
    @Test func chatsThatFailBeforeAnyTextAreNotSaved() async throws {
        try await SessionSandbox.with { sandbox in
            let env = sandbox.environment
            // A fatal error as the stream's first event: the reply fails before any text.
            try await withFastMock(faults: FaultPlan(fatalErrorAt: 1)) { url in
                for transport in ["ws", "sse"] {
                    let failed = try await AishProcess.run(
                        ["--url", url, "--transport", transport, "apollo", "hello"], environment: env)
                    #expect(failed.status == 1, "\(transport): \(failed.errors)")
                    #expect(failed.errors.contains("UPSTREAM_FAILED"))
                    #expect(failed.output.isEmpty)
                }
                // hermes is unhealthy on the mock.
                let unhealthy = try await AishProcess.run(["--url", url, "hermes", "hello"], environment: env)
                #expect(unhealthy.status == 69, "\(unhealthy.errors)")
            }
            try await withRefusingPort { port in
                let unreachable = try await AishProcess.run(
                    ["--url", "http://127.0.0.1:\(port)", "apollo", "hello"], environment: env)
                #expect(unreachable.status == 69, "\(unreachable.errors)")
            }
            var protected = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
            protected.tokens = ["tok-right"]
            try await withMockServer(protected) { url in
                let refused = try await AishProcess.run(
                    ["--url", url, "apollo", "hello"], environment: env.merging(["AISH_TOKEN": "tok-wrong"]) { $1 })
                #expect(refused.status == 77, "\(refused.errors)")
            }
            #expect(try await sandbox.listedSessions().isEmpty)
        }
    }

    @Test func noSaveLeavesNoDatabaseBehind() async throws {
        try await SessionSandbox.with { sandbox in
            let env = sandbox.environment
            let config = (sandbox.path as NSString).appendingPathComponent("config/aish/config.yaml")
            try FileManager.default.createDirectory(
                atPath: (config as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "session:\n  save: false\n".write(toFile: config, atomically: true, encoding: .utf8)
            try await withFastMock { url in
                let ways: [(arguments: [String], environment: [String: String])] = [
                    (["--no-save"], ["AISH_CONFIG": "/nonexistent/config.yaml"]),
                    ([], ["AISH_NO_SAVE": "1", "AISH_CONFIG": "/nonexistent/config.yaml"]),
                    ([], [:]),  // session.save: false in config.yaml
                ]
                for way in ways {
                    let chat = try await AishProcess.run(
                        ["--url", url, "--max-tokens", "5"] + way.arguments + ["apollo", "hello"],
                        environment: env.merging(way.environment) { $1 })
                    #expect(chat.status == 0, "\(way): \(chat.errors)")
                    #expect(!chat.output.isEmpty)
                    #expect(!FileManager.default.fileExists(atPath: sandbox.databasePath), "\(way)")
                }
                let shown = try await AishProcess.run(["config", "show"], environment: env)
                #expect(shown.output.contains("session.save"))
                #expect(shown.output.contains("false"))
            }
        }
    }

    @Test func noSaveWithContinueSendsTheTurnsAndAddsNone() async throws {
        try await SessionSandbox.with { sandbox in
            let env = sandbox.environment
            try await withFastMock { url in
                let first = try await AishProcess.run(
                    ["--url", url, "--max-tokens", "5", "apollo", "hello"], environment: env)
                #expect(first.status == 0, "\(first.errors)")
                let aside = try await AishProcess.run(
                    ["--url", url, "--max-tokens", "5", "-c", "--no-save", "-v", "apollo", "an aside"],
                    environment: env)
                #expect(aside.status == 0, "\(aside.errors)")
                #expect(!aside.output.isEmpty)
                let listed = try await sandbox.listedSessions()
                #expect(listed.count == 1)
                #expect(listed.first?.messageCount == 2)
            }
        }
    }

    @Test func aBadNoSaveValueNamesTheVariable() async throws {
        let result = try await AishProcess.run(
            ["--url", "http://127.0.0.1:9", "apollo", "hi"], environment: ["AISH_NO_SAVE": "perhaps"])
        #expect(result.status == 78)
        #expect(result.errors.contains("AISH_NO_SAVE is 'perhaps'; expected 1 or 0"))
    }
}
