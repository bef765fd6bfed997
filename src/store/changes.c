/*
 * changes.c: reading and pruning the change log (see changes.h).
 */
#include "store/changes.h"
#include "store/db.h"

DB_SQL(CHANGE_DATA_VERSION) = "PRAGMA data_version";
DB_SQL(CHANGE_LAST) = "SELECT coalesce(max(id), 0) FROM change_log";
DB_SQL(CHANGE_SINCE) = "SELECT id, keys FROM change_log WHERE id > ?1 ORDER BY id LIMIT ?2";
DB_SQL(CHANGE_PRUNE) = "DELETE FROM change_log WHERE at < ?1";
DB_SQL_CHECK(CHANGES);

/* The one integer a statement returns. */
static enum ak_err changes_int(struct store *st, enum db_stmt_id id, int64_t *out)
{
    sqlite3_stmt *s = db_stmt(st, id);
    if (!s)
        return AK_EIO;
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    db_done(s);
    return rc == SQLITE_ROW ? AK_OK : db_fail(st, "change log");
}

enum ak_err store_data_version(struct store *st, int64_t *out)
{
    return changes_int(st, STMT_CHANGE_DATA_VERSION, out);
}

enum ak_err store_changes_last(struct store *st, int64_t *out)
{
    return changes_int(st, STMT_CHANGE_LAST, out);
}

enum ak_err store_changes_since(struct store *st, int64_t *after, int limit,
                                void (*fn)(const char *keys, void *arg), void *arg)
{
    sqlite3_stmt *s = db_stmt(st, STMT_CHANGE_SINCE);
    if (!s)
        return AK_EIO;
    sqlite3_bind_int64(s, 1, *after);
    sqlite3_bind_int(s, 2, limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *after = sqlite3_column_int64(s, 0);
        const unsigned char *k = sqlite3_column_text(s, 1);
        if (k)
            fn((const char *)k, arg);
    }
    db_done(s);
    return rc == SQLITE_DONE ? AK_OK : db_fail(st, "change log");
}

enum ak_err store_changes_prune(struct store *st, int64_t before)
{
    sqlite3_stmt *s = db_stmt(st, STMT_CHANGE_PRUNE);
    if (!s)
        return AK_EIO;
    sqlite3_bind_int64(s, 1, before);
    return db_exec_stmt(st, s);
}
