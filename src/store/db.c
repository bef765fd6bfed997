/*
 * db.c: the statement kit every store module uses: the per-connection array
 * of prepared statements (one slot per enum db_stmt_id, prepared on first
 * use), stepping and error mapping, binding and column text, row
 * collection, transactions, savepoints and the write protection.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/log.h"
#include "store/db.h"
#include "text/analyzer.h"
#include "text/bidi.h"

int64_t db_now(void)
{
    const char *fake = getenv("AKHBAR_NOW");
    if (fake && *fake)
        return strtoll(fake, NULL, 10);
    return (int64_t)time(NULL);
}

struct text_analyzer *db_analyzer(struct store *st)
{
    if (!st->an)
        st->an = text_analyzer_new();
    return st->an;
}

int64_t store_now(void)
{
    return db_now();
}

enum ak_err db_fail(struct store *st, const char *what)
{
    if (st->pg) {
        log_error("database: %s: %s", what, pg_errmsg(st));
        return pg_errcode(st) == SQLITE_FULL ? AK_EFULL : AK_EIO;
    }
    log_error("database: %s: %s", what, sqlite3_errmsg(st->db));
    return (sqlite3_errcode(st->db) & 0xff) == SQLITE_FULL ? AK_EFULL : AK_EIO;
}

struct db_q *db_stmt(struct store *st, enum db_stmt_id id)
{
    if (!ALWAYS((unsigned)id < STMT__MAX))
        return NULL;
    struct db_q *q = &st->q[id];
    if (st->pg) {
        if (!q->pg && !(q->pg = pg_q(st, id)))
            return NULL;
        return q;
    }
    if (!q->s && sqlite3_prepare_v3(st->db, db_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &q->s,
                                    NULL)) {
        log_error("database: prepare %s: %s", db_stmt_names[id], sqlite3_errmsg(st->db));
        sqlite3_finalize(q->s);
        q->s = NULL;
    }
    return q->s ? q : NULL;
}

void db_stmts_free(struct store *st)
{
    for (size_t i = 0; i < STMT__MAX; i++) {
        sqlite3_finalize(st->q[i].s);
        st->q[i].s = NULL;
    }
}

void db_done(struct db_q *s)
{
    if (s && s->pg) {
        pg_reset(s->pg);
    } else if (s) {
        sqlite3_reset(s->s);
        sqlite3_clear_bindings(s->s);
    }
}

int64_t db_changes(struct store *st)
{
    return st->pg ? pg_changes(st) : sqlite3_changes(st->db);
}

int64_t db_last_id(struct store *st)
{
    return st->pg ? pg_last_id(st) : sqlite3_last_insert_rowid(st->db);
}

int db_in_tx(struct store *st)
{
    return st->pg ? pg_in_tx(st) : !sqlite3_get_autocommit(st->db);
}

enum ak_err db_exec_stmt(struct store *st, struct db_q *s)
{
    if (!s)
        return AK_EIO;                  /* db_stmt logged why */
    int rc = db_step(s);
    db_done(s);
    if (rc == DB_DONE || rc == DB_ROW)
        return AK_OK;
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return AK_EEXIST;
        return AK_EINVAL;
    }
    return db_fail(st, "step");
}

char *db_col_text(struct db_q *s, int i, struct arena *a)
{
    const char *t = db_col_str(s, i);
    int n = db_col_bytes(s, i);
    return arena_strndup(a, t ? t : "", t ? (size_t)n : 0);
}

int db_bind_text(struct db_q *s, int i, const char *v)
{
    return db_bind_textn(s, i, v ? v : "", -1);
}

int db_bind_name(struct db_q *s, int i, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    char small[512], *p = n < sizeof small ? small : malloc(n + 1);
    if (!p)
        return db_bind_null(s, i);          /* NOT NULL refuses it: AK_EINVAL */
    if (n)
        memcpy(p, v, n);
    n = text_bidi_clean(p, n);
    /* PostgreSQL's side copies what is bound; SQLite's is told to. */
    int rc = s->pg ? pg_bind_text(s->pg, i, p, (int)n)
                   : sqlite3_bind_text(s->s, i, p, (int)n, SQLITE_TRANSIENT);
    if (p != small)
        free(p);
    return rc;
}

/* Transactions are plain statements, named and prepared like the rest. */

enum ak_err store_begin(struct store *st)
{
    enum ak_err rc = db_exec_stmt(st, db_stmt(st, STMT_BEGIN));
    if (rc == AK_OK && st->pg && (rc = db_exec_stmt(st, db_stmt(st, STMT_BEGIN_WRITER))))
        store_rollback(st);
    return rc;
}

enum ak_err store_begin_read(struct store *st)
{
    return db_exec_stmt(st, db_stmt(st, STMT_BEGIN_READ));
}

enum ak_err store_commit(struct store *st)
{
    st->sp_depth = st->sp_tx = 0;       /* its savepoints end with it */
    enum ak_err rc = db_exec_stmt(st, db_stmt(st, STMT_COMMIT));
    if (rc == AK_OK && st->after_commit && !st->in_after_commit) {
        st->in_after_commit = 1;
        st->after_commit(st);           /* logs its own failure: the commit stands */
        st->in_after_commit = 0;
    }
    return rc;
}

void store_rollback(struct store *st)
{
    st->sp_depth = st->sp_tx = 0;
    if (db_in_tx(st))
        db_exec_stmt(st, db_stmt(st, STMT_ROLLBACK));
}

/* Savepoints nest under one name: RELEASE and ROLLBACK TO act on the most
 * recent, so callers need no names of their own, and the statements are
 * prepared once like the rest (an import makes one per article). Outside a
 * transaction SQLite's SAVEPOINT begins one, which its RELEASE commits;
 * PostgreSQL refuses a SAVEPOINT there, so the kit begins (and commits, or
 * rolls back) the transaction itself: st->sp_tx is the depth whose
 * savepoint is that transaction. */

enum ak_err db_savepoint(struct store *st)
{
    enum ak_err rc;
    if (st->pg && !db_in_tx(st)) {
        if ((rc = store_begin(st)) == AK_OK)
            st->sp_tx = st->sp_depth + 1;
    } else {
        rc = db_exec_stmt(st, db_stmt(st, STMT_SAVEPOINT));
    }
    if (rc == AK_OK)
        st->sp_depth++;
    return rc;
}

enum ak_err db_release(struct store *st)
{
    if (st->sp_depth > 0 && st->sp_depth-- == st->sp_tx) {
        st->sp_tx = 0;
        return store_commit(st);
    }
    return db_exec_stmt(st, db_stmt(st, STMT_RELEASE));
}

void db_rollback_to(struct store *st)
{
    if (st->sp_depth > 0 && st->sp_depth == st->sp_tx) {
        st->sp_depth--;
        st->sp_tx = 0;
        store_rollback(st);
        return;
    }
    if (st->sp_depth > 0)
        st->sp_depth--;
    if (db_exec_stmt(st, db_stmt(st, STMT_ROLLBACK_TO)) == AK_OK)
        db_exec_stmt(st, db_stmt(st, STMT_RELEASE));
}

/* Read-only mode for public GET handlers, so that a bug in one cannot write.
 * PRAGMA query_only is checked when a statement runs, so it also binds the
 * statements prepared before it was set (an authorizer is consulted only
 * while preparing, and resetting it would re-prepare every statement). */

void store_protect(struct store *st, int on)
{
    on = on != 0;
    if (st->protect == on)
        return;
    /* PostgreSQL: the kit refuses every INSERT, UPDATE and DELETE itself
     * (pg.c), which costs no round trip to the server on each request. */
    if (st->pg || db_exec_stmt(st, db_stmt(st, on ? STMT_PROTECT_ON : STMT_PROTECT_OFF)) == AK_OK)
        st->protect = on;
}

enum ak_err db_rows(struct store *st, struct db_q *s, struct arena *a, size_t elem_size,
                    db_row_fn row, void **out, size_t *n)
{
    size_t cap = 8, k = 0;
    unsigned char *v = arena_alloc(a, cap * elem_size);
    enum ak_err rc = v ? AK_OK : AK_ENOMEM;
    int step = DB_DONE;
    while (rc == AK_OK && (step = db_step(s)) == DB_ROW) {
        if (k == cap) {
            unsigned char *w = arena_alloc(a, 2 * cap * elem_size);
            if (!w) {
                rc = AK_ENOMEM;
                break;
            }
            memcpy(w, v, cap * elem_size);
            v = w;
            cap *= 2;
        }
        if (!row(s, a, v + k++ * elem_size))
            rc = AK_ENOMEM;
    }
    if (rc == AK_OK && step != DB_DONE)
        rc = db_fail(st, "step");
    db_done(s);
    *out = v;
    *n = rc == AK_OK ? k : 0;
    return rc;
}

enum ak_err db_int64(struct store *st, struct db_q *s, int64_t *v, const char *what)
{
    int step = db_step(s);
    enum ak_err rc = AK_ENOTFOUND;
    if (step == DB_ROW && !db_col_null(s, 0)) {
        *v = db_col_int64(s, 0);
        rc = AK_OK;
    } else if (step != DB_ROW && step != DB_DONE) {
        rc = db_fail(st, what);
    }
    db_done(s);
    return rc;
}

enum ak_err db_row(struct store *st, struct db_q *s, struct arena *a, db_row_fn row,
                   void *elem)
{
    int step = db_step(s);
    enum ak_err rc;
    if (step == DB_ROW)
        rc = row(s, a, elem) ? AK_OK : AK_ENOMEM;
    else
        rc = step == DB_DONE ? AK_ENOTFOUND : db_fail(st, "step");
    db_done(s);
    return rc;
}

