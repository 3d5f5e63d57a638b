import AishKit
import ArgumentParser

/// `aish sessions show ID`: one conversation, readable.
struct SessionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a session's messages (a unique id prefix will do).")

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The session's id, or a unique prefix of it.", completion: .sessionIDs)
    var id: String

    @Flag(help: "Print the session and its messages as JSON.")
    var json = false

    @Flag(help: "The Markdown as it is stored, even on a terminal (piped, it always is).")
    var raw = false

    func run() async throws {
        try await SessionsCommand.withReadOnlyStore(store, json: json) { store in
            let theme = try await replyTheme()
            let session = try await store.session(id)
            let messages = try await store.messages(inSession: session.id)
            // Stored replies are server text: no escape sequence of theirs reaches a terminal.
            let markdown = TerminalText.sanitized(SessionExport.markdown(session, messages: messages))
            let text: String
            if json {
                text = SessionExport.json(session, messages: messages) + "\n"
            } else if let theme {
                var renderer = MarkdownStreamRenderer(width: TerminalSize.columns(), theme: theme)
                text = renderer.feed(markdown) + renderer.finish()
            } else {
                text = markdown
            }
            try FileDescriptorSink.standardOutput.write(text)
        }
    }

    /// How the conversation is drawn: rendered as replies are on a terminal (in
    /// colour unless NO_COLOR or `color: never`), as stored when piped, with --raw or
    /// --json, or on TERM=dumb.
    private func replyTheme() async throws -> Theme? {
        guard !json, !raw, FileDescriptorSink.standardOutput.isTerminal,
            Platform.process.environment["TERM"] != "dumb"
        else { return nil }
        let settings = try await Settings.current()
        return Theme.forTerminal(colors: settings.wantsColor(.process), environment: Platform.process.environment)
    }
}

/// `aish sessions export ID --format markdown|json`.
struct SessionsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a session out as Markdown or JSON, on standard output.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The session's id, or a unique prefix of it.", completion: .sessionIDs)
    var id: String

    @Option(help: ArgumentHelp("markdown or json.", valueName: "format"))
    var format: Format = .markdown

    func run() async throws {
        try await SessionsCommand.withStore(store) { store in
            let session = try await store.session(id)
            let messages = try await store.messages(inSession: session.id)
            let text =
                switch format {
                case .markdown: SessionExport.markdown(session, messages: messages)
                case .json: SessionExport.json(session, messages: messages) + "\n"
                }
            try FileDescriptorSink.standardOutput.write(text)
        }
    }
}
