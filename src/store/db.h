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

/* A number macro as a string literal, for constants inside SQL text. */
#define DB_STR_(x) #x
#define DB_STR(x) DB_STR_(x)

struct text_analyzer;
struct article_in;

struct store {
    sqlite3 *db;
    int protect;                /* non-zero: PRAGMA query_only is on */
    struct text_analyzer *an;   /* made on first use: db_analyzer() */
    sqlite3_stmt *stmt[STMT__MAX];  /* by enum db_stmt_id; NULL until first used */
    /* Time inside statements (store_busy_ns), from SQLite's trace hooks: the
     * statements running now (a few nest: an outer one stepping while inner
     * ones run) and when the first of them started. */
    sqlite3_stmt *running[8];
    int nrunning;
    uint64_t busy_since, busy_ns;
};

/* Statement id of connection st, prepared on its first use; NULL (logged)
 * when its text does not prepare. */
sqlite3_stmt *db_stmt(struct store *st, enum db_stmt_id id);
/* Finalize every statement st has prepared (store_close). */
void db_stmts_free(struct store *st);
/* Reset s and clear its bindings. */
void db_done(sqlite3_stmt *s);
/* Step a statement that returns no rows, then db_done it. Maps constraint
 * failures to AK_EEXIST/AK_EINVAL, others to AK_EIO (logged); a NULL s (a
 * db_stmt that failed, logged there) gives AK_EIO. */
enum ak_err db_exec_stmt(struct store *st, sqlite3_stmt *s);
/* Log the connection's last error with context; returns AK_EFULL when it
 * was SQLITE_FULL (the disk, or max_page_count), else AK_EIO. */
enum ak_err db_fail(struct store *st, const char *what);
/* Column i as a NUL-terminated copy in a ("" for NULL); NULL when out of memory. */
char *db_col_text(sqlite3_stmt *s, int i, struct arena *a);
/* Bind a possibly NULL C string as text (NULL binds ''). */
int db_bind_text(sqlite3_stmt *s, int i, const char *v);
/* The same for a name or a title, which a page shows next to other text:
 * bound without the bidi controls that could act outside it
 * (text_bidi_clean). Every name column is written through this: comment
 * authors, users' display names, bylines, sources, article, revision and
 * static page titles, section and tag names. */
int db_bind_name(sqlite3_stmt *s, int i, const char *v);
/* Current time in unix seconds (overridable for tests with AKHBAR_NOW). */
int64_t db_now(void);
/* Open, release, or roll back to and release, the most recent savepoint. */
enum ak_err db_savepoint(struct store *st);
enum ak_err db_release(struct store *st);
void db_rollback_to(struct store *st);


/* Fill one struct from the current row; returns 0 when out of memory. */
typedef int (*db_row_fn)(sqlite3_stmt *s, struct arena *a, void *elem);
/* Step s to the end, collecting one elem_size struct per row into an arena
 * array made with row(); db_done(s) afterwards. The array and its count go to out and n. */
enum ak_err db_rows(struct store *st, sqlite3_stmt *s, struct arena *a, size_t elem_size,
                    db_row_fn row, void **out, size_t *n);
/* Step s once for one integer: AK_OK and *v when its first column is not
 * NULL, AK_ENOTFOUND for no row or NULL, or the error (what names it). */
enum ak_err db_int64(struct store *st, sqlite3_stmt *s, int64_t *v, const char *what);
/* Step s expecting one row filled by row() into elem; AK_ENOTFOUND if none. */
enum ak_err db_row(struct store *st, sqlite3_stmt *s, struct arena *a, db_row_fn row,
                   void *elem);

/* Add akhbar_rank(), akhbar_phrases() and akhbar_df(), the store's FTS5
 * functions (rank.c), to connection db. Returns AK_OK or AK_EIO (logged). */
enum ak_err db_rank_register(sqlite3 *db);
/* The recency factor of ranking: 1 + boost for an article published now,
 * falling towards 1, the excess halving every 30 days (rank.c). */
double db_recency(int64_t now, int64_t published_at, double boost);
/* The smallest and largest article id: the LO and HI those functions take. */
enum ak_err db_rank_span(struct store *st, int64_t *lo, int64_t *hi);

/* This connection's analyzer (search queries, related articles), made on
 * first use; NULL when out of memory. */
struct text_analyzer *db_analyzer(struct store *st);

/* Row fillers shared between modules (row.c): a struct section from
 * columns 0-3 (id, slug, name, position), a struct tag from 0-2. */
int db_section_row(sqlite3_stmt *s, struct arena *a, void *elem);
int db_tag_row(sqlite3_stmt *s, struct arena *a, void *elem);
/* A struct user from columns 0-6: id, login, name, role, disabled,
 * created_at, updated_at. */
int db_user_row(sqlite3_stmt *s, struct arena *a, void *elem);

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
