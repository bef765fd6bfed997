/*
 * db.h: what the store's modules share; not for callers outside src/store/
 * (unit tests of the store excepted). The only store header that names
 * SQLite's types.
 *
 * Statements are named by enum db_stmt_id (stmt.h) and their texts live in
 * the modules; each connection prepares a statement the first time it is
 * asked for and keeps it in its slot until it closes (Fossil's
 * db_static_prepare, FTS5's aStmt[]): db_stmt() returns it, db_done()
 * resets it for the next use.
 */
#ifndef AK_DB_H
#define AK_DB_H

#include <sqlite3.h>
#include "store/stmt.h"
#include "store/store.h"

/* The search index's column weights (title 10, lede 4, body 1), as
 * akhbar_rank's arguments on SQLite and as ts_rank's array on PostgreSQL
 * (weights D, C, B, A, each at most 1: the same ratios, a tenth). */
#define DB_RANK_WEIGHTS "10.0, 4.0, 1.0"
#define DB_RANK_WEIGHTS_PG "'{0.1, 0.1, 0.4, 1.0}'"

/* A number macro as a string literal, for constants inside SQL text. */
#define DB_STR_(x) #x
#define DB_STR(x) DB_STR_(x)

struct text_analyzer;
struct article_in;

/* A statement of the store, prepared for one connection: SQLite's, or
 * PostgreSQL's (its parameters and result, pg.c). The modules use it only
 * through the db_bind_ and db_col_ calls below, which have one face for both. */
struct db_pgq;
struct db_q {
    sqlite3_stmt *s;
    struct db_pgq *pg;
};

/* What db_step answers besides an error: SQLite's own codes, which the
 * PostgreSQL side answers too (and SQLITE_CONSTRAINT_UNIQUE, SQLITE_
 * CONSTRAINT and SQLITE_FULL for its errors of that kind). */
#define DB_ROW SQLITE_ROW
#define DB_DONE SQLITE_DONE

struct pg_conn;

struct store {
    sqlite3 *db;                /* NULL on PostgreSQL */
    struct pg_conn *pg;         /* NULL on SQLite (pg.c) */
    int protect;                /* non-zero: writes are refused (store_protect) */
    /* Run after each store_commit (PostgreSQL: db_index_pending), not
     * within itself. */
    enum ak_err (*after_commit)(struct store *st);
    int in_after_commit;
    int sp_depth, sp_tx;        /* savepoints open; the one that began the transaction (db.c) */
    struct text_analyzer *an;   /* made on first use: db_analyzer() */
    struct db_q q[STMT__MAX];   /* by enum db_stmt_id; unprepared until first used */
    /* Time inside statements (store_busy_ns), from SQLite's trace hooks: the
     * statements running now (a few nest: an outer one stepping while inner
     * ones run) and when the first of them started. */
    sqlite3_stmt *running[8];
    int nrunning;
    uint64_t busy_since, busy_ns;
};

#include "store/pg.h"

/* Binding parameter i (from 1) and reading column i (from 0) of the row
 * db_step stopped at, on either backend. Texts and blobs bound are used
 * where they are until the statement has run (SQLite's SQLITE_STATIC): the
 * caller keeps them alive until db_step or db_done. db_col_str is NULL for
 * NULL and lives until the next step; db_col_null says whether it is. */
static inline int db_bind_int64(struct db_q *q, int i, int64_t v)
{
    return q->pg ? pg_bind_int64(q->pg, i, v) : sqlite3_bind_int64(q->s, i, v);
}
static inline int db_bind_int(struct db_q *q, int i, int v)
{
    return db_bind_int64(q, i, v);
}
static inline int db_bind_double(struct db_q *q, int i, double v)
{
    return q->pg ? pg_bind_double(q->pg, i, v) : sqlite3_bind_double(q->s, i, v);
}
static inline int db_bind_null(struct db_q *q, int i)
{
    return q->pg ? pg_bind_null(q->pg, i) : sqlite3_bind_null(q->s, i);
}
/* Text v[0..n), or up to its NUL when n is -1. */
static inline int db_bind_textn(struct db_q *q, int i, const char *v, int n)
{
    return q->pg ? pg_bind_text(q->pg, i, v, n)
                 : sqlite3_bind_text(q->s, i, v, n, SQLITE_STATIC);
}
static inline int db_bind_blob(struct db_q *q, int i, const void *v, int n)
{
    return q->pg ? pg_bind_blob(q->pg, i, v, n)
                 : sqlite3_bind_blob(q->s, i, v, n, SQLITE_STATIC);
}
/* The number of parameters the statement takes (its largest ?N). */
static inline int db_param_count(struct db_q *q)
{
    return q->pg ? pg_param_count(q->pg) : sqlite3_bind_parameter_count(q->s);
}
/* DB_ROW, DB_DONE, or an error code (the message: db_fail). */
static inline int db_step(struct db_q *q)
{
    return q->pg ? pg_step(q->pg) : sqlite3_step(q->s);
}
static inline int64_t db_col_int64(struct db_q *q, int i)
{
    return q->pg ? pg_col_int64(q->pg, i) : sqlite3_column_int64(q->s, i);
}
static inline int db_col_int(struct db_q *q, int i)
{
    return (int)db_col_int64(q, i);
}
static inline double db_col_double(struct db_q *q, int i)
{
    return q->pg ? pg_col_double(q->pg, i) : sqlite3_column_double(q->s, i);
}
static inline const char *db_col_str(struct db_q *q, int i)
{
    return q->pg ? pg_col_str(q->pg, i) : (const char *)sqlite3_column_text(q->s, i);
}
static inline const void *db_col_blob(struct db_q *q, int i)
{
    return q->pg ? pg_col_blob(q->pg, i) : sqlite3_column_blob(q->s, i);
}
/* Bytes of column i as db_col_str or db_col_blob gave it. */
static inline int db_col_bytes(struct db_q *q, int i)
{
    return q->pg ? pg_col_bytes(q->pg, i) : sqlite3_column_bytes(q->s, i);
}
static inline int db_col_null(struct db_q *q, int i)
{
    return q->pg ? pg_col_null(q->pg, i) : sqlite3_column_type(q->s, i) == SQLITE_NULL;
}
/* Rows changed by the last INSERT, UPDATE or DELETE of the connection, and
 * the id of the last row inserted (on PostgreSQL: from the INSERT's
 * RETURNING id, which pg.c adds where the table has an id). */
int64_t db_changes(struct store *st);
int64_t db_last_id(struct store *st);
/* Non-zero when a transaction is open. */
int db_in_tx(struct store *st);

/* Statement id of connection st, prepared on its first use; NULL (logged)
 * when its text does not prepare. */
struct db_q *db_stmt(struct store *st, enum db_stmt_id id);
/* Finalize every statement st has prepared (store_close). */
void db_stmts_free(struct store *st);
/* Reset s and clear its bindings. */
void db_done(struct db_q *s);
/* Step a statement that returns no rows, then db_done it. Maps constraint
 * failures to AK_EEXIST/AK_EINVAL, others to AK_EIO (logged); a NULL s (a
 * db_stmt that failed, logged there) gives AK_EIO. */
enum ak_err db_exec_stmt(struct store *st, struct db_q *s);
/* Log the connection's last error with context; returns AK_EFULL when it
 * was SQLITE_FULL (the disk, or max_page_count), else AK_EIO. */
enum ak_err db_fail(struct store *st, const char *what);
/* Column i as a NUL-terminated copy in a ("" for NULL); NULL when out of memory. */
char *db_col_text(struct db_q *s, int i, struct arena *a);
/* Bind a possibly NULL C string as text (NULL binds ''). */
int db_bind_text(struct db_q *s, int i, const char *v);
/* The same for a name or a title, which a page shows next to other text:
 * bound without the bidi controls that could act outside it
 * (text_bidi_clean). Every name column is written through this: comment
 * authors, users' display names, bylines, sources, article, revision and
 * static page titles, section and tag names. */
int db_bind_name(struct db_q *s, int i, const char *v);
/* Current time in unix seconds (overridable for tests with AKHBAR_NOW). */
int64_t db_now(void);
/* Open, release, or roll back to and release, the most recent savepoint. */
enum ak_err db_savepoint(struct store *st);
enum ak_err db_release(struct store *st);
void db_rollback_to(struct store *st);


/* Fill one struct from the current row; returns 0 when out of memory. */
typedef int (*db_row_fn)(struct db_q *s, struct arena *a, void *elem);
/* Step s to the end, collecting one elem_size struct per row into an arena
 * array made with row(); db_done(s) afterwards. The array and its count go to out and n. */
enum ak_err db_rows(struct store *st, struct db_q *s, struct arena *a, size_t elem_size,
                    db_row_fn row, void **out, size_t *n);
/* Step s once for one integer: AK_OK and *v when its first column is not
 * NULL, AK_ENOTFOUND for no row or NULL, or the error (what names it). */
enum ak_err db_int64(struct store *st, struct db_q *s, int64_t *v, const char *what);
/* Step s expecting one row filled by row() into elem; AK_ENOTFOUND if none. */
enum ak_err db_row(struct store *st, struct db_q *s, struct arena *a, db_row_fn row,
                   void *elem);

/* Add akhbar_rank(), akhbar_phrases() and akhbar_df(), the store's FTS5
 * functions (rank.c), to connection db. Returns AK_OK or AK_EIO (logged). */
enum ak_err db_rank_register(sqlite3 *db);
/* The recency factor of ranking: 1 + boost for an article published now,
 * falling towards 1, the excess halving every 30 days (rank.c). */
double db_recency(int64_t now, int64_t published_at, double boost);
/* The smallest and largest article id: the LO and HI those functions take. */
enum ak_err db_rank_span(struct store *st, int64_t *lo, int64_t *hi);

/* PostgreSQL: index the articles waiting for their tsvector (pgindex.c),
 * in transactions of their own (or in the caller's, when one is open); run
 * after every commit, and before related articles are computed. Nothing on SQLite,
 * whose triggers index, or on a read-only connection. */
enum ak_err db_index_pending(struct store *st);
/* PostgreSQL: mark every article to be indexed again (reindex). */
enum ak_err db_index_all(struct store *st);

/* This connection's analyzer (search queries, related articles), made on
 * first use; NULL when out of memory. */
struct text_analyzer *db_analyzer(struct store *st);

/* Row fillers shared between modules (row.c): a struct section from
 * columns 0-3 (id, slug, name, position), a struct tag from 0-2. */
int db_section_row(struct db_q *s, struct arena *a, void *elem);
int db_tag_row(struct db_q *s, struct arena *a, void *elem);
/* A struct user from columns 0-6: id, login, name, role, disabled,
 * created_at, updated_at. */
int db_user_row(struct db_q *s, struct arena *a, void *elem);

/* Link article id to its primary section (section_id), in->sections (by
 * slug; AK_ENOTFOUND for an unknown one) and in->tags (by name, created when
 * new, in order), in the caller's transaction (article.c). */
enum ak_err db_article_links(struct store *st, struct arena *a, int64_t id, int64_t section_id,
                             const struct article_in *in);

/* The body of store_article_insert, in the caller's savepoint: the row
 * (with in->guid, and key, DB_IMPORT_KEY_BYTES, unless NULL), its links
 * and its comments (article.c). */
#define DB_IMPORT_KEY_BYTES 16
enum ak_err db_article_insert(struct store *st, struct arena *a, const struct article_in *in,
                              const unsigned char *key, int64_t *id);
/* Add in->comments to article id (article.c), with their status and
 * threading; created_at 0 is now. keep_existing: a comment already there
 * (same author, body and time) is not added again (an import run again).
 * AK_EINVAL for an unknown status or a reply_to that is not earlier. */
enum ak_err db_article_comments(struct store *st, struct arena *a, int64_t id,
                                const struct article_in *in, int64_t now, int keep_existing);

#endif
