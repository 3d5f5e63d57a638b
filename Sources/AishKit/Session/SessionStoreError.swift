import Foundation

/// What can go wrong with the session store, said so that a user can act on it.
///
/// Descriptions name the offending value (an id, a path, a mode) and what to do;
/// they never contain message content, titles or key material.
public enum SessionStoreError: Error, Sendable, Equatable {
    /// The text given as a session id cannot be one (ids are hex digits).
    case invalidSessionID(String)
    /// No session id starts with the prefix; `recent` lists a few sessions to choose from.
    case unknownSession(String, recent: [SessionCandidate])
    /// Several session ids start with the prefix.
    case ambiguousSession(String, candidates: [SessionCandidate])
    /// `--continue`, or `sessions show` without an id, was asked for but the store holds no session.
    case noSessionToContinue(database: String)
    /// The database file is not a database, or is damaged. Nothing was written to it.
    case corruptDatabase(path: String, detail: String)
    /// The database (or its folder) cannot be opened, read or written: permissions, a
    /// read-only or full disk, a lock held too long.
    case databaseUnavailable(path: String, detail: String)
    /// The database holds encrypted sessions but no key was found.
    case missingKey(database: String, keyFile: String)
    /// The key found is not the one the database was encrypted with.
    case wrongKey(database: String, source: String)
    /// The key file can be read by other users.
    case keyFileTooOpen(path: String, mode: String)
    /// The key is not 32 bytes of base64, or its file cannot be read or written.
    case invalidKey(source: String, detail: String)
    /// Another process re-encrypted the database under a new key while this one ran.
    case keyChangedElsewhere(database: String)
    /// A row could not be decrypted although the key is right: the file was altered.
    case undecryptableRow(database: String, session: String)
    /// A message is larger than the store accepts.
    case messageTooLarge(bytes: Int, limit: Int)
    /// The PostgreSQL server of the store cannot be reached (down, or no route to it).
    case storeUnreachable(store: String, detail: String)
    /// The store holds no session for this key, but `count` sealed with other keys.
    case sealedWithAnotherKey(store: String, count: Int, source: String)
}

/// A session named in an error: its id, specialist and when it was last used (never its title).
public struct SessionCandidate: Sendable, Equatable, CustomStringConvertible {
    /// The session's full id.
    public var id: String
    /// The specialist it was started with.
    public var specialist: String
    /// When it was last used.
    public var updatedAt: Date

    /// The candidate for `session`.
    public init(_ session: StoredSession) {
        id = session.id
        specialist = session.specialist
        updatedAt = session.updatedAt
    }

    /// `1a2b3c4d5e6f7a8b (apollo, 2026-05-01 14:03)`.
    public var description: String { "\(id) (\(specialist), \(SessionDates.short(updatedAt)))" }
}

extension SessionStoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidSessionID(let text):
            return "'\(text)' is not a session id: ids are hex digits, as `aish sessions` shows them."
        case .unknownSession(let prefix, let recent):
            let list = recent.isEmpty ? " The store holds no sessions." : " Recent: \(Self.list(recent))."
            return "no session id starts with '\(prefix)'.\(list) Run `aish sessions` to list them."
        case .ambiguousSession(let prefix, let candidates):
            return "'\(prefix)' matches several sessions: \(Self.list(candidates)). Give more of the id."
        case .noSessionToContinue(let database):
            return "there is no session in \(database) yet. Start one with `aish SPECIALIST MESSAGE`."
        case .corruptDatabase(let path, let detail):
            return """
                the session database \(path) is damaged or not a database (\(detail)). aish left it untouched; \
                move it aside (mv \(path) \(path).broken) to start afresh, or choose another with --db or AISH_DB.
                """
        case .databaseUnavailable(let path, let detail):
            return """
                cannot use the session database \(path): \(detail). Check the folder's permissions and free space, \
                or choose another file with --db or AISH_DB.
                """
        case .missingKey(let database, let keyFile) where PostgresURL.isPostgres(database):
            return """
                the sessions in \(database) are encrypted, but there is no key at \(keyFile) and AISH_SESSION_KEY \
                is not set. Copy the key from a machine that uses this store (~/.config/aish/session.key); a chat \
                started without one makes a new key, which sees only its own sessions.
                """
        case .missingKey(let database, let keyFile):
            return """
                the sessions in \(database) are encrypted, but there is no key at \(keyFile) and AISH_SESSION_KEY \
                is not set. Restore the key file (or set AISH_SESSION_KEY); aish deleted nothing. To start afresh \
                instead, move the database aside.
                """
        case .wrongKey(let database, let source):
            return """
                the key from \(source) does not open \(database): the sessions were encrypted with another key. \
                Restore the right key (file or AISH_SESSION_KEY); aish deleted nothing.
                """
        case .keyFileTooOpen(let path, let mode):
            return "the session key \(path) has mode \(mode), so other users can read it. Run `chmod 600 \(path)`."
        case .invalidKey(let source, let detail):
            return """
                the session key from \(source) is unusable: \(detail). A key is 32 random bytes in base64, \
                as `head -c 32 /dev/urandom | base64` prints.
                """
        case .keyChangedElsewhere(let database):
            return "\(database) was re-encrypted under a new key by another aish (sessions rekey). Run aish again."
        case .undecryptableRow(let database, let session):
            return """
                a row of session \(session) in \(database) cannot be decrypted although the key is right: the file \
                was altered. Delete that session with `aish sessions delete \(session)`.
                """
        case .messageTooLarge(let bytes, let limit):
            return "a message of \(bytes) bytes is over the store's limit of \(limit) bytes; it was not saved."
        case .storeUnreachable(let store, let detail):
            return """
                cannot reach the session store \(store): \(detail). Start the server, or check session.store \
                (AISH_SESSION_STORE, --store).
                """
        case .sealedWithAnotherKey(let store, let count, let source):
            return """
                \(store) holds \(count) session\(count == 1 ? "" : "s"), none sealed with the key from \(source). \
                Copy the session key from the machine that made them (~/.config/aish/session.key, or its \
                AISH_SESSION_KEY); aish deleted nothing.
                """
        }
    }

    /// Whether a new chat goes on without being saved (after a warning) rather than
    /// stop: the store cannot be used now, but the answer is still worth having.
    public var leavesTheChatUnsaved: Bool {
        switch self {
        case .databaseUnavailable, .storeUnreachable: true
        default: false
        }
    }

    /// The process exit status for this error (documented in `aish --help`).
    public var exitCode: Int32 {
        switch self {
        case .invalidSessionID, .messageTooLarge: 64
        case .storeUnreachable: 69
        case .undecryptableRow: 65
        case .unknownSession, .ambiguousSession, .noSessionToContinue: 67
        case .corruptDatabase, .databaseUnavailable: 74
        case .keyChangedElsewhere: 75
        case .missingKey, .wrongKey, .keyFileTooOpen, .invalidKey, .sealedWithAnotherKey: 78
        }
    }

    /// A stable name for the kind of error, for programs (`--json`), as ``AishError/code``.
    public var code: String {
        switch self {
        case .invalidSessionID: "invalid_session_id"
        case .unknownSession: "unknown_session"
        case .ambiguousSession: "ambiguous_session"
        case .noSessionToContinue: "no_session_to_continue"
        case .corruptDatabase: "corrupt_database"
        case .databaseUnavailable: "database_unavailable"
        case .missingKey: "missing_key"
        case .wrongKey: "wrong_key"
        case .keyFileTooOpen: "key_file_too_open"
        case .invalidKey: "invalid_key"
        case .keyChangedElsewhere: "key_changed_elsewhere"
        case .undecryptableRow: "undecryptable_row"
        case .messageTooLarge: "message_too_large"
        case .storeUnreachable: "store_unreachable"
        case .sealedWithAnotherKey: "sealed_with_another_key"
        }
    }

    private static func list(_ candidates: [SessionCandidate]) -> String {
        candidates.map(\.description).joined(separator: ", ")
    }
}
