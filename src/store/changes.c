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
    struct db_q *s = db_stmt(st, id);
    if (!s)
        return AK_EIO;
    int rc = db_step(s);
    *out = rc == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return rc == DB_ROW ? AK_OK : db_fail(st, "change log");
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
    struct db_q *s = db_stmt(st, STMT_CHANGE_SINCE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, *after);
    db_bind_int(s, 2, limit);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *after = db_col_int64(s, 0);
        const char *k = db_col_str(s, 1);
        if (k)
            fn(k, arg);
    }
    db_done(s);
    return rc == DB_DONE ? AK_OK : db_fail(st, "change log");
}

enum ak_err store_changes_prune(struct store *st, int64_t before)
{
    struct db_q *s = db_stmt(st, STMT_CHANGE_PRUNE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, before);
    return db_exec_stmt(st, s);
}
