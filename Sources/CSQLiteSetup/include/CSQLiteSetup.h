#ifndef LANTERN_CSQLITESETUP_H
#define LANTERN_CSQLITESETUP_H

/// Sets SQLite's process-wide options before its first connection opens: multi-thread mode (no mutex around each
/// call on a connection; GRDB already gives every connection to one thread at a time) and no memory statistics
/// (no global mutex around each allocation). `sqlite3_config` is variadic, which Swift cannot call, hence this file.
/// Returns 0 when both were set, or SQLite's error code (SQLITE_MISUSE once SQLite is already in use: then nothing
/// changed, and everything still works as before).
int lantern_sqlite_setup(void);

#endif
