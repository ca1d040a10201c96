#include "CSQLiteSetup.h"

#include <sqlite3.h>

int lantern_sqlite_setup(void) {
    // Memory statistics first: if SQLite is already in use, neither option is set, and the caller's report is exact.
    int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}
