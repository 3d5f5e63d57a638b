import Foundation

/// The session database and key, as `aish status` shows them.
public struct LocalState {
    public var databasePath: String
    public var databaseBytes: Int?
    public var keySource: String
    public var keyExists: Bool
    /// The PostgreSQL store in use, without its password; nil for SQLite.
    public var store: String?
    /// What waits in that store's outbox on this machine to be sent there.
    public var pending: (sessions: Int, messages: Int)?
    /// How many sessions of this key the store holds, once it answered.
    public var storeSessions: Int?
    /// Why the store could not be used, when it could not.
    public var storeProblem: String?

    public init(location: SessionLocation, environment: [String: String]) {
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        databasePath = location.databasePath
        databaseBytes = Self.size(location.databasePath).map { size in
            size + (Self.size(location.databasePath + "-wal") ?? 0)
        }
        keySource = keyring.source
        keyExists = keyring.usesEnvironment || FileManager.default.fileExists(atPath: location.keyPath)
    }

    /// Records the PostgreSQL store at `url` and what its outbox beside `location` holds.
    public mutating func use(_ url: PostgresURL, location: SessionLocation, environment: [String: String]) {
        store = url.description
        let outbox = PostgresStoreWithOutbox.outbox(for: url, beside: location)
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        guard FileManager.default.fileExists(atPath: outbox.databasePath),
            let counts = try? SQLiteSessionStore.openForReading(location: outbox, keyring: keyring).counts()
        else {
            pending = (0, 0)
            return
        }
        pending = counts
    }

    /// Asks the PostgreSQL store at `url` how many sessions of this key it holds
    /// (writing nothing, making no key); records the error when it cannot.
    public mutating func check(
        _ url: PostgresURL, location: SessionLocation, environment: [String: String], home: String
    )
        async
    {
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        do {
            let store = try await PostgresSessionStore.open(
                url, keyring: keyring, environment: environment, home: home, makesKey: false,
                connectTimeout: .seconds(3))
            storeSessions = try await store.sessionCount()
        } catch {
            storeProblem = (error as? SessionStoreError)?.description ?? "\(error)"
        }
    }

    private static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }
}
