import Foundation
import GRDB

extension SQLiteSessionStore {
    /// The ids of the most recently used sessions in the database at `path`, newest
    /// first, for shell completion; empty when there is no such database or it cannot
    /// be read.
    ///
    /// Ids are stored in the clear, so no key is needed. The database is opened
    /// read-only and only when the file already exists: this never creates the
    /// database or a key, never prunes, and waits at most a moment for a lock.
    public static func recentSessionIDs(inExistingDatabase path: String, limit: Int = 100) -> [String] {
        let files = FileManager.default
        guard files.isReadableFile(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "aish.completion"
        configuration.busyMode = .timeout(0.2)
        // Even a read-only connection creates the `-wal` and `-shm` files of a WAL
        // database when they are missing (aish leaves them at close; an older aish
        // removed them). Then the file is opened as immutable instead, which creates
        // nothing; there is no WAL then, so nothing is missed.
        let walOpen = files.fileExists(atPath: path + "-wal") && files.fileExists(atPath: path + "-shm")
        let target = walOpen ? path : Self.immutableURI(path)
        do {
            let queue = try DatabaseQueue(path: target, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                guard try db.tableExists("session") else { return [] }
                return try String.fetchAll(
                    db, sql: "SELECT id FROM session ORDER BY updated_at DESC, id LIMIT ?", arguments: [limit])
            }
        } catch {
            return []
        }
    }

    /// `path` as an SQLite URI that opens the file read-only without locks or
    /// side files (SQLite's `immutable` parameter; Debian's libsqlite3 accepts URIs).
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?immutable=1"
    }
}
