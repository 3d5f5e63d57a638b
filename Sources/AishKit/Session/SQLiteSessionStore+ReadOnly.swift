import Foundation
import GRDB

extension SQLiteSessionStore {
    /// Opens the store only to read it (`aish sessions`, `show`, `search`): nothing
    /// is created, migrated, recovered or re-keyed, so listing works on a read-only
    /// folder or a full disk. Writing through the returned store fails.
    ///
    /// With no database (or one that never recorded a key) the store is empty.
    ///
    /// - Throws: ``SessionStoreError`` for a missing or wrong key, or a file that is
    ///   not a session database.
    public static func openForReading(
        location: SessionLocation, keyring: SessionKeyring, now: @escaping @Sendable () -> Date = { Date() }
    ) throws(SessionStoreError) -> SQLiteSessionStore {
        let path = location.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            return try empty(path: path, keyring: keyring, now: now)
        }
        let configuration = Self.configuration(readonly: true)
        let (queue, stored) = try openReadOnly(path, configuration: configuration)
        guard let stored else {
            try? queue.close()
            return try empty(path: path, keyring: keyring, now: now)
        }
        let cipher = try cipher(for: stored, path: path, keyring: keyring, commit: false)
        return SQLiteSessionStore(
            path: path, database: queue, keyring: keyring, cipher: cipher, isReadOnly: true, now: now)
    }

    /// A read-only connection to `path` and the key fingerprint it records, if any.
    ///
    /// As in ``recentSessionIDs(inExistingDatabase:limit:)``: a read-only connection
    /// still creates the `-wal` and `-shm` files of a WAL database when they are
    /// missing (no aish has written since an older one removed them), so the file is
    /// then opened as immutable, which creates nothing; with no WAL there is nothing
    /// to miss. aish leaves both files at close, and a reader uses them. When they
    /// exist but cannot be used at all, the file is read as immutable too, without
    /// what the WAL holds.
    private static func openReadOnly(
        _ path: String, configuration: Configuration
    ) throws(SessionStoreError) -> (DatabaseQueue, Data?) {
        let files = FileManager.default
        let walOpen = files.fileExists(atPath: path + "-wal") && files.fileExists(atPath: path + "-shm")
        do {
            if walOpen {
                do {
                    return try fingerprint(DatabaseQueue(path: path, configuration: configuration))
                } catch let error as DatabaseError
                    where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
                {
                    throw error
                } catch {
                    // Fall through to the immutable file.
                }
            }
            return try fingerprint(DatabaseQueue(path: immutableURI(path), configuration: configuration))
        } catch {
            throw translate(error, path: path)
        }
    }

    private static func fingerprint(_ queue: DatabaseQueue) throws -> (DatabaseQueue, Data?) {
        let stored = try queue.read { db in
            try db.tableExists("meta") && db.tableExists("session") ? storedFingerprint(db) : nil
        }
        return (queue, stored)
    }

    /// A store with no sessions, in memory: what there is to read before the first save.
    private static func empty(
        path: String, keyring: SessionKeyring, now: @escaping @Sendable () -> Date
    ) throws(SessionStoreError) -> SQLiteSessionStore {
        do {
            let queue = try DatabaseQueue()
            try SessionSchema.migrator.migrate(queue)
            let cipher = SessionCipher(masterKey: SessionKey.random())
            return SQLiteSessionStore(
                path: path, database: queue, keyring: keyring, cipher: cipher, isReadOnly: true, now: now)
        } catch {
            throw translate(error, path: path)
        }
    }
}
