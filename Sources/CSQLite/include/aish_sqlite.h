#ifndef AISH_SQLITE_H
#define AISH_SQLITE_H

/* One SQLite call Swift cannot make: sqlite3_db_config is variadic, and Swift does
   not import variadic C functions. `db` is GRDB's `Database.sqliteConnection`. */

/* SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE: closing the last connection leaves the WAL as
   it is, instead of copying it into the database and syncing both files. Returns
   SQLite's result code. */
int aish_sqlite_skip_checkpoint_on_close(void *db);

#endif
