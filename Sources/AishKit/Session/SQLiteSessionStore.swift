import CSQLite
import Foundation
import GRDB

/// The session store on disk: one SQLite file in WAL mode (several aish processes
/// share it), through GRDB's `DatabasePool` (readers never wait for the writer) or,
/// for a one-shot chat, one connection (``Connections``), created 0600, with titles
/// and message text encrypted by ``SessionCipher``.
///
/// Opening checks the key against the fingerprint in the database and refuses a
/// missing or wrong one without touching anything; a damaged file is reported and
/// left as it is. Commits use `synchronous=NORMAL`: a committed checkpoint survives
/// `kill -9` (the WAL is in the OS cache), though not a power cut.
public final class SQLiteSessionStore: SessionStore {
    /// The database file.
    public let path: String
    /// The database's path.
    public var location: String { path }
    /// A `DatabasePool`, a single connection (``Connections/single``), or a single
    /// read-only connection (``openForReading(location:keyring:now:)``).
    let pool: any DatabaseWriter
    let keyring: SessionKeyring
    /// Whether the store was opened by ``openForReading(location:keyring:now:)``.
    let isReadOnly: Bool
    let cipherBox: LockedBox<SessionCipher>
    let now: @Sendable () -> Date

    /// The largest message text the store accepts, in bytes (16 MiB).
    public static let messageLimit = 16 << 20

    /// Opens the database at `location` (creating it, and the key, on first use) with
    /// `connections`, marks replies whose process died as interrupted, and returns
    /// the store. To only read, without writing anything, use
    /// ``openForReading(location:keyring:now:)``.
    ///
    /// `now` is the clock for timestamps, a seam for tests.
    public convenience init(
        location: SessionLocation, keyring: SessionKeyring, connections: Connections = .pool,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(SessionStoreError) {
        let path = location.databasePath
        // The path is checked before anything is made or changed: aish never changes
        // the mode of a file or folder it did not create (a file it made is 0600).
        guard !PrivateFile.isFolder(path) else {
            throw .databaseUnavailable(
                path: path,
                detail: "it is a folder, not a database file; give a file path such as \(path)/sessions.sqlite")
        }
        do {
            try PrivateFile.ensureFolder(of: path)
            try PrivateFile.createExclusively(path)
        } catch {
            throw .databaseUnavailable(path: path, detail: error.description)
        }
        // The key is checked on the writer's connection as it opens, before GRDB's pool
        // set-up writes a little (to make sure a WAL file exists): a refused key or a
        // file that is not a database causes no write at all. Checking on that
        // connection, not a probe's of its own, spares a second open, which in WAL mode
        // means reading the whole WAL again to rebuild its index.
        let checked = LockedBox<KeyCheck?>(nil)
        var configuration = Self.configuration()
        configuration.prepareDatabase { db in
            guard !db.configuration.readonly, checked.withLock({ $0 == nil }) else { return }
            let stored = try Self.storedFingerprintIfAny(db)
            let cipher = try Self.cipher(for: stored, path: path, keyring: keyring)
            checked.withLock { $0 = KeyCheck(stored: stored, cipher: cipher) }
        }
        let pool: any DatabaseWriter
        let check: KeyCheck
        do {
            switch connections {
            case .pool:
                pool = try DatabasePool(path: path, configuration: configuration)
            case .single:
                // After the key's check, so that a refused key still writes nothing.
                configuration.prepareDatabase { db in try Self.useWAL(db) }
                pool = try DatabaseQueue(path: path, configuration: configuration)
            }
            guard let done = checked.withLock({ $0 }) else {
                throw SessionStoreError.databaseUnavailable(path: path, detail: "its key was not checked")
            }
            check = done
            let recording = check.stored == nil ? check.cipher : nil
            do {
                try Self.prepare(pool, recording: recording, path: path, keyring: keyring)
            } catch let error as SessionStoreError {
                throw error
            } catch {
                // Two processes opening one new file at once both find it empty, and the
                // one that loses fails on a table the other has just made; looking again,
                // it finds the schema (and the key's fingerprint) complete.
                try Self.prepare(pool, recording: recording, path: path, keyring: keyring)
            }
        } catch {
            throw Self.translate(error, path: path)
        }
        self.init(path: path, database: pool, keyring: keyring, cipher: check.cipher, isReadOnly: false, now: now)
        try recoverAbandonedReplies()
    }

    /// A store over `database`, opened and checked.
    init(
        path: String, database: any DatabaseWriter, keyring: SessionKeyring, cipher: SessionCipher,
        isReadOnly: Bool, now: @escaping @Sendable () -> Date
    ) {
        self.path = path
        self.pool = database
        self.keyring = keyring
        self.isReadOnly = isReadOnly
        self.cipherBox = LockedBox(cipher)
        self.now = now
    }

    /// GRDB's settings for the store's connections; `readonly` for a reader that
    /// must not write.
    static func configuration(readonly: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.label = "aish.sessions"
        configuration.busyMode = .timeout(10)
        configuration.readonly = readonly
        // aish runs one conversation at a time: two readers are plenty, and a small
        // page cache per connection (SQLite's default is 2 MB each) keeps a one-shot
        // chat's memory down; the data is a few pages per session.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            // The last connection to close leaves the WAL for the next aish, instead of
            // copying it into the database and syncing both files; the next one then
            // need not make the WAL again (two more syncs). A one-shot chat so syncs
            // nothing, where it synced four times, each as slow as the disk's flush.
            // SQLite copies the WAL into the database when it passes 1,000 pages, in the
            // commit that gets there. What is committed survives `kill -9` as before; a
            // power cut may lose what the OS had not written yet, as `synchronous=NORMAL` says.
            //
            // Each process's first connection rebuilds the WAL's index by reading every
            // frame in it. A smaller `wal_autocheckpoint` (256) keeps that read short but
            // puts a checkpoint, with its two syncs, in one commit of every ~50: `make
            // bench` measured p99 appends and session creations at 0.9 ms (0.2 to 0.3 ms
            // at 1,000) and checkpoints adding 5.3% to a 20k-token reply (1.3 to 1.5% at 1,000),
            // and 200 one-shot chats in a row were 0.8 ms slower at p50, not faster (the
            // copy lands in a chat's last commit). Copying back as a store opens, off
            // the way to the first byte, measured the same as leaving it to SQLite.
            try db.execute(sql: "PRAGMA cache_size = -256")
            let code = ResultCode(
                rawValue: aish_sqlite_skip_checkpoint_on_close(UnsafeMutableRawPointer(db.sqliteConnection)))
            guard code == .SQLITE_OK else { throw DatabaseError(resultCode: code) }
        }
        return configuration
    }

    /// How many connections a store keeps.
    public enum Connections: Sendable {
        /// GRDB's `DatabasePool`: a writer, and readers that never wait for it, for a
        /// process that reads while it writes (the shell, `aish sessions`, a team chat).
        case pool
        /// One connection, for a process that runs one conversation and ends (a
        /// one-shot chat), whose reads and writes take turns anyway: a pool's set-up
        /// and teardown cost such a chat 1.2–2 ms of CPU (BENCHMARKS.md, seventeenth
        /// session).
        case single
    }

    /// What a pool's set-up does to its writer, for a single connection: WAL mode (a
    /// new file is converted; an existing one already is, and every process relies
    /// on it) and `synchronous=NORMAL`. GRDB's set-up also makes sure the WAL file
    /// is not empty, which only a pool's readers need.
    static func useWAL(_ db: Database) throws {
        let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        guard mode == "wal" else {
            throw DatabaseError(message: "it could not be put in WAL mode (it is in \(mode ?? "no") mode)")
        }
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }

    /// Closes the database's connections; later calls fail. Optional: the connections
    /// also close when the store is released.
    public func close() throws(SessionStoreError) {
        do { try pool.close() } catch { throw Self.translate(error, path: path) }
    }

    /// The cipher in use (replaced by ``rekey(to:)``).
    var cipher: SessionCipher { cipherBox.withLock { $0 } }

    // MARK: - Running database work

    /// Runs `body` in a read transaction on the caller's thread: in WAL mode readers
    /// never wait for writers, and skipping a hop to another queue makes a read
    /// several times faster. A `body` that runs a single statement may pass
    /// `isolated: false` to skip the transaction (one statement is consistent alone).
    func reading<T>(
        isolated: Bool = true, _ body: (Database, SessionCipher) throws -> T
    ) throws(SessionStoreError) -> T {
        let cipher = self.cipher
        do {
            if !isolated { return try pool.unsafeRead { db in try body(db, cipher) } }
            return try pool.read { db in try body(db, cipher) }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` in a write transaction on GRDB's writer queue (so waiting for
    /// another process's lock never holds up a thread of the caller's), to the end
    /// even if the caller is cancelled, after checking that no other process has
    /// re-encrypted the database under another key.
    func writing<T: Sendable>(
        _ body: @escaping @Sendable (Database, SessionCipher) throws -> T
    ) async throws(SessionStoreError) -> T {
        let (cipher, path, pool) = (self.cipher, self.path, self.pool)
        guard !isReadOnly else {
            throw .databaseUnavailable(path: path, detail: "it was opened only for reading; nothing was changed")
        }
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pool.asyncWrite(
                    { db in
                        guard try Self.storedFingerprint(db) == cipher.fingerprint else {
                            throw SessionStoreError.keyChangedElsewhere(database: path)
                        }
                        return try body(db, cipher)
                    },
                    completion: { _, result in continuation.resume(with: result) })
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    // MARK: - Opening

    /// What the writer's connection found as it opened: the key's fingerprint stored
    /// in the database (nil for a new one) and the cipher of the key that matches it.
    struct KeyCheck: Sendable {
        var stored: Data?
        var cipher: SessionCipher
    }

    /// The key's fingerprint stored in the database; nil when it has none yet (a new
    /// database, whose `meta` table may not exist).
    static func storedFingerprintIfAny(_ db: Database) throws -> Data? {
        // `sqlite_master` asked directly: GRDB's `tableExists` builds its whole schema
        // model first (3.4 M instructions in a one-shot chat, on the way to the first byte).
        let hasMeta = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
        guard hasMeta == true else { return nil }
        return try storedFingerprint(db)
    }

    /// The cipher for the key whose fingerprint is `stored`; for a new database
    /// (`stored` nil), the existing key or a new one.
    ///
    /// `commit` false leaves a pending key where it is (a reader writes nothing).
    static func cipher(
        for stored: Data?, path: String, keyring: SessionKeyring, commit: Bool = true
    ) throws(SessionStoreError) -> SessionCipher {
        guard let stored else { return SessionCipher(masterKey: try keyring.existingOrNewKey()) }
        if let key = try keyring.existingKey() {
            let cipher = SessionCipher(masterKey: key)
            if cipher.fingerprint == stored { return cipher }
        }
        // A rekey that committed the database but did not get to rename its key file.
        if let pending = try keyring.pendingKey() {
            let cipher = SessionCipher(masterKey: pending)
            if cipher.fingerprint == stored {
                if commit { try keyring.commitStaged() }
                return cipher
            }
        }
        if try keyring.existingKey() == nil { throw .missingKey(database: path, keyFile: keyring.filePath) }
        throw .wrongKey(database: path, source: keyring.source)
    }

    /// Records the fingerprint of `cipher`'s key in a new database. Another aish may
    /// have recorded its own meanwhile: the first one wins, and a different key is refused.
    /// Creates or upgrades the schema, and records `cipher`'s fingerprint in a new database.
    private static func prepare(
        _ pool: any DatabaseWriter, recording cipher: SessionCipher?, path: String, keyring: SessionKeyring
    ) throws {
        try SessionSchema.migrator.migrate(pool)
        if let cipher { try record(cipher, in: pool, path: path, keyring: keyring) }
    }

    private static func record(
        _ cipher: SessionCipher, in pool: any DatabaseWriter, path: String, keyring: SessionKeyring
    ) throws {
        let winner = try pool.write { db in
            if let existing = try storedFingerprint(db) { return existing }
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES (?, ?)",
                arguments: [SessionSchema.fingerprintKey, cipher.fingerprint])
            return cipher.fingerprint
        }
        guard winner == cipher.fingerprint else {
            throw SessionStoreError.wrongKey(database: path, source: keyring.source)
        }
    }

    static func storedFingerprint(_ db: Database) throws -> Data? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [SessionSchema.fingerprintKey])
    }

    /// Marks as interrupted every reply whose writing process is gone (`kill -9`, a crash).
    ///
    /// Done on the writer connection, which a chat needs anyway, so that a one-shot
    /// chat never opens a reader connection (each costs memory).
    private func recoverAbandonedReplies() throws(SessionStoreError) {
        do {
            try pool.write { db in
                let writers = try String.fetchAll(
                    db, sql: "SELECT DISTINCT writer FROM message WHERE writer IS NOT NULL")
                for writer in writers where !WriterIdentity.isAlive(writer) {
                    try db.execute(
                        sql: "UPDATE message SET status = ?, writer = NULL WHERE writer = ?",
                        arguments: [MessageStatus.interrupted.rawValue, writer])
                }
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    // MARK: - Errors

    /// `error` as a ``SessionStoreError``; SQLite's message is kept, SQL and bound
    /// values (which may be secret) never are.
    static func translate(_ error: any Error, path: String) -> SessionStoreError {
        if let error = error as? SessionStoreError { return error }
        guard let error = error as? DatabaseError else {
            return .databaseUnavailable(path: path, detail: String(describing: type(of: error)))
        }
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corruptDatabase(path: path, detail: message)
        case .SQLITE_FULL:
            return .databaseUnavailable(path: path, detail: "the disk is full (\(message))")
        case .SQLITE_READONLY:
            return .databaseUnavailable(path: path, detail: "it is read-only (\(message))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .databaseUnavailable(path: path, detail: "another process held it locked for 10 s (\(message))")
        default:
            return .databaseUnavailable(path: path, detail: message)
        }
    }
}
