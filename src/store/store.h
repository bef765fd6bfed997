/*
 * store.h: the connection to akhbar's database: open and close,
 * transactions, write protection, the schema version and settings.
 *
 * The store is split by entity, one header per module: section.h (sections
 * and tags), article.h, article_desk.h, article_edit.h, related.h, search.h
 * (search and reindex), comment.h, user.h, session.h, audit.h, media.h.
 * Include this one to open a connection and the entity headers for what you
 * call; each of them needs only the opaque struct store.
 *
 * A struct store is one connection with its prepared statements; it is not
 * shared between threads (the server opens one per worker thread). Strings
 * in returned structs are copied into the caller's arena and live as long as
 * it does. Functions return AK_OK, AK_ENOTFOUND for a missing row,
 * AK_EINVAL/AK_EEXIST for constraint failures, AK_EIO for database errors
 * (logged where they happen).
 *
 * The seam for a second backend. Callers get structs and enums, never SQL
 * and never a type of SQLite's: no public store header includes sqlite3.h
 * (db.h, for src/store/ alone, does). Inside, every statement is named by
 * enum db_stmt_id (stmt.h) and prepared lazily into one slot per name on
 * each connection; the modules run statements only by those names through
 * the kit of db.h. A PostgreSQL store (a later issue) would keep these
 * headers and the list of names, write its own text for each name, and put
 * its connection behind struct store and db.h's kit; transactions,
 * savepoints and store_protect (PRAGMA query_only here, SET TRANSACTION
 * READ ONLY there) are already calls, not SQL, for the callers.
 */
#ifndef AK_STORE_H
#define AK_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

enum store_open_flags {
    STORE_CREATE = 1,           /* create the file and schema when missing */
    STORE_READONLY = 2,         /* open read-only (and forbid writes); on read-only
                                   storage, where SQLite cannot make the WAL index,
                                   opened immutable: the file must not change then */
};

/* Open (and when STORE_CREATE, create or migrate) the database at path: a
 * SQLite file, or a PostgreSQL database named by a postgresql:// URI (or a
 * libpq keyword string), as libpq reads it (sslmode, PGPASSWORD, ~/.pgpass). */
enum ak_err store_open(const char *path, int flags, struct store **out);
/* path as a message may show it: a PostgreSQL URI without its password
 * ("postgresql://user:***@host/db", password=*** in a keyword string),
 * a file name as it is. Written into buf; returns buf. */
const char *store_db_label(const char *path, char *buf, size_t cap);
/* Non-zero when path names a PostgreSQL database rather than a file. */
int store_is_pg(const char *path);
/* Non-zero while st's database server cannot be reached (PostgreSQL
 * restarting): requests answer 503, and the store reconnects by itself. */
int store_unreachable(struct store *st);
/* Wait up to timeout_ms for a change to the database: on PostgreSQL
 * until another connection's change is notified (LISTEN), on SQLite the
 * time itself (its data_version is read after). */
void store_wait_change(struct store *st, int timeout_ms);
/* Non-zero when st's node is the one that does the work every node could
 * do but one should (the scheduler's: publishing, related lists, rankings,
 * the ticker's end): always on SQLite; on PostgreSQL the node whose
 * connection holds an advisory lock, taken over by another within a tick
 * when that node dies. */
int store_lead(struct store *st);
/* Non-zero when st is on PostgreSQL. */
int store_on_pg(const struct store *st);
void store_close(struct store *st);
enum ak_err store_begin(struct store *st);          /* a write transaction */
/* A read transaction: one snapshot, one lock, for all of a page's reads.
 * End it with store_commit (or store_rollback). */
enum ak_err store_begin_read(struct store *st);
enum ak_err store_commit(struct store *st);
void store_rollback(struct store *st);
/* Forbid (on != 0) or allow writes on this connection: defence in depth for
 * public GET handlers, enforced with PRAGMA query_only. */
void store_protect(struct store *st, int on);
/* Nanoseconds this connection has spent inside statements since it opened
 * (wall time while at least one statement ran, from its first step to its
 * reset): the database's share of a request's time. */
uint64_t store_busy_ns(const struct store *st);
/* The database's message for the connection's last error ("database is
 * locked"), for a caller that reports it (the health check). */
const char *store_errmsg(struct store *st);
/* The schema version this binary writes (PRAGMA user_version). */
int store_schema_version(void);

/* ---- settings: small named blobs (the server secret, site name) ---- */
/* Load setting key into out (at most cap bytes); *n gets its length. */
enum ak_err store_setting_get(struct store *st, const char *key, void *out, size_t cap,
                              size_t *n);
enum ak_err store_setting_set(struct store *st, const char *key, const void *v, size_t n);

/* The current time in unix seconds, as the store sees it (the environment
 * variable AKHBAR_NOW overrides it, for tests). */
int64_t store_now(void);

#endif
