import Foundation
import Testing

/// Issue 14, point 2: connection options before the subcommand, as in git.
@Suite struct OptionsBeforeSubcommandTests {
    @Test func optionsBeforeTheSubcommandWorkAsAfterIt() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let env = sandbox.environment
                let before = try await AishProcess.run(["--url", url, "-v", "specialists", "--json"], environment: env)
                let after = try await AishProcess.run(["specialists", "--json", "--url", url, "-v"], environment: env)
                #expect(before.status == 0, "stderr: \(before.errors)")
                #expect(before.stdout == after.stdout)
                let sessions = try await AishProcess.run(
                    ["--db", sandbox.path + "/other.db", "sessions", "--json"], environment: env)
                #expect(sessions.status == 0, "stderr: \(sessions.errors)")
            }
        }
    }
}
