import AishKit
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `aish team MESSAGE…` (`team-chat`, Tekton's name): one message to several
/// specialists at once; the work is ``TeamChat`` and ``TeamSession``.
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Ask every healthy specialist at once (Tekton's team chat) and show each answer as it arrives.",
        discussion: """
            Every healthy specialist answers, or those --to names. On a terminal each answer is shown \
            in full as it arrives, under its specialist's name, above a live line per specialist; \
            piped, each answer is a Markdown section (## NAME, then the answer). --json prints the \
            result object of `aish bulk`, one operation per specialist; --jsonl a line per change.

            On a v1 server (Tekton's Rhetor) the whole team is asked through Rhetor's own team chat \
            (its event stream, else its POST); with --to, or on a v2 server, aish asks each \
            specialist itself, all at once, over the transport it picks for the server. The answers \
            are saved as one session under the specialist "team", each answer under its own \
            specialist (`aish sessions show ID`); --no-save saves nothing. Ctrl-C ends the chat and \
            keeps the answers so far.

            Exit status: 0 every specialist answered; 2 some did not; 3 none did; 130 interrupted by \
            Ctrl-C (the answers so far are shown and saved). Otherwise as for aish: 64 bad usage, 67 an \
            unknown name in --to, 69 server unreachable, 77 a token is needed or was refused.
            """,
        aliases: ["team-chat"]
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(
        name: .customLong("to"),
        help: ArgumentHelp(
            "Ask only these specialists: names or ids, separated by commas (repeatable).", valueName: "names"),
        completion: .specialists)
    var to: [String] = []

    @Flag(help: "Print one JSON object at the end (the result of `aish bulk`, one operation per specialist).")
    var json = false

    @Flag(help: "Print one JSON object per line as the chat goes (started, finished), then a summary.")
    var jsonl = false

    @Flag(
        name: .customLong("no-save"), help: "Save nothing of this team chat (or session.save: false, AISH_NO_SAVE=1).")
    var noSave = false

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The message. Piped standard input is appended after a blank line.")
    var message: [String] = []

    /// The specialists --to names, or nil for the whole team.
    var names: [String]? {
        let names = to.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        return names.isEmpty ? nil : names
    }

    func validate() throws {
        if json && jsonl { throw ValidationError("Use either --json or --jsonl, not both.") }
        if !to.isEmpty, names == nil {
            throw ValidationError("--to needs specialist names, as in --to apollo,athena.")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        ProcessInterrupts.install(whenNobodyWaits: .exit)
        defer { ProcessInterrupts.restoreDefault() }
        do {
            let status = try await ask()
            if status != 0 { throw ExitCode(ProcessInterrupts.status(status)) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ErrorReporter.report(error, json: json || jsonl)
        }
    }

    private func ask() async throws -> Int32 {
        let settings = connection.applied(to: try await Settings.current())
        let text = try MessageInput.combine(arguments: message, standardInput: try StandardInput.readIfPiped())
        let command = self
        return try await connection.withServer { client in
            let team = TeamChat(server: client, forcedTransport: command.connection.forcedTransport(settings))
            let prepared = try await team.prepare(text, to: command.names)
            let stderr = FileDescriptorSink.standardError
            if command.connection.verbose {
                try stderr.write(
                    "aish: asking \(prepared.expected.count) specialists at \(client.baseURL) "
                        + "through \(prepared.via)\n")
            }
            let session = TeamSession(
                style: BulkOutputStyle(
                    json: command.json, jsonl: command.jsonl, colors: settings.wantsColor(.process),
                    dumbTerminal: Platform.process.environment["TERM"] == "dumb"),
                render: command.renderer(settings), store: try await command.openStore(settings))
            let outcome = try await session.run(team, prepared)
            if command.connection.verbose, let id = outcome.sessionID {
                try stderr.write("aish: saved as session \(id.prefix(8)) (specialist \"team\")\n")
            }
            return BulkExitStatus.of(outcome.result)
        }
    }

    /// The store the answers go to: none with --no-save or `session.save: false`;
    /// none (after a warning) when the database cannot be opened, since the answers
    /// are still worth showing.
    private func openStore(_ settings: AishSettings) async throws -> (any SessionStore)? {
        guard !noSave, settings.saveSessions != false else { return nil }
        do {
            return try await store.open()
        } catch let error as SessionStoreError {
            guard error.leavesTheChatUnsaved else { throw error }
            try? FileDescriptorSink.standardError.write("aish: warning: this team chat will not be saved: \(error)\n")
            return nil
        }
    }

    /// Draws an answer's Markdown on a terminal: laid out, in colour unless NO_COLOR
    /// or `color: never`; as it is on a dumb terminal.
    private func renderer(_ settings: AishSettings) -> (@Sendable (String) -> String)? {
        guard Platform.process.environment["TERM"] != "dumb" else { return nil }
        let theme = Theme.forTerminal(colors: settings.wantsColor(.process), environment: Platform.process.environment)
        return { text in
            var renderer = MarkdownStreamRenderer(width: TerminalSize.columns(), theme: theme)
            return renderer.feed(text) + renderer.finish()
        }
    }
}
