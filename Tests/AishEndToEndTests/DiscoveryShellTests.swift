import AishKit
import Foundation
import Testing

/// A scripted reader that also keeps the completer the shell hands it.
private final class CompletingReader: LineReader {
    private let script: ScriptedLineReader
    private let completer = LockedBox<ShellCompleter?>(nil)

    init(_ lines: [LineInput]) { script = ScriptedLineReader(lines) }

    func readLine(prompt: String) async -> LineInput { await script.readLine(prompt: prompt) }
    func remember(_ line: String) { script.remember(line) }
    func useCompleter(_ completer: ShellCompleter) { self.completer.withLock { $0 = completer } }
    var current: ShellCompleter? { completer.withLock { $0 } }
}

/// `@capability` in the shell: routing, `/use @capability`, and Tab.
@Suite struct DiscoveryShellTests {
    @Test func mentionsAndUseRouteByCapability() async throws {
        try await withFastMock { url in
            let aside = try await MockReference.reply(at: url, specialist: "apollo", message: "why does it hang?")
            let planned = try await MockReference.reply(at: url, specialist: "prometheus", message: "plan it")
            let output = MemorySink()
            let status = MemorySink()
            let reader = CompletingReader([
                .line("@debugging why does it hang?"), .line("/use @planning"), .line("plan it"),
                .line("@debuging hi"),
            ])
            let context = Shell.Context(
                client: try TektonClient(baseURL: url), reader: reader, output: output, status: status,
                interrupts: InterruptSignal(), colors: false)
            var shell = try await Shell.start(context, specialist: "athena")
            await shell.run()
            #expect(output.text == aside + planned)
            #expect(status.text.contains("→ apollo (debugging 0.90)\n"))
            #expect(status.text.contains("→ prometheus (planning 0.97)\nnow talking to prometheus"))
            #expect(
                status.text.contains("aish: no capability named 'debuging' on this server. Did you mean: debugging?"))
            #expect(shell.conversation.turns.map(\.specialist) == ["apollo", "apollo", "prometheus", "prometheus"])
            let completer = try #require(reader.current)
            #expect(completer.capabilities.contains("code-analysis"))
            #expect(completer.complete("@deb").candidates == ["debugging"])
        }
    }

    @Test func theShellCanStartOnACapability() async throws {
        try await withFastMock { url in
            let status = MemorySink()
            let context = Shell.Context(
                client: try TektonClient(baseURL: url), reader: ScriptedLineReader([]), output: MemorySink(),
                status: status, interrupts: InterruptSignal(), colors: false)
            var shell = try await Shell.start(context, specialist: "@cost-analysis")
            await shell.run()
            #expect(status.text.hasPrefix("→ penia (cost-analysis 0.97)\n"))
            #expect(status.text.contains("talking to penia"))
        }
    }

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
