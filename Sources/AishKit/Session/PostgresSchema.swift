import Logging
import PostgresNIO

/// The PostgreSQL store's tables, built by numbered migrations. Add a migration
/// for every change; never edit one that has shipped.
///
/// What the server sees in the clear: session ids, the fingerprint of the key that
/// sealed each session (not the key), specialist ids, the server's session ids,
/// times, message roles, statuses, token counts, the writer of a streaming reply
/// (host, pid) and the sizes of the sealed titles and texts. Titles and message texts
/// are ``SessionCipher`` boxes, sealed on the client.
///
/// Message ids are chosen by the client (random, positive), so a write that is
/// replayed later (``SessionStoreOutbox``) lands once; `seq` keeps the order of
/// messages written in the same instant.
enum PostgresSchema {
    /// The migrations, in order: version, name, statements.
    static let migrations: [(version: Int, name: String, statements: [String])] = [
        (
            1, "sessions and messages",
            [
                """
                CREATE TABLE aish_session (
                    id text COLLATE "C" PRIMARY KEY,
                    key_fingerprint bytea NOT NULL,
                    title bytea NOT NULL,
                    specialist text NOT NULL,
                    server_session_id text,
                    created_at double precision NOT NULL,
                    updated_at double precision NOT NULL,
                    message_count integer NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX aish_session_by_use ON aish_session (key_fingerprint, updated_at DESC, id)",
                """
                CREATE TABLE aish_message (
                    id bigint PRIMARY KEY,
                    seq bigserial NOT NULL,
                    session_id text COLLATE "C" NOT NULL REFERENCES aish_session (id) ON DELETE CASCADE,
                    role text NOT NULL,
                    specialist text NOT NULL,
                    content bytea NOT NULL,
                    tokens integer NOT NULL DEFAULT 0,
                    status text NOT NULL,
                    writer text,
                    created_at double precision NOT NULL,
                    updated_at double precision NOT NULL
                )
                """,
                "CREATE INDEX aish_message_by_session ON aish_message (session_id, created_at, seq)",
                "CREATE INDEX aish_message_being_written ON aish_message (writer) WHERE writer IS NOT NULL",
            ]
        ),
        (
            // Sealed text does not compress: the server stores it as it is, rather
            // than try (and fail) to compress every checkpoint of a long reply.
            2, "sealed columns stored uncompressed",
            [
                "ALTER TABLE aish_message ALTER COLUMN content SET STORAGE EXTERNAL",
                "ALTER TABLE aish_session ALTER COLUMN title SET STORAGE EXTERNAL",
            ]
        ),
    ]

    /// The newest version this aish knows.
    static var latest: Int { migrations.last?.version ?? 0 }

    /// Brings the schema up to ``latest``, in one transaction per run, under an
    /// advisory lock: several aish processes starting at once on several machines
    /// wait for each other, and each migration runs once.
    /// A database that is up to date is only read: a user who may not create
    /// tables there (PostgreSQL 15 grants no CREATE on `public` to others) can use
    /// tables its owner made.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        var current = -1
        var exists = false
        for try await found in try await connection.query(
            "SELECT to_regclass('aish_schema') IS NOT NULL", logger: logger
        ).decode(Bool.self) {
            exists = found
        }
        if exists {
            for try await version in try await connection.query(
                "SELECT coalesce(max(version), 0) FROM aish_schema", logger: logger
            ).decode(Int.self) {
                current = version
            }
        }
        guard current != latest else { return }
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7307201718)", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS aish_schema (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = 0
            for try await version in try await connection.query(
                "SELECT coalesce(max(version), 0) FROM aish_schema", logger: logger
            ).decode(Int.self) {
                applied = version
            }
            guard applied <= latest else { throw NewerSchema(version: applied) }
            for migration in migrations where migration.version > applied {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO aish_schema (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
            }
        }
    }

    /// The database was upgraded by a newer aish.
    struct NewerSchema: Error {
        let version: Int
    }
}
