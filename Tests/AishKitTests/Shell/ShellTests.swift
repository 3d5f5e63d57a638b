import AishKit
import Foundation
import Testing

/// The shell's logic, driven by a scripted line reader against a scripted server:
/// no socket, no terminal.
@Suite struct ShellTests {
    private func runShell(_ lines: [LineInput], server: ScriptedServer = ScriptedTekton.server()) async throws -> (
        Shell, MemorySink, MemorySink, ScriptedLineReader
    ) {
        let output = MemorySink()
        let status = MemorySink()
        let reader = ScriptedLineReader(lines)
        let context = Shell.Context(
            client: server, reader: reader, output: output, status: status, interrupts: InterruptSignal())
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        return (shell, output, status, reader)
    }

    private func reply(_ message: String, from specialist: String) -> String {
        ScriptedTransport.reply(to: message, from: specialist)
    }

    @Test func messagesMentionsAndSwitching() async throws {
        let (shell, output, status, reader) = try await runShell([
            .line("first"), .line("@athena aside"), .line("/use metis"), .line("second"), .line(" secret"),
        ])
        #expect(
            output.text.hasPrefix(
                reply("first", from: "apollo") + reply("aside", from: "athena") + reply("second", from: "metis")))
        #expect(status.text.contains("now talking to metis"))
        let turns = shell.conversation.turns
        #expect(
            turns.map(\.specialist) == ["apollo", "apollo", "athena", "athena", "metis", "metis", "metis", "metis"])
        #expect(turns.allSatisfy { $0.status == .complete })
        #expect(reader.history == ["first", "@athena aside", "/use metis", "second"])
    }

    /// A reasoning model's thinking shows on the status output before its answer, and
    /// `/thinking` hides and shows it again; the answer is the same either way.
    @Test func thinkingShowsUntilHiddenAndSwitchesBack() async throws {
        let server = ScriptedTekton.server { request in
            [.reasoning("pondering \(request.message)"), .text("answer", tokens: 1), .done(tokensUsed: 1)]
        }
        let (_, output, status, _) = try await runShell(
            [.line("one"), .line("/thinking hide"), .line("two"), .line("/thinking"), .line("three")], server: server)
        #expect(status.text.contains("Thinking…\npondering one\n…done thinking."))
        #expect(!status.text.contains("pondering two"))
        #expect(status.text.contains("a reasoning model's thinking is hidden before its answer"))
        #expect(status.text.contains("pondering three"))
        #expect(output.text.components(separatedBy: "answer").count == 4)
        #expect(!output.text.contains("pondering"))
    }

    /// `/specialists` lists the roster; with words, what matches every one of them.
    @Test func specialistsTakeWordsToLookFor() async throws {
        let (_, _, status, _) = try await runShell([
            .line("/specialists"), .line("/specialists MET"), .line("/specialists nobody"), .line("/quit"),
        ])
        let tables = status.text.components(separatedBy: "SPECIALIST")
        #expect(tables.count == 3, "\(status.text)")
        #expect(tables[1].contains("athena") && tables[1].contains("metis"))
        #expect(tables[2].contains("metis") && !tables[2].contains("athena"))
        #expect(status.text.contains("no specialist or model matches “nobody” (of "))
    }

    @Test func unknownCommandSuggestsTheClosestOne() async throws {
        let (_, _, status, _) = try await runShell([.line("/hlep"), .line("/quit"), .line("never read")])
        #expect(status.text.contains("unknown command /hlep. Did you mean /help? /help lists them.\n"))
        #expect(!status.text.contains("begin it with //"))
    }

    /// A line that starts with a path is no command: the error says how to send it.
    @Test func aPathIsToldHowToBeSent() async throws {
        let (_, output, status, _) = try await runShell([
            .line("/etc/hosts what is it"), .line("//etc/hosts what is it"), .line("/quit"),
        ])
        #expect(
            status.text.contains(
                "unknown command /etc/hosts. /help lists them; to send a message that starts with a slash, "
                    + "begin it with //, as in //etc/hosts."))
        // Sent once, without the second slash: "/etc/hosts what is it" is 21 bytes.
        #expect(output.text == "apollo heard 21 bytes ending in 's what is it'.")
    }

    @Test func retryAsksAgainAndSaveWritesMarkdown() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("aish-\(UUID()).md")
        defer { try? FileManager.default.removeItem(at: file) }
        let (_, output, _, _) = try await runShell([.line("again"), .line("/retry"), .line("/save \(file.path)")])
        let answer = reply("again", from: "apollo")
        #expect(output.text == answer + answer)
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains("## You → apollo\n\nagain"))
        #expect(saved.components(separatedBy: answer).count == 3)
    }

    @Test func errorsKeepTheShellGoing() async throws {
        let (shell, _, status, _) = try await runShell([
            .line("@hermes hello"), .line("/use nobody"), .line("/use"), .line("/retry"),
        ])
        #expect(status.text.contains("unavailable"))
        #expect(status.text.contains("no specialist named 'nobody'"))
        #expect(status.text.contains("usage: /use NAME"))
        // A question that got no text leaves the conversation, and /retry still asks it again.
        #expect(shell.conversation.turns.isEmpty)
        #expect(status.text.components(separatedBy: "unavailable").count == 3)
    }

    @Test func teamAsksEveryHealthySpecialistAndTheConversationGoesOn() async throws {
        let (shell, output, status, _) = try await runShell([.line("/team what next?"), .line("and you?")])
        for specialist in ScriptedTekton.roster.filter(\.healthy) {
            let answer = reply("what next?", from: specialist.id)
            #expect(output.text.contains(TeamSession.section(specialist.bareName, answer)))
        }
        #expect(status.text.contains("asking 5 specialists"))
        #expect(status.text.contains("5 succeeded"))
        // The conversation with apollo is not the team's.
        #expect(shell.conversation.turns.map(\.content) == ["and you?", reply("and you?", from: "apollo")])
    }

    /// `/copy` asks the terminal (OSC 52) to copy the last reply, `/copy N` its Nth
    /// code block; a block that is not there, or no terminal, gets a clear answer.
    @Test func copyPutsTheLastReplyOrACodeBlockOnTheClipboard() async throws {
        let reply = "Two ways:\n\n```swift\nlet a = 1\n```\n\nor\n\n~~~sh\necho b\n~~~\n"
        let server = ScriptedTekton.server { _ in [.text(reply), .done()] }
        let output = MemorySink(isTerminal: true)
        let status = MemorySink()
        let context = Shell.Context(
            client: server,
            reader: ScriptedLineReader([
                .line("/copy"), .line("show me"), .line("/copy 2"), .line("/copy"), .line("/copy 3"),
            ]),
            output: output, status: status, interrupts: InterruptSignal())
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        func osc52(_ text: String) -> String { "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}" }
        #expect(output.text.contains(osc52("echo b\n")))
        #expect(output.text.contains(osc52(reply)))
        #expect(status.text.contains("nothing to copy yet"))
        #expect(status.text.contains("copied code block 2 of the last reply (7 bytes) through the terminal (OSC 52)"))
        #expect(status.text.contains("the last reply has 2 code blocks"))
        #expect(status.text.contains("set-clipboard on"))
    }

    @Test func theClipboardSequenceIsBase64AsFoundationWritesIt() {
        for length in 0..<40 {
            let text = String(String.UnicodeScalarView((0..<length).map { Unicode.Scalar(UInt8(32 + $0 * 7 % 90)) }))
            let expected = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
            #expect(TerminalClipboard.sequence(copying: text) == expected, "\(length)")
        }
        #expect(
            TerminalClipboard.sequence(copying: "日本 🚀") == "\u{1B}]52;c;" + Data("日本 🚀".utf8).base64EncodedString()
                + "\u{07}")
    }

    @Test func interruptStopsTheReplyAndKeepsThePartialText() async throws {
        let clock = ManualClock()
        let server = ScriptedTekton.server(clock: clock) { _ in [.text("partial"), .wait(.seconds(30)), .done()] }
        let output = MemorySink()
        let status = MemorySink()
        let interrupts = InterruptSignal()
        let context = Shell.Context(
            client: server, reader: ScriptedLineReader([.line("slow one")]), output: output, status: status,
            interrupts: interrupts)
        var shell = try await Shell.start(context, specialist: "apollo")
        async let done: Void = shell.run()
        // The reply is waiting on the clock once it sleeps; then Ctrl-C stops it.
        while clock.sleeperCount == 0 { await Task.yield() }
        while !interrupts.interrupt() { await Task.yield() }
        await done
        #expect(status.text.contains("⏹ stopped"))
        #expect(output.text == "partial")
    }
}

/// The shell's sessions: every conversation is kept; /new, /sessions and /resume.
@Suite struct ShellSessionTests {
    /// A shell on apollo that reads `lines` and keeps its sessions in `store`; it
    /// returns once the lines run out, with what it said on standard error.
    private func shell(_ lines: [LineInput], server: ScriptedServer, store: any SessionStore) async throws -> (
        Shell, MemorySink
    ) {
        let status = MemorySink()
        let context = Shell.Context(
            client: server, reader: ScriptedLineReader(lines), output: MemorySink(), status: status,
            interrupts: InterruptSignal(), store: store)
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        return (shell, status)
    }

    @Test func conversationsAreKeptAndCanBeResumed() async throws {
        let server = ScriptedTekton.server()
        let store: any SessionStore = InMemorySessionStore()
        func shell(_ lines: [LineInput]) async throws -> (Shell, MemorySink) {
            try await self.shell(lines, server: server, store: store)
        }
        _ = try await shell([.line("first topic"), .line("/new"), .line("@athena second topic")])
        let stored = try await store.sessions(limit: nil)
        #expect(stored.map(\.title).sorted() == ["first topic", "second topic"])
        let first = try #require(stored.first { $0.title == "first topic" })
        let messages = try await store.messages(inSession: first.id)
        #expect(messages.map(\.role) == [.user, .specialist])
        #expect(messages.last?.status == .complete)
        #expect(messages.last?.content == ScriptedTransport.reply(to: "first topic", from: "apollo"))

        let (resumed, status) = try await shell([
            .line("/sessions"), .line("/resume \(first.shortID)"), .line("and a follow-up"),
        ])
        #expect(status.text.contains(first.shortID))
        #expect(status.text.contains("resumed \(first.shortID) with apollo: 2 messages"))
        #expect(try await store.messages(inSession: first.id).count == 4)
        #expect(resumed.conversation.turns.count == 4)
        // The stored session remembers its server session: the follow-up went alone into it.
        let serverSession = try #require(try await store.session(first.id).serverSessionID)
        #expect(server.requests.last?.sessionID == serverSession)
        #expect(server.requests.last?.message == "and a follow-up")
    }

    /// `/resume` shows the last two exchanges again, and counts the ones before.
    @Test func resumeReplaysTheLastTurns() async throws {
        let server = ScriptedTekton.server()
        let store: any SessionStore = InMemorySessionStore()
        _ = try await shell([.line("one"), .line("two"), .line("three")], server: server, store: store)
        let id = try #require(try await store.latestSession()?.shortID)
        let output = MemorySink()
        let status = MemorySink()
        let context = Shell.Context(
            client: server, reader: ScriptedLineReader([.line("/resume \(id)")]), output: output, status: status,
            interrupts: InterruptSignal(), store: store)
        var resumed = try await Shell.start(context, specialist: "apollo")
        await resumed.run()
        let reply = { (text: String) in ScriptedTransport.reply(to: text, from: "apollo") }
        #expect(output.text == "apollo› two\n\(reply("two"))\napollo› three\n\(reply("three"))\n")
        #expect(status.text.contains("… 2 earlier messages"))
    }

    @Test func resumeContinuesWithTheSpecialistAskedLastAndRetryAsksItAgain() async throws {
        let server = ScriptedTekton.server()
        let store: any SessionStore = InMemorySessionStore()
        _ = try await shell([.line("first topic"), .line("@athena more on it")], server: server, store: store)
        let session = try #require(try await store.sessions(limit: nil).first)
        #expect(session.specialist == "apollo")
        let (_, status) = try await shell(
            [.line("/resume \(session.shortID)"), .line("/retry")], server: server, store: store)
        #expect(status.text.contains("resumed \(session.shortID) with athena: 4 messages"))
        #expect(server.requests.last?.specialistID == "athena")
        #expect(server.requests.last?.message.hasSuffix("more on it") == true)
    }

    @Test func aV1ServerGetsTheEarlierTurnsInFront() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        let context = Shell.Context(
            client: server, reader: ScriptedLineReader([.line("first"), .line("second")]), output: MemorySink(),
            status: MemorySink(), interrupts: InterruptSignal(), store: InMemorySessionStore())
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        let sent = server.requests.map(\.message)
        #expect(sent.first == "first")
        #expect(sent.last?.hasPrefix("[Earlier in this conversation]\nUser: first\n") == true)
        #expect(sent.last?.hasSuffix("\n\nsecond") == true)
        #expect(server.requests.allSatisfy { $0.sessionID == nil })
    }
}
