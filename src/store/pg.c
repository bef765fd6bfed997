/*
 * pg.c: the store's statement kit on PostgreSQL (libpq): connecting and
 * reconnecting, each statement's text made PostgreSQL's, prepared on the
 * server by name on first use, parameters bound and results read through
 * the same calls as SQLite's (db.h), errors mapped to SQLite's codes so that
 * db.c maps them once. With pg_col.c (the columns) and pg_int.h (the
 * statement they share), the only store files that include libpq-fe.h.
 *
 * Parameters go as text (numbers printed here) with their types, blobs in
 * binary as bytea; results come as text, bytea decoded from its hex form.
 * A result is read whole: the store's statements return a page of rows at
 * most (listings are limited, exports walk by key).
 *
 * When the server goes away (restarted, the network cut), a statement
 * fails and the connection is reset, at most once a second: until it is
 * back every statement fails at once (pg_down), so a request answers 503
 * quickly instead of waiting; once it is back, statements prepare again.
 */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/clock.h"
#include "base/log.h"
#include "store/db.h"
#include "store/pg_int.h"

#define PG_NUM 32               /* bytes of a number printed */
#define PG_RETRY_NS 1000000000ull       /* between reconnection attempts */

/* PostgreSQL's type oids for the parameters (pg_type.h). */
#define PG_OID_INT8 20
#define PG_OID_TEXT 25
#define PG_OID_FLOAT8 701

struct pg_conn {
    PGconn *c;
    char *uri;
    unsigned gen;               /* bumped at each connection: statements prepare again */
    int down;                   /* the server cannot be reached */
    uint64_t tried_at;          /* the last attempt to reconnect (clock_mono_ns) */
    char err[512];
    int errcode;
    int64_t changes, last_id;
    unsigned listening;         /* the connection (gen) LISTEN was sent on */
    unsigned leading;           /* the connection (gen) that holds the lead lock */
    /* The connection was lost inside a transaction: its statements went
     * with it, so nothing more may run (it would run outside any
     * transaction, on the next connection) until the store rolls back. */
    int tx_lost;
    struct arena texts;         /* the statements' texts, made once */
};

/* When a connection of this process last reached the server: another
 * connection that failed before then tries again at once (the server is
 * back), not after its second of waiting. */
static uint64_t pg_back_at;


int pg_is_uri(const char *db)
{
    return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0 ||
                  strstr(db, "dbname=") != NULL);
}

/* Log what failed, with the connection's last error; AK_EFULL for a full
 * disk, else AK_EIO (db.c's db_fail does the same for either backend). */
static enum ak_err pg_fail(struct pg_conn *pc, const char *what)
{
    log_error("database: %s: %s", what, pc->err);
    return pc->errcode == SQLITE_FULL ? AK_EFULL : AK_EIO;
}

static void pg_set_err(struct pg_conn *pc, int code, const char *msg)
{
    pc->errcode = code;
    snprintf(pc->err, sizeof pc->err, "%s", msg ? msg : "unknown error");
    size_t n = strlen(pc->err);
    while (n && (pc->err[n - 1] == '\n' || pc->err[n - 1] == ' '))
        pc->err[--n] = '\0';
}

static void pg_notice_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Run a constant command, its result dropped; 0 when it worked. */
static int pg_command(struct pg_conn *pc, const char *sql)
{
    PGresult *r = PQexec(pc->c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? 0 : -1;
}

/* Make a connection to pc->uri; 0 when it works. */
static int pg_dial(struct pg_conn *pc)
{
    const char *keys[] = { "dbname", "connect_timeout", "application_name", NULL };
    const char *vals[] = { pc->uri, "3", "akhbar", NULL };
    if (pc->c)
        PQfinish(pc->c);
    pc->c = PQconnectdbParams(keys, vals, 1);
    pc->tried_at = clock_mono_ns();
    if (!pc->c || PQstatus(pc->c) != CONNECTION_OK) {
        pg_set_err(pc, SQLITE_CANTOPEN, pc->c ? PQerrorMessage(pc->c) : "out of memory");
        pc->down = 1;
        return -1;
    }
    /* Quiet: NOTICEs (an IF NOT EXISTS that found it) are not errors. */
    PQsetNoticeProcessor(pc->c, pg_notice_quiet, NULL);
    /* A lock held elsewhere (a writer's, a maintenance's) is waited for as
     * long as SQLite waits (busy_timeout), then the statement fails: a
     * request answers instead of hanging. */
    pg_command(pc, "SET lock_timeout = '5s'");
    pc->gen++;
    pc->down = 0;
    __atomic_store_n(&pg_back_at, pc->tried_at, __ATOMIC_RELAXED);
    return 0;
}

enum ak_err pg_connect(struct store *st, const char *uri)
{
    struct pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc || !(pc->uri = strdup(uri))) {
        free(pc);
        return AK_ENOMEM;
    }
    arena_init(&pc->texts, 0);
    st->pg = pc;
    if (pg_dial(pc)) {
        log_error("database: cannot connect to PostgreSQL: %s", pc->err);
        return AK_EIO;
    }
    return AK_OK;
}

void pg_disconnect(struct store *st)
{
    struct pg_conn *pc = st->pg;
    if (!pc)
        return;
    for (size_t i = 0; i < STMT__MAX; i++) {
        struct db_pgq *q = st->q[i].pg;
        if (q) {
            pg_reset(q);
            free(q);
            st->q[i].pg = NULL;
        }
    }
    if (pc->c)
        PQfinish(pc->c);
    arena_reset(&pc->texts);
    free(pc->uri);
    free(pc);
    st->pg = NULL;
}

int pg_down(struct store *st)
{
    return st->pg && st->pg->down;
}

/* Ready to run a statement: reconnect when the last one found the server
 * gone (at most once a second). 0 when connected. */
static int pg_ready(struct store *st)
{
    struct pg_conn *pc = st->pg;
    if (!pc->down && PQstatus(pc->c) == CONNECTION_OK)
        return 0;
    if (pc->down && clock_mono_ns() - pc->tried_at < PG_RETRY_NS &&
        __atomic_load_n(&pg_back_at, __ATOMIC_RELAXED) <= pc->tried_at) {
        pg_set_err(pc, SQLITE_CANTOPEN, "the database server cannot be reached");
        return -1;
    }
    if (pg_dial(pc)) {
        log_error("database: PostgreSQL is unreachable: %s", pc->err);
        return -1;
    }
    log_info("database: reconnected to PostgreSQL");
    return 0;
}

/* The SQLite-like code of a failed result r. */
static int pg_result_code(struct pg_conn *pc, const PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (PQstatus(pc->c) != CONNECTION_OK) {
        pc->down = 1;
        pc->tried_at = 0;               /* try again at the next statement */
        return SQLITE_CANTOPEN;
    }
    if (!state)
        return SQLITE_ERROR;
    if (strcmp(state, "23505") == 0)
        return SQLITE_CONSTRAINT_UNIQUE;
    if (strncmp(state, "23", 2) == 0)
        return SQLITE_CONSTRAINT;
    if (strcmp(state, "53100") == 0)
        return SQLITE_FULL;
    if (strcmp(state, "55P03") == 0)        /* lock_timeout */
        return SQLITE_BUSY;
    if (strcmp(state, "25006") == 0)
        return SQLITE_READONLY;
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0) {
        pc->down = 1;
        pc->tried_at = 0;
        return SQLITE_CANTOPEN;
    }
    return SQLITE_ERROR;
}

struct db_pgq *pg_q(struct store *st, enum db_stmt_id id)
{
    struct db_pgq *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->st = st;
    q->id = id;
    q->blob_col = -1;
    if (!(q->sql = pg_sql_text(&st->pg->texts, id, &q->returning_id))) {
        free(q);
        return NULL;
    }
    q->write = strncmp(q->sql, "INSERT", 6) == 0 || strncmp(q->sql, "UPDATE", 6) == 0 ||
               strncmp(q->sql, "DELETE", 6) == 0;
    /* The parameters: the largest $N of the text. */
    for (const char *p = q->sql; (p = strchr(p, '$'));) {
        int n = (int)strtol(++p, NULL, 10);
        if (n > q->nparams)
            q->nparams = n;
        if (n >= 1 && n <= PG_PARAMS)
            q->used |= (uint32_t)1 << (n - 1);
    }
    if (q->nparams > PG_PARAMS) {
        log_error("database: %s takes %d parameters, more than %d", db_stmt_names[id],
                  q->nparams, PG_PARAMS);
        free(q);
        return NULL;
    }
    return q;
}

int pg_param_count(struct db_pgq *q)
{
    return q->nparams;
}

void pg_reset(struct db_pgq *q)
{
    for (int i = 0; i < q->nparams; i++) {     /* pg_bind takes no others */
        free(q->own[i]);
        q->own[i] = NULL;
        q->vals[i] = NULL;
        q->lens[i] = q->fmts[i] = 0;
    }
    PQclear(q->res);
    q->res = NULL;
    q->row = q->nrows = 0;
    free(q->blob);
    q->blob = NULL;
    q->blob_col = -1;
}

/* Bind parameter i to a copy of v[0..n) (binary when fmt), of type oid.
 * Parameters the statement does not take are ignored, as SQLite ignores
 * them (SQLITE_RANGE, which no caller checks). */
static int pg_bind(struct db_pgq *q, int i, const void *v, size_t n, int fmt, unsigned oid)
{
    if (i < 1 || i > q->nparams)
        return SQLITE_RANGE;
    i--;
    free(q->own[i]);
    q->own[i] = NULL;
    q->vals[i] = NULL;
    q->types[i] = oid;
    q->fmts[i] = fmt;
    q->lens[i] = 0;
    if (!v)
        return SQLITE_OK;               /* NULL */
    if (!(q->own[i] = malloc(n + 1)))
        return SQLITE_NOMEM;
    if (n)
        memcpy(q->own[i], v, n);
    q->own[i][n] = '\0';
    q->vals[i] = q->own[i];
    q->lens[i] = (int)n;
    return SQLITE_OK;
}

int pg_bind_int64(struct db_pgq *q, int i, int64_t v)
{
    char b[PG_NUM];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    return pg_bind(q, i, b, (size_t)n, 0, PG_OID_INT8);
}

int pg_bind_double(struct db_pgq *q, int i, double v)
{
    char b[PG_NUM];
    int n = snprintf(b, sizeof b, "%.17g", v);
    return pg_bind(q, i, b, (size_t)n, 0, PG_OID_FLOAT8);
}

int pg_bind_null(struct db_pgq *q, int i)
{
    return pg_bind(q, i, NULL, 0, 0, 0);
}

int pg_bind_text(struct db_pgq *q, int i, const char *v, int n)
{
    return pg_bind(q, i, v, n < 0 ? strlen(v) : (size_t)n, 0, PG_OID_TEXT);
}

int pg_bind_blob(struct db_pgq *q, int i, const void *v, int n)
{
    return pg_bind(q, i, v ? v : "", (size_t)n, 1, PG_OID_BYTEA);
}

/* Prepare q on the connection; 0 when it is. An INSERT given RETURNING id
 * into a table without an id column is prepared again without it. Inside a
 * transaction the attempts run under a savepoint: a failed PREPARE would
 * abort the caller's transaction. */
static int pg_prepare(struct db_pgq *q)
{
    struct pg_conn *pc = q->st->pg;
    const char *name = db_stmt_names[q->id];    /* the server's name for it */
    int in_tx = pg_in_tx(q->st);
    if (in_tx && pg_command(pc, "SAVEPOINT ak_prepare"))
        in_tx = 0;
    /* The types the bindings gave; a number the text skips (SQLite's
     * ?9 after ?6) has none to infer, and is taken as an integer. */
    Oid types[PG_PARAMS];
    for (int i = 0; i < q->nparams; i++)
        types[i] = q->types[i] ? q->types[i] : (q->used >> i & 1) ? 0 : PG_OID_INT8;
    int rc = -1;
    for (;;) {
        PGresult *r = PQprepare(pc->c, name, q->sql, q->nparams, types);
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const char *state = ok ? NULL : PQresultErrorField(r, PG_DIAG_SQLSTATE);
        size_t rn = strlen(" RETURNING id"), n = strlen(q->sql);
        if (!ok && q->returning_id && state && strcmp(state, "42703") == 0 && n > rn &&
            strcmp(q->sql + n - rn, " RETURNING id") == 0) {
            PQclear(r);
            if (in_tx)
                pg_command(pc, "ROLLBACK TO SAVEPOINT ak_prepare");
            char *t = arena_strndup(&pc->texts, q->sql, n - rn);
            if (!t)
                break;
            q->sql = t;
            q->returning_id = 0;
            continue;
        }
        if (!ok) {
            char msg[400];
            snprintf(msg, sizeof msg, "prepare %s: %s", db_stmt_names[q->id],
                     PQresultErrorMessage(r));
            pg_set_err(pc, pg_result_code(pc, r), msg);
            PQclear(r);
            if (in_tx)
                pg_command(pc, "ROLLBACK TO SAVEPOINT ak_prepare");
            break;
        }
        PQclear(r);
        q->prepared_gen = pc->gen;
        rc = 0;
        break;
    }
    if (in_tx)
        pg_command(pc, "RELEASE SAVEPOINT ak_prepare");
    return rc;
}

int pg_step(struct db_pgq *q)
{
    struct pg_conn *pc = q->st->pg;
    if (q->res) {                       /* walking the rows */
        if (q->row + 1 < q->nrows) {
            q->row++;
            free(q->blob);
            q->blob = NULL;
            q->blob_col = -1;
            return DB_ROW;
        }
        return DB_DONE;
    }
    if (q->write && q->st->protect) {       /* store_protect: a reader writes nothing */
        char msg[160];
        snprintf(msg, sizeof msg, "%s: a write on a read-only connection",
                 db_stmt_names[q->id]);
        pg_set_err(pc, SQLITE_READONLY, msg);
        return pc->errcode;
    }
    if (pc->tx_lost) {
        if (q->id == STMT_ROLLBACK) {   /* the server rolled it back already */
            pc->tx_lost = 0;
            return DB_DONE;
        }
        pg_set_err(pc, SQLITE_ABORT, "the transaction was lost with the connection to the "
                                     "database server: rolled back");
        return pc->errcode;
    }
    uint64_t t0 = clock_mono_ns();
    const char *name = db_stmt_names[q->id];
    PGresult *r = NULL;
    ExecStatusType es = PGRES_FATAL_ERROR;
    /* A connection that finds the server gone outside a transaction (it
     * restarted while this one was idle) dials again and runs the statement
     * once more: nothing of it had run. */
    for (int attempt = 0; attempt < 2; attempt++) {
        if (pg_ready(q->st))
            return pc->errcode;
        if (q->prepared_gen != pc->gen && pg_prepare(q))
            return pc->errcode;
        int in_tx = pg_in_tx(q->st);
        /* A failed statement aborts PostgreSQL's whole transaction, where
         * SQLite's goes on (the store inserts, and on AK_EEXIST looks up): a
         * write inside a transaction runs under a savepoint of its own. */
        int guard = q->write && in_tx && pg_command(pc, "SAVEPOINT ak_stmt") == 0;
        PQclear(r);
        r = PQexecPrepared(pc->c, name, q->nparams, q->vals, q->lens, q->fmts, 0);
        es = PQresultStatus(r);
        if (guard && es != PGRES_COMMAND_OK && es != PGRES_TUPLES_OK)
            pg_command(pc, "ROLLBACK TO SAVEPOINT ak_stmt");
        if (guard)
            pg_command(pc, "RELEASE SAVEPOINT ak_stmt");
        if (in_tx && es != PGRES_COMMAND_OK && es != PGRES_TUPLES_OK &&
            PQstatus(pc->c) != CONNECTION_OK)
            pc->tx_lost = 1;
        if (es == PGRES_COMMAND_OK || es == PGRES_TUPLES_OK || in_tx ||
            PQstatus(pc->c) == CONNECTION_OK)
            break;
        pc->down = 1;                   /* lost: dial at once */
        pc->tried_at = 0;
    }
    q->st->busy_ns += clock_mono_ns() - t0;
    if (es == PGRES_COMMAND_OK) {
        const char *t = PQcmdTuples(r);
        pc->changes = t && *t ? strtoll(t, NULL, 10) : 0;
        PQclear(r);
        return DB_DONE;
    }
    if (es != PGRES_TUPLES_OK) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s: %s", db_stmt_names[q->id], PQresultErrorMessage(r));
        pg_set_err(pc, pg_result_code(pc, r), msg);
        PQclear(r);
        return pc->errcode;
    }
    const char *t = PQcmdTuples(r);
    if (t && *t)
        pc->changes = strtoll(t, NULL, 10);
    if (q->returning_id) {
        int n = PQntuples(r);
        if (n > 0)
            pc->last_id = strtoll(PQgetvalue(r, n - 1, 0), NULL, 10);
        PQclear(r);
        return DB_DONE;
    }
    q->res = r;
    q->row = 0;
    q->nrows = PQntuples(r);
    return q->nrows ? DB_ROW : DB_DONE;
}

/* Run a constant text (no parameters) on st's connection: its result, or
 * NULL with *rc the failure (logged, naming what). */
static PGresult *pg_exec_const(struct store *st, const char *sql, const char *what,
                               enum ak_err *rc)
{
    struct pg_conn *pc = st->pg;
    if (pg_ready(st)) {
        *rc = pg_fail(pc, what);
        return NULL;
    }
    PGresult *r = PQexec(pc->c, sql);
    ExecStatusType es = PQresultStatus(r);
    if (es != PGRES_COMMAND_OK && es != PGRES_TUPLES_OK) {
        pg_set_err(pc, pg_result_code(pc, r), PQresultErrorMessage(r));
        PQclear(r);
        *rc = pg_fail(pc, what);
        return NULL;
    }
    *rc = AK_OK;
    return r;
}

enum ak_err pg_exec_script(struct store *st, const char *sql, const char *what)
{
    enum ak_err rc;
    PQclear(pg_exec_const(st, sql, what, &rc));
    return rc;
}

enum ak_err pg_int(struct store *st, const char *sql, int64_t *v)
{
    enum ak_err rc;
    PGresult *r = pg_exec_const(st, sql, sql, &rc);
    if (!r)
        return rc;
    rc = AK_ENOTFOUND;
    if (PQntuples(r) > 0 && PQnfields(r) > 0 && !PQgetisnull(r, 0, 0)) {
        *v = pg_text_int64(PQgetvalue(r, 0, 0));
        rc = AK_OK;
    }
    PQclear(r);
    return rc;
}

const char *pg_errmsg(struct store *st)
{
    return st->pg->err;
}

int pg_errcode(struct store *st)
{
    return st->pg->errcode;
}

int64_t pg_changes(struct store *st)
{
    return st->pg->changes;
}

int64_t pg_last_id(struct store *st)
{
    return st->pg->last_id;
}

int pg_in_tx(struct store *st)
{
    PGTransactionStatusType t = PQtransactionStatus(st->pg->c);
    return st->pg->tx_lost || t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

enum ak_err pg_prepare_now(struct store *st, enum db_stmt_id id)
{
    struct db_q *s = &st->q[id];
    if (!s->pg && !(s->pg = pg_q(st, id)))
        return AK_ENOMEM;
    if (pg_ready(st))
        return AK_EIO;
    if (s->pg->prepared_gen == st->pg->gen || pg_prepare(s->pg) == 0)
        return AK_OK;
    /* A parameter whose type only its binding tells (42P18: "?2 IS NULL"
     * alone) prepares at its first run, when the binding gives the type. */
    return strstr(st->pg->err, "could not determine data type") ? AK_OK : AK_EIO;
}

/* Non-zero when notifications had arrived on c (they are dropped: which
 * change it was, the change log says). */
static int pg_notified(PGconn *c)
{
    int got = 0;
    for (PGnotify *n; (n = PQnotifies(c)); got = 1)
        PQfreemem(n);
    return got;
}

int pg_wait_change(struct store *st, int timeout_ms)
{
    struct pg_conn *pc = st->pg;
    if (pg_ready(st))
        return -1;
    if (pc->listening != pc->gen) {
        if (pg_command(pc, "LISTEN akhbar_change"))
            return -1;
        pc->listening = pc->gen;
    }
    if (pg_notified(pc->c))
        return 1;                       /* came with an earlier result */
    struct pollfd p = { .fd = PQsocket(pc->c), .events = POLLIN };
    return p.fd >= 0 && poll(&p, 1, timeout_ms) > 0 && PQconsumeInput(pc->c) &&
           pg_notified(pc->c);
}

int pg_lead(struct store *st)
{
    struct pg_conn *pc = st->pg;
    if (pg_ready(st))
        return 0;
    if (pc->leading == pc->gen)
        return 1;                       /* held while this connection lives */
    int64_t got = 0;
    if (pg_int(st, "SELECT pg_try_advisory_lock(" PG_LOCK_LEAD ")", &got) == AK_OK && got) {
        pc->leading = pc->gen;
        log_info("database: this node runs the scheduler's shared work");
        return 1;
    }
    return 0;
}
