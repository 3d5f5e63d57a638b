import GRDB

/// The database layout, built by GRDB's migrator. Add a migration for every change;
/// never edit one that has shipped.
///
/// `title` and `content` hold ``SessionCipher`` boxes. `message.writer` is set
/// while a reply streams (see ``WriterIdentity``) and cleared when it ends.
enum SessionSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions and messages") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value BLOB NOT NULL
                    );
                    CREATE TABLE session (
                        id TEXT PRIMARY KEY NOT NULL,
                        title BLOB NOT NULL,
                        specialist TEXT NOT NULL,
                        server_session_id TEXT,
                        created_at DOUBLE NOT NULL,
                        updated_at DOUBLE NOT NULL,
                        message_count INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX session_by_use ON session(updated_at);
                    CREATE TABLE message (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                        role TEXT NOT NULL,
                        specialist TEXT NOT NULL,
                        content BLOB NOT NULL,
                        tokens INTEGER NOT NULL DEFAULT 0,
                        status TEXT NOT NULL,
                        writer TEXT,
                        created_at DOUBLE NOT NULL
                    );
                    CREATE INDEX message_by_session ON message(session_id, id);
                    CREATE INDEX message_being_written ON message(writer) WHERE writer IS NOT NULL;
                    """)
        }
        return migrator
    }

    /// The `meta` key under which the key's fingerprint is kept.
    static let fingerprintKey = "key_fingerprint"
}
