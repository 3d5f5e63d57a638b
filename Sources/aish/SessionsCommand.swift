import AishKit
import ArgumentParser
import Foundation

/// `aish sessions`: the saved conversations, and what can be done with them.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, show, search, export, delete and prune saved conversations.",
        discussion: """
            Every chat is saved as a session in an SQLite database ($XDG_DATA_HOME/aish/\
            sessions.sqlite, by default ~/.local/share/aish/sessions.sqlite; or --db, or \
            AISH_DB). Titles and messages are encrypted with the key in $XDG_CONFIG_HOME/\
            aish/session.key (created on first use, mode 0600) or in AISH_SESSION_KEY \
            (base64). Session ids may be shortened to any unique prefix.

            Sessions idle for longer than the TTL are deleted whenever aish opens the \
            database. The TTL is 30 days (30d) unless session.ttl in config.yaml or \
            AISH_SESSION_TTL sets another (such as 12h, 2w; 0 = never); `aish config show` \
            says which is in effect.
            """,
        subcommands: [
            SessionsListCommand.self, SessionsShowCommand.self, SessionsExportCommand.self,
            SessionsSearchCommand.self, SessionsDeleteCommand.self, SessionsPruneCommand.self,
            SessionsRekeyCommand.self, SessionsSyncCommand.self, SessionsImportCommand.self,
        ],
        defaultSubcommand: SessionsListCommand.self
    )

    /// Runs `body` with the store opened for reading only: listing, showing and
    /// searching write nothing (no pruning, no key, no file made), so they work on a
    /// read-only folder or a full disk.
    /// The width lines are cut to when standard output is a terminal; nil when piped.
    static var terminalColumns: Int? {
        isatty(1) == 1 ? TerminalSize.columns(of: 1) : nil
    }

    static func withReadOnlyStore(
        _ options: SessionStoreOptions, json: Bool = false, _ body: (any SessionStore) async throws -> Void
    ) async throws {
        do {
            _ = try await options.ttl()  // a bad AISH_SESSION_TTL is reported here too
            try await body(try await options.openForReading())
        } catch {
            throw ErrorReporter.report(error, json: json)
        }
    }

    /// Runs `body` with the opened store, reporting errors the aish way.
    static func withStore(
        _ options: SessionStoreOptions, _ body: (any SessionStore) async throws -> Void
    ) async throws {
        do {
            try await body(try await options.open())
        } catch {
            throw ErrorReporter.report(error)
        }
    }
}

/// `aish sessions [list]`: newest first.
struct SessionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List sessions, most recently used first (the default).")

    @OptionGroup var store: SessionStoreOptions

    @Flag(help: "Print a JSON array of sessions instead of a table.")
    var json = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Show at most this many sessions.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit <= 0 { throw ValidationError("--limit must be a positive whole number, not \(limit).") }
    }

    func run() async throws {
        try await SessionsCommand.withReadOnlyStore(store, json: json) { store in
            let sessions = try await store.sessions(limit: limit)
            let stdout = FileDescriptorSink.standardOutput
            if json {
                try stdout.write(SessionExport.json(sessions) + "\n")
            } else if sessions.isEmpty {
                if let shared = store as? PostgresSessionStore,
                    case let others = try await shared.sessionsOfOtherKeys(),
                    others > 0
                {
                    throw SessionStoreError.sealedWithAnotherKey(
                        store: shared.location, count: others, source: shared.keyring.source)
                }
                try stdout.write("No sessions yet. Start one with `aish SPECIALIST MESSAGE`.\n")
            } else {
                try stdout.write(SessionListing.table(sessions, columns: SessionsCommand.terminalColumns))
            }
        }
    }
}
