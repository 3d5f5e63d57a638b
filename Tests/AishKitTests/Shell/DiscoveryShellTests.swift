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

/// `@capability` in the shell: routing, `/use @capability`, and the completer.
@Suite struct DiscoveryShellTests {
    @Test func mentionsAndUseRouteByCapability() async throws {
        let output = MemorySink()
        let status = MemorySink()
        let reader = CompletingReader([
            .line("@debugging why does it hang?"), .line("/use @planning"), .line("plan it"), .line("@debuging hi"),
        ])
        let context = Shell.Context(
            client: ScriptedTekton.server(), reader: reader, output: output, status: status,
            interrupts: InterruptSignal(), colors: false)
        var shell = try await Shell.start(context, specialist: "athena")
        await shell.run()
        #expect(
            output.text
                == ScriptedTransport.reply(to: "why does it hang?", from: "apollo")
                + ScriptedTransport.reply(to: "plan it", from: "prometheus"))
        #expect(status.text.contains("→ apollo (debugging 0.90)\n"))
        #expect(status.text.contains("→ prometheus (planning 0.97)\nnow talking to prometheus"))
        #expect(status.text.contains("aish: no capability named 'debuging' on this server. Did you mean: debugging?"))
        #expect(shell.conversation.turns.map(\.specialist) == ["apollo", "apollo", "prometheus", "prometheus"])
        let completer = try #require(reader.current)
        #expect(completer.capabilities.contains("code-analysis"))
        #expect(completer.complete("@deb").candidates == ["debugging"])
    }

    @Test func theShellCanStartOnACapability() async throws {
        let status = MemorySink()
        let context = Shell.Context(
            client: ScriptedTekton.server(), reader: ScriptedLineReader([]), output: MemorySink(), status: status,
            interrupts: InterruptSignal(), colors: false)
        var shell = try await Shell.start(context, specialist: "@cost-analysis")
        await shell.run()
        #expect(status.text.hasPrefix("→ penia (cost-analysis 0.97)\n"))
        #expect(status.text.contains("talking to penia"))
    }
}
