import Foundation

/// The candidates for completing aish's own command line in bash, zsh and fish:
/// specialist ids and `@capability` names from the discovery cache, session ids
/// from the session database.
///
/// Everything comes from local files, so completion is fast and works offline. It
/// never asks a server, never prompts, never creates or changes a file, and never
/// fails: a source that is missing or cannot be read gives no candidates.
public struct CommandLineCompletions: Sendable {
    /// The environment that chooses the files (`XDG_CACHE_HOME`, `XDG_DATA_HOME`, `AISH_DB`).
    public var environment: [String: String]
    /// The home folder, for the default places.
    public var home: String

    /// Completions for the files `environment` chooses.
    public init(environment: [String: String], home: String? = nil) {
        self.environment = environment
        self.home = home ?? HomeFolder.path(environment: environment)
    }

    /// The specialist ids and `@capability` names that discovery last saw on
    /// `server`; when nothing is cached for `server` (or it is nil), those of every
    /// server in the cache. Sorted, each once.
    public func specialists(server: String?) -> [String] {
        let cache = FileDiscoveryCache(environment: environment, home: home)
        let catalogs = server.flatMap { cache.catalog(for: $0) }.map { [$0] } ?? cache.catalogs()
        let ids = Set(catalogs.flatMap { $0.specialists.map(\.id) })
        let capabilities = Set(catalogs.flatMap(\.capabilities).map { "@" + $0 })
        return ids.sorted() + capabilities.sorted()
    }

    /// The ids of the most recently used sessions in the database that `database`
    /// (the `--db` value) or the environment chooses, newest first.
    public func sessionIDs(database: String?) -> [String] {
        let location = SessionLocation(database: database, environment: environment, home: home)
        return SQLiteSessionStore.recentSessionIDs(inExistingDatabase: location.databasePath)
    }
}
