import AishKit
import ArgumentParser
import Foundation

/// Which session database to use (`--db`), and opening it with its key and TTL.
struct SessionStoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).", valueName: "path"))
    var database: String?

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

    /// Opens the store (creating it and its key on first use), then prunes sessions
    /// idle longer than the TTL. The key is checked before anything is deleted.
    func open() async throws -> SQLiteSessionStore {
        try await SQLiteSessionStore.openPruning(
            location, environment: Platform.process.environment, ttl: try await ttl())
    }
}
