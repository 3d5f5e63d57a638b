import Foundation
import PostgresNIO

// The statements a chat sends for every message, prepared once per connection
// (PostgresNIO names each after its type and prepares it on first use), so the
// server parses and plans them once rather than on every checkpoint: a 110 KB
// checkpoint takes 0.49 ms instead of 0.68 ms over loopback, an append 0.21 ms
// instead of 0.30 ms (BENCHMARKS.md).

/// A new message in session `$2` of key `$9`, which also counts it and marks the
/// session used; no row when the session is not this key's.
struct MessageAppend: PostgresPreparedStatement {
    static let sql = """
        WITH session AS (
            UPDATE aish_session SET updated_at = $10, message_count = message_count + 1
            WHERE id = $2 AND key_fingerprint = $9 RETURNING id)
        INSERT INTO aish_message
            (id, session_id, role, specialist, content, tokens, status, writer, created_at, updated_at)
        SELECT $1, session.id, $3, $4, $5, $6, $7, $8, $10, $10
        FROM session RETURNING id
        """
    typealias Row = Int64
    private let bindings: PostgresBindings

    init(
        messageID: Int64, sessionID: String, role: String, specialist: String, sealedContent: Data, tokens: Int,
        status: String, writer: String?, fingerprint: Data, time: Double
    ) throws {
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(messageID)
        bindings.append(sessionID)
        bindings.append(role)
        bindings.append(specialist)
        try bindings.append(sealedContent)
        bindings.append(tokens)
        bindings.append(status)
        bindings.append(writer)
        try bindings.append(fingerprint)
        bindings.append(time)
        self.bindings = bindings
    }

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}

/// Message `$6` of session `$7` of key `$8` rewritten (a checkpoint or the final
/// save), and its session marked used; no row when it is not this key's.
struct MessageUpdate: PostgresPreparedStatement {
    static let sql = """
        WITH message AS (
            UPDATE aish_message SET content = $1, tokens = $2, status = $3, writer = $4, updated_at = $5
            WHERE id = $6 AND session_id = $7 AND session_id IN
                (SELECT id FROM aish_session WHERE key_fingerprint = $8)
            RETURNING session_id)
        UPDATE aish_session SET updated_at = $5 FROM message
        WHERE aish_session.id = message.session_id AND key_fingerprint = $8
        RETURNING aish_session.id
        """
    typealias Row = String
    private let bindings: PostgresBindings

    init(
        sealedContent: Data, tokens: Int, status: String, writer: String?, time: Double, messageID: Int64,
        sessionID: String, fingerprint: Data
    ) throws {
        var bindings = PostgresBindings(capacity: 8)
        try bindings.append(sealedContent)
        bindings.append(tokens)
        bindings.append(status)
        bindings.append(writer)
        bindings.append(time)
        bindings.append(messageID)
        bindings.append(sessionID)
        try bindings.append(fingerprint)
        self.bindings = bindings
    }

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> String { try row.decode(String.self) }
}
