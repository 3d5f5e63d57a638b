import AishKit
import AishMockServer
import Foundation
import Testing

/// The shell in a real pseudo-terminal: libedit, signals, history, completion.
@Suite struct InteractiveShellTests {
    private static let prompt = "apollo›"

    private func stateDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aish-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func start(_ url: String, state: URL, environment: [String: String] = [:]) throws -> PseudoTerminal {
        var env = ["XDG_STATE_HOME": state.path]
        env.merge(environment) { $1 }
        return try PseudoTerminal(["--url", url], environment: env)
    }

    @Test func historySurvivesARestartAndIsPrivate() async throws {
        let state = try stateDirectory()
        try await withFastMock { url in
            let first = try start(url, state: state)
            try await first.waitFor(Self.prompt)
            first.type("remember this question\r")
            try await first.waitFor(Self.prompt, occurrences: 2)
            first.type(" not this one\r")
            try await first.waitFor(Self.prompt, occurrences: 3)
            first.type("/quit\r")
            #expect(try await first.waitForExit() == 0)

            let second = try start(url, state: state)
            try await second.waitFor(Self.prompt)
            second.type("\u{1B}[A")  // Up: the last line recorded, /quit
            try await second.waitFor("apollo› /quit")
            second.type("\u{1B}[A")  // and the one before; " not this one" was never recorded
            try await second.waitFor("apollo› remember this question")
            second.type("\u{03}")
            try await second.waitFor(Self.prompt, occurrences: 2)
            second.type("/quit\r")
            #expect(try await second.waitForExit() == 0)
        }
        let history = state.appendingPathComponent("aish/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOf: history, encoding: .utf8)
        #expect(text.contains("remember"))
        #expect(!text.contains("not this one"))
    }

    @Test func tabCompletesCommandsAndSpecialists() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("/spec\t")
            try await shell.waitFor("/specialists")
            shell.type("\r")
            try await shell.waitFor("SPECIALIST")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("/use ath\t\r")
            try await shell.waitFor("now talking to athena")
            try await shell.waitFor("athena›")
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
        }
    }

    @Test func aPastedBlockIsOneMessage() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("\u{1B}[200~first pasted line\nsecond pasted line\u{1B}[201~")
            try await shell.waitFor("[pasted 2 lines #1]")
            shell.type("\r")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
            let screen = shell.screen
            #expect(screen.components(separatedBy: "tok/s").count == 2)
            #expect(screen.contains("first pasted line second pasted line"))
        }
    }

    @Test func aPasteEndingInANewlineCountsItsLines() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("\u{1B}[200~one\ntwo\nthree\n\u{1B}[201~")
            try await shell.waitFor("[pasted 3 lines #1]")
            shell.type("\u{15}/quit\r")  // Ctrl-U clears the line first
            #expect(try await shell.waitForExit() == 0)
            #expect(!shell.screen.contains("[pasted 4 lines"))
        }
    }

    @Test func aBlockPastedWhileAReplyStreamsWaitsForThePromptAsOneMessage() async throws {
        // The reply waits after its first line until the paste is typed.
        let hold = GenerationHold()
        hold.hold(afterTokens: 8)
        defer { hold.release() }
        try await withFastMock(tokensPerSecond: 40, hold: hold) { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("tell me a story\r")
            try await shell.waitFor("Apollo on")  // the reply is streaming
            shell.type("\u{1B}[200~typed ahead one\ntyped ahead two\u{1B}[201~")
            hold.release()
            try await shell.waitFor("tok/s")  // the reply ended
            try await shell.waitFor("[pasted 2 lines #1]")
            let screen = shell.screen
            // Nothing was echoed into the reply, and nothing was sent on its own.
            #expect(!screen.contains("typed ahead"))
            #expect(screen.components(separatedBy: "tok/s").count == 2)
            shell.type("\r")
            try await shell.waitFor(Self.prompt, occurrences: 3)
            #expect(shell.screen.contains("typed ahead one typed ahead two"))
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
        }
    }

    /// Errors and notes in the shell wrap at words on a narrow terminal, as a one-shot's do.
    @Test func errorsWrapAtWordsOnANarrowTerminal() async throws {
        try await withFastMock { url in
            let shell = try PseudoTerminal(
                ["--url", url], environment: ["XDG_STATE_HOME": try stateDirectory().path], columns: 50)
            try await shell.waitFor(Self.prompt)
            // At 50 columns, a cut at the edge would split "there" and "existing".
            shell.type("/save /no/such/folder/answer.md\r")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
            let screen = shell.screen
            for word in ["there", "/no/such/folder/answer.md:", "existing", "folder."] {
                #expect(screen.contains(word), "\(word) was cut at the edge:\n\(screen)")
            }
            #expect(screen.split(separator: "\n").allSatisfy { TerminalWidth.cells($0) <= 50 })
        }
    }

    @Test func tripleQuotesMakeOneMessage() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("\"\"\"\rline one\rline two\r\"\"\"\r")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
            #expect(shell.screen.components(separatedBy: "tok/s").count == 2)
            #expect(shell.screen.contains("line one line two"))
        }
    }

    @Test func ctrlCStopsASlowReplyAndTheShellLivesOn() async throws {
        try await withFastMock(tokensPerSecond: 20) { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("tell me a long story\r")
            try await shell.waitFor("Apollo on")  // the reply has started
            // Ctrl-C leaves the reply text on its way to the screen (NOFLSH), and drops
            // the keys typed ahead of it, as a terminal does.
            #expect(shell.localModes & tcflag_t(NOFLSH | ISIG) == tcflag_t(NOFLSH | ISIG))
            shell.type("typed ahead")
            shell.type("\u{03}")
            try await shell.waitFor("stopped")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("/status\r")
            try await shell.waitFor("last reply")
            #expect(!shell.screen.contains("typed ahead"))
            try await shell.waitFor(Self.prompt, occurrences: 3)
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
        }
    }

    /// A closed terminal (SIGHUP) or SIGTERM while a reply streams: the reply is
    /// saved with what arrived, and the shell ends as the signal asks; at the prompt
    /// it ends at once.
    @Test(arguments: [(SIGHUP, Int32(129)), (SIGTERM, Int32(143))])
    func aSignalThatEndsTheShellSavesTheReplyFirst(signal: Int32, expected: Int32) async throws {
        let state = try stateDirectory()
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        try await withFastMock(tokensPerSecond: 5) { url in
            // A database of its own, and checkpoints far apart: what is saved comes from the final save.
            let environment = sandbox.environment.merging(["XDG_STATE_HOME": state.path]) { $1 }
            let shell = try start(
                url, state: state,
                environment: environment.merging(["AISH_SESSION_CHECKPOINT_INTERVAL": "10000"]) { $1 })
            try await shell.waitFor(Self.prompt)
            shell.type("tell me a long story\r")
            try await shell.waitFor("Apollo on")  // the reply has started
            kill(shell.pid, signal)
            #expect(try await shell.waitForExit() == expected)

            let reply = try await lastStoredReply(in: sandbox)
            #expect(reply.status == "stopped", "\(shell.screen)")
            #expect(reply.content.contains("Apollo on"), "\(shell.screen)")

            let idle = try start(url, state: state, environment: environment)
            try await idle.waitFor(Self.prompt)
            kill(idle.pid, signal)
            #expect(try await idle.waitForExit() == expected)
        }
    }

    @Test func ctrlCAtThePromptClearsTheLineAndNeverExits() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("discard me\u{03}")
            try await shell.waitFor("^C")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            // The shell keeps its connection for every message: WebSocket, not the one-shot's SSE.
            shell.type("/transport\r")
            try await shell.waitFor("WebSocket: server offers WebSocket")
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
            #expect(!shell.screen.contains("tok/s"))  // the discarded line was never sent
        }
    }

    /// A process with no locale (LANG and LC_* unset, as in a fresh container or
    /// `env -i`) is in the C locale, where libedit could not convert the UTF-8 prompt
    /// and crashed before the first line; so it did with LC_ALL=C.
    @Test(arguments: [[:], ["LC_ALL": "C"]])
    func theShellWorksWithoutAUTF8Locale(_ locale: [String: String]) async throws {
        try await withFastMock { url in
            var env = ["XDG_STATE_HOME": try stateDirectory().path]
            env.merge(locale) { $1 }
            let shell = try PseudoTerminal(
                ["--url", url], environment: env,
                unsetting: ["LANG", "LANGUAGE", "LC_CTYPE", "LC_ALL"].filter {
                    locale[$0] == nil
                })
            try await shell.waitFor(Self.prompt)
            shell.type("grüß dich, 世界\r")
            try await shell.waitFor("tok/s")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("\u{1B}[A")  // the line comes back from the history as it was typed
            try await shell.waitFor("apollo› grüß dich, 世界")
            shell.type("\u{03}")
            try await shell.waitFor(Self.prompt, occurrences: 3)
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
        }
    }

    /// Ctrl-Z at the prompt suspends aish as a job of the user's shell, with the
    /// terminal as the shell expects it; `fg` brings the prompt and the half-typed line
    /// back, and the line goes on being edited.
    @Test func ctrlZSuspendsAndFgResumesTheLine() async throws {
        try await withFastMock { url in
            let env = ["XDG_STATE_HOME": try stateDirectory().path, "PS1": "job$ "]
            let bash = try PseudoTerminal(["--norc", "--noprofile", "-i"], program: "/bin/bash", environment: env)
            try await bash.waitFor("job$")
            bash.type("'\(AishProcess.binary.path)' --url \(url)\r")
            try await bash.waitFor(Self.prompt)
            bash.type("half typed\u{1A}")
            try await bash.waitFor("Stopped")
            try await bash.waitFor("job$", occurrences: 2)
            // The shell's terminal echoes and reads lines again while aish is stopped.
            bash.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ,; echo\r")
            try await bash.waitFor("echo,icanon,")
            bash.type("fg\r")
            try await bash.waitFor("apollo› half typed", occurrences: 2)
            bash.type(" line\r")
            try await bash.waitFor("echo from apollo: half typed line")
            try await bash.waitFor(Self.prompt, occurrences: 3)
            bash.type("/quit\r")
            try await bash.waitFor("job$", occurrences: 4)
            bash.type("exit\r")
            #expect(try await bash.waitForExit() == 0)
        }
    }

    @Test func ctrlDOnAnEmptyLineLeavesCleanly() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            shell.type("\u{04}")
            #expect(try await shell.waitForExit() == 0)
        }
    }

    @Test func everySlashCommand() async throws {
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("aish-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: saved) }
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory())
            try await shell.waitFor(Self.prompt)
            let steps: [(String, String)] = [
                ("/help\r", "/retry"),
                ("/specialists\r", "hermes"),
                ("hello\r", "tok/s"),
                ("/retry\r", "tok/s"),
                ("/save \(saved.path)\r", "saved 4 messages"),
                ("/transport\r", "server offers"),
                ("/status\r", "specialist  apollo"),
                ("/use metis\r", "now talking to metis"),
                ("@athena hi\r", "tok/s"),
                ("/thinking hide\r", "thinking is hidden"),
                ("/clear\r", "metis›"),
                ("/hlep\r", "Did you mean /help?"),
            ]
            for (keys, expected) in steps {
                let seen = shell.screen.components(separatedBy: expected).count - 1
                shell.type(keys)
                try await shell.waitFor(expected, occurrences: seen + 1)
            }
            shell.type("/exit\r")
            #expect(try await shell.waitForExit() == 0)
        }
        let markdown = try String(contentsOf: saved, encoding: .utf8)
        #expect(markdown.contains("## You → apollo\n\nhello"))
    }

    @Test func noColorMeansNoEscapeCodesInTheShellsOwnOutput() async throws {
        try await withFastMock { url in
            let shell = try start(url, state: try stateDirectory(), environment: ["NO_COLOR": "1"])
            try await shell.waitFor(Self.prompt)
            shell.type("hello\r")
            try await shell.waitFor(Self.prompt, occurrences: 2)
            shell.type("/quit\r")
            #expect(try await shell.waitForExit() == 0)
            #expect(!shell.rawScreen.contains("\u{1B}[2m"))
        }
    }

    /// `NO_COLOR` takes the colour away, not the layout: the reply is still laid out
    /// (a quote's gutter, the heading without its `##`), with no style sequence.
    @Test func noColorKeepsTheLayoutOfAOneShotReply() async throws {
        try await withFastMock { url in
            let terminal = try PseudoTerminal(
                ["--url", url, "apollo", "lay it out", "--max-tokens", "30"], environment: ["NO_COLOR": "1"])
            #expect(try await terminal.waitForExit() == 0)
            let screen = terminal.screen
            #expect(screen.contains("Apollo on “lay it out”"), "\(screen)")
            #expect(!screen.contains("## Apollo"), "\(screen)")
            #expect(screen.contains("│ echo from apollo"), "\(screen)")
            let styles = terminal.rawScreen.matches(of: /\x1B\[[0-9;]*m/)
            #expect(styles.isEmpty, "\(styles.count) style sequences")
            // --color never does the same, before a subcommand or after it.
            let never = try PseudoTerminal([
                "--color", "never", "--url", url, "apollo", "lay it out", "--max-tokens", "30",
            ])
            #expect(try await never.waitForExit() == 0)
            #expect(never.screen.contains("│ echo from apollo"), "\(never.screen)")
            #expect(never.rawScreen.matches(of: /\x1B\[[0-9;]*m/).isEmpty)
            let coloured = try PseudoTerminal(["--url", url, "apollo", "lay it out", "--max-tokens", "30"])
            #expect(try await coloured.waitForExit() == 0)
            #expect(!coloured.rawScreen.matches(of: /\x1B\[[0-9;]*m/).isEmpty)
            let listed = try await AishProcess.run(["--color", "never", "--url", url, "specialists"])
            #expect(listed.status == 0, "\(listed.errors)")
            let raw = try PseudoTerminal(["--url", url, "--raw", "apollo", "lay it out", "--max-tokens", "30"])
            #expect(try await raw.waitForExit() == 0)
            #expect(raw.screen.contains("## Apollo on"))
        }
    }

    /// One word alone on a terminal: a specialist's name opens the shell with it; a
    /// word close to one is the did-you-mean error; any other word is a prompt for
    /// the default specialist, answered once (issue 14).
    @Test func oneWordAloneOnATerminalIsAShellOnlyWhenItNamesASpecialist() async throws {
        try await SessionSandbox.with { sandbox in
            let env = sandbox.environment.merging(["XDG_STATE_HOME": sandbox.path]) { $1 }
            try await withFastMock { url in
                let prompt = try PseudoTerminal(["--url", url, "--max-tokens", "12", "hello"], environment: env)
                #expect(try await prompt.waitForExit() == 0, "\(prompt.screen)")
                #expect(prompt.screen.contains("Apollo on “hello”"), "\(prompt.screen)")
                #expect(!prompt.screen.contains(Self.prompt), "\(prompt.screen)")

                let misspelt = try PseudoTerminal(["--url", url, "athen"], environment: env)
                #expect(try await misspelt.waitForExit() == 67, "\(misspelt.screen)")
                #expect(misspelt.screen.contains("Did you mean: athena?"), "\(misspelt.screen)")

                let shell = try PseudoTerminal(["--url", url, "athena"], environment: env)
                try await shell.waitFor("athena›")
                shell.type("/quit\r")
                #expect(try await shell.waitForExit() == 0)
            }
        }
    }

    /// At 50 columns no word is cut at the screen's edge: not in the roster's
    /// capabilities, not in an error.
    @Test func narrowTerminalsBreakNoWord() async throws {
        try await withFastMock { url in
            let json = try await AishProcess.run(["specialists", "--url", url, "--json"])
            let roster = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]] ?? []
            let capabilities = roster.flatMap { $0["capabilities"] as? [String] ?? [] }
            #expect(!capabilities.isEmpty)
            let table = try PseudoTerminal(["specialists", "--url", url], columns: 50)
            #expect(try await table.waitForExit() == 0)
            let shown = table.screen.replacingOccurrences(of: "\n", with: " ")
            for capability in capabilities {
                #expect(shown.contains(capability), "'\(capability)' was cut:\n\(table.screen)")
            }
        }
        let error = try PseudoTerminal(["--url", "http://127.0.0.1:9", "apollo", "hi"], columns: 50)
        #expect(try await error.waitForExit() == 69)
        let shown = error.screen.replacingOccurrences(of: "\n", with: " ")
        for word in ["elsewhere", "AISH_URL.", "built-in", "(connection", "refused)."] {
            #expect(shown.contains(word), "'\(word)' was cut:\n\(error.screen)")
        }
    }
}
