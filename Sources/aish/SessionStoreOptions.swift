import AishKit
import ArgumentParser
import Foundation

/// Which session store to use (`--store`, `--db`), and opening it with its key and TTL.
struct SessionStoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).", valueName: "path"))
    var database: String?

    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            """
            Where sessions are kept: sqlite (the default: the --db file) or a \
            postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).
            """,
            valueName: "store"))
    var store: String?

    /// The environment variable that sets the idle TTL.
    static let ttlVariable = "AISH_SESSION_TTL"

    /// The database and key paths these options and the environment choose.
    var location: SessionLocation {
        SessionLocation(database: database, environment: Platform.process.environment)
    }

    /// Sessions idle longer than this are pruned on open: `AISH_SESSION_TTL`, else
    /// `session.ttl` in config.yaml, else 30 days.
    func ttl() async throws -> SessionAge {
        try await Settings.current().sessionTTL ?? .defaultTTL
    }

    /// The PostgreSQL store chosen by `--store`, else `AISH_SESSION_STORE` or
    /// `session.store` (both read with the settings); nil for SQLite.
    func postgres() async throws -> PostgresURL? {
        if let store {
            guard store.lowercased() != "sqlite" else { return nil }
            return try PostgresURL(parsing: store, source: "--store")
        }
        guard let chosen = try await Settings.current().sessionStore, chosen.lowercased() != "sqlite" else {
            return nil
        }
        let source = Platform.process.variable("AISH_SESSION_STORE") != nil ? "AISH_SESSION_STORE" : "session.store"
        return try PostgresURL(parsing: chosen, source: source)
    }

    /// Opens the store (creating it and its key on first use), then prunes sessions
    /// idle longer than the TTL. The key is checked before anything is deleted. A
    /// SQLite store keeps `connections` (one for a one-shot chat).
    func open(connections: SQLiteSessionStore.Connections = .pool) async throws -> any SessionStore {
        let environment = Platform.process.environment
        guard let url = try await postgres() else {
            return try await SQLiteSessionStore.openPruning(
                location, environment: environment, ttl: try await ttl(), connections: connections)
        }
        // A server that cannot be reached does not stop a chat: it goes to the outbox.
        let store = try await PostgresStoreWithOutbox.open(
            url, keyring: SessionKeyring(environment: environment, filePath: location.keyPath), location: location,
            environment: environment, home: Platform.process.home,
            warn: { try? FileDescriptorSink.standardError.write("aish: warning: \($0)\n") })
        _ = try await store.prune(idleLongerThan: try await ttl())
        return store
    }

    /// Opens the store only to read it: for SQLite nothing is created or changed (no
    /// pruning, no key made), so listing works on a read-only folder or a full disk.
    /// A PostgreSQL store gets the outbox of this machine first.
    func openForReading() async throws -> any SessionStore {
        let environment = Platform.process.environment
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        guard let url = try await postgres() else {
            return try SQLiteSessionStore.openForReading(location: location, keyring: keyring)
        }
        let outbox = PostgresStoreWithOutbox.outbox(for: url, beside: location)
        let store: PostgresSessionStore
        do {
            store = try await PostgresSessionStore.open(
                url, keyring: keyring, environment: environment, home: Platform.process.home, makesKey: false)
        } catch SessionStoreError.storeUnreachable(let name, let detail)
            where FileManager.default.fileExists(atPath: outbox.databasePath)
        {
            // Away: what this machine kept meanwhile can still be read.
            let kept = try SQLiteSessionStore.openForReading(location: outbox, keyring: keyring)
            try? FileDescriptorSink.standardError.write(
                """
                aish: warning: cannot reach the session store \(name) (\(detail)); showing only the \
                \(try kept.counts().sessions) session(s) kept on this machine until it is back

                """)
            return kept
        }
        // What was kept on this machine while the server was away goes there first.
        _ = try await PostgresStoreWithOutbox.sendOutbox(outbox, keyring: keyring, to: store)
        return store
    }
}
