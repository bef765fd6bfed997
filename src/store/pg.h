/*
 * pg.h: the PostgreSQL side of the store's statement kit (pg.c), for db.h
 * only: db.h's db_bind_, db_step and db_col_ calls come here when the
 * connection is PostgreSQL's. Only pg.c, pg_col.c and pg_int.h name
 * libpq's types.
 *
 * A statement is prepared on the server (by its name in stmt.h) the first
 * time it runs, from its SQL text made PostgreSQL's (pg_sql_text): its own
 * DB_SQL_PG text when the module gives one, else the SQLite text with ?N
 * made $N and SQLite's few words of its own rewritten. db_step runs it and
 * keeps the whole result; later steps walk its rows.
 */
#ifndef AK_STORE_PG_H
#define AK_STORE_PG_H

#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/stmt.h"

/* The advisory locks akhbar takes on PostgreSQL (class 7106), as SQL
 * arguments: creating the schema (open.c), leading the scheduler's shared
 * work (pg.c), one writer at a time (stmt.c's BEGIN_WRITER). */
#define PG_LOCK_SCHEMA "7106, 1"
#define PG_LOCK_LEAD "7106, 2"
#define PG_LOCK_WRITER "7106, 3"

struct db_pgq;
struct pg_conn;
struct store;

int pg_bind_int64(struct db_pgq *q, int i, int64_t v);
int pg_bind_double(struct db_pgq *q, int i, double v);
int pg_bind_null(struct db_pgq *q, int i);
int pg_bind_text(struct db_pgq *q, int i, const char *v, int n);
int pg_bind_blob(struct db_pgq *q, int i, const void *v, int n);
int pg_param_count(struct db_pgq *q);
int pg_step(struct db_pgq *q);
int64_t pg_col_int64(struct db_pgq *q, int i);
double pg_col_double(struct db_pgq *q, int i);
const char *pg_col_str(struct db_pgq *q, int i);
const void *pg_col_blob(struct db_pgq *q, int i);
int pg_col_bytes(struct db_pgq *q, int i);
int pg_col_null(struct db_pgq *q, int i);

/* Non-zero when the --db argument names a PostgreSQL database (a
 * postgresql:// or postgres:// URI, or a libpq keyword string with
 * dbname=). */
int pg_is_uri(const char *db);
/* Connect st to the database at uri (libpq's rules: sslmode, PGPASSWORD,
 * ~/.pgpass). AK_EIO (logged) when it cannot. */
enum ak_err pg_connect(struct store *st, const char *uri);
void pg_disconnect(struct store *st);
/* Non-zero while the server cannot be reached (requests answer 503). */
int pg_down(struct store *st);
/* The statement id of st, ready to bind: NULL when out of memory. */
struct db_pgq *pg_q(struct store *st, enum db_stmt_id id);
/* Clear q's parameters and result (db_done). */
void pg_reset(struct db_pgq *q);
/* Run a script of several statements (no parameters), as one. */
enum ak_err pg_exec_script(struct store *st, const char *sql, const char *what);
/* Run a constant text (no parameters) for one integer: AK_ENOTFOUND for no
 * row or NULL. For opening, before the store's statements can run. */
enum ak_err pg_int(struct store *st, const char *sql, int64_t *v);
/* Prepare statement id on the server now (its parameters' types left to
 * the server), as its first use would: for the test that every statement
 * prepares on PostgreSQL. */
enum ak_err pg_prepare_now(struct store *st, enum db_stmt_id id);
/* Wait up to timeout_ms for another connection's change (the change log's
 * NOTIFY akhbar_change, pg/schema.sql), LISTENing first: 1 when one came,
 * 0 when none did, -1 when the server cannot be reached. */
int pg_wait_change(struct store *st, int timeout_ms);
/* Non-zero when this connection holds (or now takes) the session-level
 * advisory lock that names one node the leader; a node that dies lets it
 * go with its connection, and another takes it at its next try. */
int pg_lead(struct store *st);
/* The last error's message, for db_fail; its SQLite-like code. */
const char *pg_errmsg(struct store *st);
int pg_errcode(struct store *st);
int64_t pg_changes(struct store *st);
int64_t pg_last_id(struct store *st);
int pg_in_tx(struct store *st);

/* PostgreSQL's text of statement id: its DB_SQL_PG text, else the SQLite
 * text rewritten, into arena a; NULL when out of memory. *returning_id is
 * set when an INSERT got a RETURNING id added. */
const char *pg_sql_text(struct arena *a, enum db_stmt_id id, int *returning_id);
/* The rewriting itself, of any text (pg_sql.c's rules). */
const char *pg_sql_rewrite(struct arena *a, const char *sql, int *returning_id);

#endif
