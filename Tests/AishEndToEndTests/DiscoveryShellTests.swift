import AishKit
import Foundation
import Testing

/// `@capability` in the shell on a real terminal: Tab completes capabilities.
@Suite struct DiscoveryShellTests {
    @Test func tabCompletesCapabilitiesInATerminal() async throws {
        try await withFastMock { url in
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("aish-pty-\(UUID())")
            defer { try? FileManager.default.removeItem(at: state) }
            let shell = try PseudoTerminal(
                ["--url", url], environment: ["XDG_STATE_HOME": state.path, "XDG_CACHE_HOME": state.path])
            do {
                try await shell.waitFor("apollo›")
                shell.type("@deb\t")
                try await shell.waitFor("apollo› @debugging")
                shell.type("where is the leak\r")
                try await shell.waitFor("→ apollo (debugging 0.90)")
                try await shell.waitFor("apollo›", occurrences: 2)
                shell.type("/use @plan\t")
                try await shell.waitFor("/use @planning")
                shell.type("\r")
                try await shell.waitFor("now talking to prometheus")
                try await shell.waitFor("prometheus›")
                shell.type("/quit\r")
            } catch {
                // A shell left running would keep the mock's shutdown waiting on its socket.
                shell.signal(SIGKILL)
                throw error
            }
            #expect(try await shell.waitForExit() == 0)
        }
    }
}
