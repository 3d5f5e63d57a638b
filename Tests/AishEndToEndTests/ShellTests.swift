import AishKit
import Foundation
import Testing

/// The shell's logic driven by a scripted line reader against the real mock.
@Suite struct ShellTests {
    private func runShell(_ lines: [LineInput], url: String) async throws -> (
        Shell, MemorySink, MemorySink, ScriptedLineReader
    ) {
        let output = MemorySink()
        let status = MemorySink()
        let reader = ScriptedLineReader(lines)
        let context = Shell.Context(
            client: try TektonClient(baseURL: url),
            reader: reader,
            output: output,
            status: status,
            interrupts: InterruptSignal()
        )
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        return (shell, output, status, reader)
    }

    @Test func messagesMentionsAndSwitching() async throws {
        try await withFastMock { url in
            let first = try await MockReference.reply(at: url, specialist: "apollo", message: "first")
            let aside = try await MockReference.reply(at: url, specialist: "athena", message: "aside")
            let second = try await MockReference.reply(at: url, specialist: "metis", message: "second")
            let (shell, output, status, reader) = try await runShell(
                [.line("first"), .line("@athena aside"), .line("/use metis"), .line("second"), .line(" secret")],
                url: url)
            #expect(output.text.hasPrefix(first + aside + second))
            #expect(status.text.contains("now talking to metis"))
            let turns = shell.conversation.turns
            #expect(
                turns.map(\.specialist) == ["apollo", "apollo", "athena", "athena", "metis", "metis", "metis", "metis"])
            #expect(turns.allSatisfy { $0.status == .complete })
            #expect(reader.history == ["first", "@athena aside", "/use metis", "second"])
        }
    }

    @Test func unknownCommandSuggestsTheClosestOne() async throws {
        try await withFastMock { url in
            let (_, _, status, _) = try await runShell([.line("/hlep"), .line("/quit"), .line("never read")], url: url)
            #expect(status.text.contains("unknown command /hlep. Did you mean /help?"))
        }
    }

    @Test func retryAsksAgainAndSaveWritesMarkdown() async throws {
        try await withFastMock { url in
            let reply = try await MockReference.reply(at: url, specialist: "apollo", message: "again")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("aish-\(UUID()).md")
            defer { try? FileManager.default.removeItem(at: file) }
            let (_, output, _, _) = try await runShell(
                [.line("again"), .line("/retry"), .line("/save \(file.path)")], url: url)
            #expect(output.text == reply + reply)
            let saved = try String(contentsOf: file, encoding: .utf8)
            #expect(saved.contains("## You → apollo\n\nagain"))
            #expect(saved.components(separatedBy: reply).count == 3)
        }
    }

    @Test func errorsKeepTheShellGoing() async throws {
        try await withFastMock { url in
            let (shell, _, status, _) = try await runShell(
                [.line("@hermes hello"), .line("/use nobody"), .line("/use"), .line("/retry")], url: url)
            #expect(status.text.contains("unavailable"))
            #expect(status.text.contains("no specialist named 'nobody'"))
            #expect(status.text.contains("usage: /use NAME"))
            #expect(shell.conversation.turns.count == 4)
        }
    }

    @Test func interruptStopsTheReplyAndKeepsThePartialText() async throws {
        try await withFastMock(faults: .init(firstTokenDelay: 30)) { url in
            let output = MemorySink()
            let status = MemorySink()
            let interrupts = InterruptSignal()
            let context = Shell.Context(
                client: try TektonClient(baseURL: url),
                reader: ScriptedLineReader([.line("slow one")]),
                output: output, status: status, interrupts: interrupts)
            var shell = try await Shell.start(context, specialist: "apollo")
            async let done: Void = shell.run()
            // Keep interrupting until the shell has stopped the reply (it waits 30 s otherwise).
            while !status.text.contains("stopped") {
                interrupts.interrupt()
                await Task.yield()
            }
            await done
            #expect(status.text.contains("⏹ stopped"))
        }
    }
}

/// The shell's sessions: every conversation is kept; /new, /sessions and /resume.
@Suite struct ShellSessionTests {
    @Test func conversationsAreKeptAndCanBeResumed() async throws {
        try await withFastMock { url in
            let store: any SessionStore = InMemorySessionStore()
            func shell(_ lines: [LineInput]) async throws -> (Shell, MemorySink) {
                let status = MemorySink()
                let context = Shell.Context(
                    client: try TektonClient(baseURL: url), reader: ScriptedLineReader(lines),
                    output: MemorySink(), status: status, interrupts: InterruptSignal(), store: store)
                var shell = try await Shell.start(context, specialist: "apollo")
                await shell.run()
                return (shell, status)
            }
            _ = try await shell([.line("first topic"), .line("/new"), .line("@athena second topic")])
            let stored = try await store.sessions(limit: nil)
            #expect(stored.map(\.title).sorted() == ["first topic", "second topic"])
            let first = try #require(stored.first { $0.title == "first topic" })
            let messages = try await store.messages(inSession: first.id)
            #expect(messages.map(\.role) == [.user, .specialist])
            #expect(messages.last?.status == .complete)
            #expect(messages.last?.content.isEmpty == false)

            let (resumed, status) = try await shell([
                .line("/sessions"), .line("/resume \(first.shortID)"), .line("and a follow-up"),
            ])
            #expect(status.text.contains(first.shortID))
            #expect(status.text.contains("resumed \(first.shortID) with apollo: 2 messages"))
            #expect(try await store.messages(inSession: first.id).count == 4)
            #expect(resumed.conversation.turns.count == 4)
            // The mock keeps server sessions, and the stored session remembers its own:
            // the follow-up went alone into it, and the server has the earlier turns.
            #expect(try await store.session(first.id).serverSessionID != nil)
            let followUp = try await MockReference.reply(at: url, specialist: "apollo", message: "and a follow-up")
            #expect(try await store.messages(inSession: first.id).last?.content == followUp)
        }
    }
}
