import AishKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts the interactive shell on the terminal: libedit reads the lines, the
/// ``Shell`` in AishKit does the rest.
struct InteractiveShell: Sendable {
    var specialist: String?
    var forcedTransport: TransportKind?
    var colors: Bool
    /// How replies are laid out; nil writes them as they come (`--raw`, `TERM=dumb`).
    var replyTheme: Theme?
    var discoveryCache: any DiscoveryCache
    var historySize: Int?
    /// False with `--no-save`: the typed lines are not written to the history file either.
    var keepsHistory = true
    /// `--system`, for the models of OpenAI-compatible providers.
    var system: String?
    /// Whether a reasoning model's thinking shows before its answer (`thinking: hide` says not).
    var showsThinking = true

    /// Whether both ends are a terminal, so a shell makes sense.
    static var isPossible: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// `$XDG_STATE_HOME/aish/history`, by default `~/.local/state/aish/history`.
    static var historyPath: String {
        let platform = Platform.process
        let state =
            platform.variable("XDG_STATE_HOME") ?? (platform.home as NSString).appendingPathComponent(".local/state")
        return (state as NSString).appendingPathComponent("aish/history")
    }

    func run(client: any DiscoveryServer & TeamChatServer, conversation: Conversation) async throws {
        guard
            let reader = LibEditLineReader(
                historyPath: keepsHistory ? Self.historyPath : nil, historySize: Int32(historySize ?? 1000))
        else {
            throw AishError.invalidArgument(
                name: "TERM", value: Platform.process.environment["TERM"] ?? "",
                hint: "the line editor cannot start on this terminal; pipe a message in instead")
        }
        let (columns, resizes) = TerminalSize.following()
        defer { resizes.cancel() }
        var context = Shell.Context(
            client: client,
            reader: reader,
            output: FileDescriptorSink.standardOutput,
            // Notes, errors and the stats line wrap at words, as a one-shot's do.
            status: WordWrappingSink(FileDescriptorSink.standardError, columns: columns),
            interrupts: ProcessInterrupts.signal,
            forcedTransport: forcedTransport,
            colors: colors,
            editor: ExternalEditor(environment: Platform.process.environment),
            renderer: replyTheme.map { MarkdownStreamRenderer(columns: columns, theme: $0) },
            store: conversation.store,
            discoveryCache: discoveryCache,
            home: Platform.process.home
        )
        context.system = system
        context.thinking = ThinkingDisplay(dims: colors, columns: columns)
        context.showsThinking = showsThinking
        var shell = try await Shell.start(context, specialist: specialist, conversation: conversation)
        await shell.run(resuming: conversation.sessionID)
    }
}
