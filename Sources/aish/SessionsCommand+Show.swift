import AishKit
import ArgumentParser
import Foundation

/// `aish sessions show [ID]`: one conversation, readable; the latest without an id.
struct SessionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a session's messages (a unique id prefix will do; without one, the latest session).")

    @OptionGroup var store: SessionStoreOptions

    @Argument(
        help: "The session's id, or a unique prefix of it (default: the latest, as -c continues).",
        completion: .sessionIDs)
    var id: String?

    @Flag(help: "Print the session and its messages as JSON.")
    var json = false

    @Flag(help: "The Markdown as it is stored, even on a terminal (piped, it always is).")
    var raw = false

    func run() async throws {
        try await SessionsCommand.withReadOnlyStore(store, json: json) { store in
            let theme = try await replyTheme()
            // Only `.new` finds nothing, and neither choice is new.
            let choice = id.map(ConversationChoice.session) ?? .latest
            guard let session = try await choice.existing(in: store) else { return }
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

/// `aish sessions import FILE`: sessions that `export` wrote, into the store in use.
struct SessionsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the sessions of an export (one session's JSON, or export --all) to the store.",
        discussion: """
            Moves sessions between stores: `aish sessions export --all > all.json`, then \
            `aish sessions import all.json --store postgres://…` (or the other way). Ids, \
            titles, times and messages are kept; a session already in the store is left \
            as it is, so importing twice adds nothing.
            """)

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The JSON file, or - for standard input.", completion: .file(extensions: ["json"]))
    var file: String

    /// The largest file read: 64 MiB.
    static let limit = 64 << 20

    func run() async throws {
        let sessions: [(StoredSession, [StoredMessage])]
        do {
            sessions = try SessionImport.read(Data(try Self.bytes(of: file)), source: file)
        } catch {
            throw ErrorReporter.report(error)
        }
        try await SessionsCommand.withStore(store) { store in
            guard let store = store as? any SessionImporting else {
                throw AishError.invalidArgument(name: "store", value: store.location, hint: "it cannot import")
            }
            var (added, messages, present) = (0, 0, 0)
            for (session, sessionMessages) in sessions {
                if try await store.importSession(session, messages: sessionMessages) {
                    added += 1
                    messages += sessionMessages.count
                } else {
                    present += 1
                }
            }
            var text = "Imported \(added) session(s) (\(messages) message(s)) into \(store.location)"
            text += present == 0 ? ".\n" : "; \(present) already there.\n"
            try FileDescriptorSink.standardOutput.write(text)
            // Times are kept, so sessions idle longer than the TTL go at the next open.
            let ttl = try await self.store.ttl()
            let old = sessions.filter { !ttl.isNever && $0.0.updatedAt < Date().addingTimeInterval(-ttl.seconds) }
            if !old.isEmpty {
                try FileDescriptorSink.standardError.write(
                    """
                    aish: warning: \(old.count) imported session(s) were last used more than \(ttl) ago, so the next \
                    aish that opens this store prunes them; to keep them, set session.ttl: 0 (or AISH_SESSION_TTL=0) \
                    first, or a longer TTL.

                    """)
            }
        }
    }

    /// The bytes of `file` (standard input for `-`).
    private static func bytes(of file: String) throws(AishError) -> [UInt8] {
        do {
            return file == "-"
                ? try BoundedFile.read(descriptor: 0, name: "standard input", limit: limit)
                : try BoundedFile.read(path: file, limit: limit)
        } catch {
            throw .invalidArgument(name: "import file", value: file, hint: error.reason)
        }
    }
}

/// `aish sessions export ID --format markdown|json`, or `--all`.
struct SessionsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a session out as Markdown or JSON, on standard output.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The session's id, or a unique prefix of it.", completion: .sessionIDs)
    var id: String?

    @Flag(help: "Write every session, with its messages, as one JSON array (what `aish sessions import` reads).")
    var all = false

    @Option(help: ArgumentHelp("markdown or json (--all writes json).", valueName: "format"))
    var format: Format?

    func validate() throws {
        if all, id != nil { throw ValidationError("Give a session id or --all, not both.") }
        if !all, id == nil { throw ValidationError("Give the id of the session to export, or --all for every one.") }
        if all, format == .markdown {
            throw ValidationError(
                "--all writes JSON, which `aish sessions import` reads; --format markdown is for one session.")
        }
    }

    func run() async throws {
        try await SessionsCommand.withStore(store) { store in
            guard let id else {
                var sessions: [(StoredSession, [StoredMessage])] = []
                for session in try await store.sessions().reversed() where !session.isDamaged {
                    sessions.append((session, try await store.messages(inSession: session.id)))
                }
                try FileDescriptorSink.standardOutput.write(SessionExport.json(sessions) + "\n")
                return
            }
            let session = try await store.session(id)
            let messages = try await store.messages(inSession: session.id)
            let text =
                switch format ?? .markdown {
                case .markdown: SessionExport.markdown(session, messages: messages)
                case .json: SessionExport.json(session, messages: messages) + "\n"
                }
            try FileDescriptorSink.standardOutput.write(text)
        }
    }
}
