import Foundation

/// Where the session database and its key live, from the flags and the environment.
///
/// The database: `--db PATH`, else `AISH_DB`, else `$XDG_DATA_HOME/aish/sessions.sqlite`
/// (`~/.local/share/aish/sessions.sqlite`). The key: `AISH_SESSION_KEY`, else
/// `$XDG_CONFIG_HOME/aish/session.key` (`~/.config/aish/session.key`).
public struct SessionLocation: Sendable, Equatable {
    /// The database file.
    public var databasePath: String
    /// The key file (used when `AISH_SESSION_KEY` is not set).
    public var keyPath: String

    /// A location with both paths given.
    public init(databasePath: String, keyPath: String) {
        self.databasePath = databasePath
        self.keyPath = keyPath
    }

    /// The location chosen by `database` (the `--db` flag) and `environment`.
    public init(database: String? = nil, environment: [String: String], home: String? = nil) {
        let home = home ?? HomeFolder.path(environment: environment)
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let data = value("XDG_DATA_HOME") ?? (home as NSString).appendingPathComponent(".local/share")
        let config = value("XDG_CONFIG_HOME") ?? (home as NSString).appendingPathComponent(".config")
        let chosen = database.flatMap { $0.isEmpty ? nil : $0 } ?? value("AISH_DB")
        databasePath = HomeFolder.expandingTilde(
            in: chosen ?? (data as NSString).appendingPathComponent("aish/sessions.sqlite"), environment: environment)
        keyPath = (config as NSString).appendingPathComponent("aish/session.key")
    }
}
