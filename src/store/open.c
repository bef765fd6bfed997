/*
 * open.c: opening a connection: the pragmas, the search tokenizer and the
 * ranking functions registered, the schema created or migrated (numbered
 * migrations in one transaction, tracked by PRAGMA user_version), closing,
 * the time spent in statements, and the settings table.
 */
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sodium.h>
#include "base/clock.h"
#include "base/embedded.h"
#include "base/log.h"
#include "store/db.h"
#include "text/analyzer.h"
#include "text/fts5_tokenizer.h"

#define SCHEMA_VERSION 14

int store_schema_version(void)
{
    return SCHEMA_VERSION;
}

static enum ak_err open_pragma_int(struct store *st, const char *sql, int *v)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL))
        return db_fail(st, sql);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && v)
        *v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? AK_OK : db_fail(st, sql);
}

/* The numbered migrations, in order: each brings a database from version - 1
 * to version. A new database runs schema.sql instead, which is the whole
 * current schema. */
static const struct open_migration {
    int version;
    const char *file;           /* embedded (Makefile's EMBED) */
} open_migrations[] = {
    { 2, "src/store/migrations/0002-search.sql" },
    { 3, "src/store/migrations/0003-related.sql" },
    { 4, "src/store/migrations/0004-newsroom.sql" },
    { 5, "src/store/migrations/0005-media.sql" },
    { 6, "src/store/migrations/0006-revisions.sql" },
    { 7, "src/store/migrations/0007-state.sql" },
    { 8, "src/store/migrations/0008-people.sql" },
    { 9, "src/store/migrations/0009-changes.sql" },
    { 10, "src/store/migrations/0010-moving.sql" },
    { 11, "src/store/migrations/0011-wxr.sql" },
    { 12, "src/store/migrations/0012-wire.sql" },
    { 13, "src/store/migrations/0013-readers.sql" },
    { 14, "src/store/migrations/0014-autosave.sql" },
};
_Static_assert(sizeof open_migrations / sizeof open_migrations[0] == SCHEMA_VERSION - 1,
               "one migration per schema version after the first");

static enum ak_err open_exec_embedded(struct store *st, const char *name)
{
    const struct embedded_file *f = embedded_find(name);
    if (!ALWAYS(f != NULL))
        return AK_EIO;
    return sqlite3_exec(st->db, f->data, NULL, NULL, NULL) ? db_fail(st, name) : AK_OK;
}

/* The new database's first settings: the key of its sessions' and
 * comments' hashes, and the analyzer its index was made with. */
static enum ak_err open_first_settings(struct store *st)
{
    unsigned char secret[32];
    randombytes_buf(secret, sizeof secret);
    enum ak_err rc = store_setting_set(st, "secret", secret, sizeof secret);
    return rc ? rc
              : store_setting_set(st, "analyzer", TEXT_ANALYZER_VERSION,
                                  strlen(TEXT_ANALYZER_VERSION));
}

/* A database that cannot be brought to SCHEMA_VERSION, on either backend:
 * newer than this binary, or someone else's tables. */
static enum ak_err open_version_refused(int64_t version, int64_t tables)
{
    if (version > SCHEMA_VERSION) {
        log_error("database: schema version %lld is newer than this binary's %d",
                  (long long)version, SCHEMA_VERSION);
        return AK_EINVAL;
    }
    if (version == 0 && tables > 0) {
        log_error("database: not an akhbar database (tables but no schema version)");
        return AK_EINVAL;
    }
    return AK_OK;
}

/* The body of open_migrate, inside its write transaction: *from gets the
 * version the database had. */
static enum ak_err open_migrate_locked(struct store *st, int *from)
{
    int version = 0, tables = 0;
    if (open_pragma_int(st, "PRAGMA user_version", &version) ||
        open_pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables))
        return AK_EIO;
    *from = version;
    if (version == SCHEMA_VERSION)
        return AK_OK;                   /* another process got there first */
    enum ak_err rc = open_version_refused(version, tables);
    if (rc)
        return rc;
    if (version == 0) {
        if ((rc = open_exec_embedded(st, "src/store/schema.sql")) ||
            (rc = open_first_settings(st)))
            return rc;
    } else {
        for (size_t i = 0; i < sizeof open_migrations / sizeof open_migrations[0]; i++)
            if (open_migrations[i].version > version &&
                (rc = open_exec_embedded(st, open_migrations[i].file)))
                return rc;
        /* Migration 2 leaves body_text empty: ask for `akhbar reindex`. */
        if (version < 2 && (rc = store_setting_set(st, "reindex", "1", 1)))
            return rc;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", SCHEMA_VERSION);
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) ? db_fail(st, sql) : AK_OK;
}

/* Bring a database to SCHEMA_VERSION inside one transaction: a new one by
 * schema.sql, an older one by the migrations after its version. */
static enum ak_err open_migrate(struct store *st)
{
    int version = 0, from = 0;
    if (open_pragma_int(st, "PRAGMA user_version", &version))
        return AK_EIO;
    if (version == SCHEMA_VERSION)
        return AK_OK;
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
        return db_fail(st, "begin migration");
    enum ak_err rc = open_migrate_locked(st, &from);
    if (rc) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) {
        rc = db_fail(st, "commit migration");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (from == 0)
        log_info("database: created schema version %d", SCHEMA_VERSION);
    else if (from != SCHEMA_VERSION)
        log_info("database: migrated from schema version %d to %d", from, SCHEMA_VERSION);
    return AK_OK;
}

/* SQLite's trace hook: a statement starts (SQLITE_TRACE_STMT, again at each
 * trigger it fires) or ends (SQLITE_TRACE_PROFILE, at its last step or its
 * reset). The connection is busy while any statement runs; SQLite's own
 * elapsed time counts in milliseconds, too coarse for statements of a few
 * microseconds, so the clock is ours. */
static int open_trace(unsigned type, void *ctx, void *p, void *x)
{
    struct store *st = ctx;
    const int max = (int)(sizeof st->running / sizeof st->running[0]);
    int i = 0;
    (void)x;
    while (i < st->nrunning && st->running[i] != p)
        i++;
    if (type == SQLITE_TRACE_STMT && i == st->nrunning && i < max) {
        if (i == 0)
            st->busy_since = clock_mono_ns();
        st->running[st->nrunning++] = p;
    } else if (type == SQLITE_TRACE_PROFILE && i < st->nrunning) {
        st->running[i] = st->running[--st->nrunning];
        if (st->nrunning == 0)
            st->busy_ns += clock_mono_ns() - st->busy_since;
    }
    return 0;
}

uint64_t store_busy_ns(const struct store *st)
{
    return st ? st->busy_ns : 0;
}

const char *store_errmsg(struct store *st)
{
    return st->pg ? pg_errmsg(st) : sqlite3_errmsg(st->db);
}

/* Open path read-only into *db; SQLite's result code. A WAL database needs
 * its WAL index (the -shm file) even to be read, and SQLite cannot make one
 * in a folder it may not write (read-only storage, a mounted snapshot): the
 * first read fails with SQLITE_CANTOPEN. Such a file is opened immutable
 * (no locks, no WAL index: whatever a -wal file holds is not seen), which
 * is right only because nothing can be writing it: a writer would have made
 * the -shm. */
static int open_readonly(const char *path, sqlite3 **db)
{
    static int told;
    int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READONLY, NULL);
    if (rc || (sqlite3_exec(*db, "PRAGMA user_version", NULL, NULL, NULL) & 0xff) !=
                  SQLITE_CANTOPEN)
        return rc;
    sqlite3_close(*db);
    *db = NULL;
    /* A file: URI, with the characters that URIs give a meaning escaped. */
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32), *u = uri;
    if (!uri)
        return SQLITE_NOMEM;
    strcpy(u, path[0] == '/' ? "file://" : "file:");
    u += strlen(u);
    for (const char *c = path; *c; c++)
        if (strchr("%?#", *c))
            u += sprintf(u, "%%%02X", (unsigned char)*c);
        else
            *u++ = *c;
    strcpy(u, "?immutable=1");
    rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                         NULL);
    free(uri);
    if (rc == SQLITE_OK && !__atomic_exchange_n(&told, 1, __ATOMIC_RELAXED))
        log_info("database: %s is on read-only storage: opened immutable", path);
    return rc;
}

/* PostgreSQL: the schema version, 0 when there is no akhbar schema. */
static enum ak_err open_pg_version(struct store *st, int64_t *version)
{
    *version = 0;
    enum ak_err rc = pg_int(st, "SELECT to_regclass('schema_version') IS NOT NULL", version);
    if (rc || !*version)
        return rc;
    rc = pg_int(st, "SELECT max(version) FROM schema_version", version);
    return rc == AK_ENOTFOUND ? AK_OK : rc;
}

/* PostgreSQL: create the schema when there is none, in one transaction that
 * holds an advisory lock, so that nodes starting at once create it once. */
static enum ak_err open_pg_migrate(struct store *st)
{
    int64_t version = 0, tables = 0;
    enum ak_err rc = pg_exec_script(
        st, "BEGIN; SELECT pg_advisory_xact_lock(" PG_LOCK_SCHEMA ")", "begin migration");
    if (rc == AK_OK && !(rc = open_pg_version(st, &version)) && version == 0)
        rc = pg_int(st, "SELECT count(*) FROM pg_tables WHERE schemaname=current_schema()",
                    &tables);
    if (rc == AK_OK)
        rc = open_version_refused(version, tables);
    if (rc == AK_OK && version == 0) {
        const struct embedded_file *f = embedded_find("src/store/pg/schema.sql");
        rc = !ALWAYS(f != NULL) ? AK_EIO : pg_exec_script(st, f->data, "schema");
        if (rc == AK_OK)
            rc = open_first_settings(st);
        if (rc == AK_OK)
            log_info("database: created schema version %d", SCHEMA_VERSION);
    } else if (rc == AK_OK && version < SCHEMA_VERSION) {
        /* Migrations for PostgreSQL begin after version 14, its first. */
        log_error("database: schema version %lld has no migration on PostgreSQL",
                  (long long)version);
        rc = AK_EINVAL;
    }
    if (rc == AK_OK)
        return pg_exec_script(st, "COMMIT", "commit migration");
    pg_exec_script(st, "ROLLBACK", "rollback migration");
    return rc;
}

/* Open a PostgreSQL database (uri, libpq's rules) into st. */
static enum ak_err open_pg(struct store *st, const char *uri, int flags)
{
    enum ak_err rc = pg_connect(st, uri);
    if (rc)
        return rc;
    st->after_commit = db_index_pending;
    if (flags & STORE_CREATE)
        return open_pg_migrate(st);
    int64_t version = 0;
    if ((rc = open_pg_version(st, &version)))
        return rc;
    if (version != SCHEMA_VERSION) {
        log_error("database: PostgreSQL database has schema version %lld, expected %d "
                  "(run akhbar init)",
                  (long long)version, SCHEMA_VERSION);
        return AK_EINVAL;
    }
    if (flags & STORE_READONLY)
        store_protect(st, 1);
    return AK_OK;
}

const char *store_db_label(const char *path, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", path);
    if (!pg_is_uri(path))
        return buf;
    if (strlen(path) + 8 > cap) {               /* no room to mask it in place */
        snprintf(buf, cap, "PostgreSQL");
        return buf;
    }
    char *scheme = strstr(buf, "://"), *at = scheme ? strchr(scheme + 3, '@') : NULL;
    char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (at && colon && colon < at) {            /* user:password@ */
        memmove(colon + 4, at, strlen(at) + 1);
        memcpy(colon, ":***", 4);
    }
    char *pw = strstr(buf, "password=");
    if (pw) {                                   /* a keyword string's, or the URI's ?password= */
        char *end = pw + 9 + strcspn(pw + 9, " &");
        memmove(pw + 12, end, strlen(end) + 1);
        memcpy(pw + 9, "***", 3);
    }
    return buf;
}

int store_is_pg(const char *path)
{
    return pg_is_uri(path);
}

int store_unreachable(struct store *st)
{
    return pg_down(st);
}

void store_wait_change(struct store *st, int timeout_ms)
{
    if (st->pg && pg_wait_change(st, timeout_ms) >= 0)
        return;
    struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

int store_lead(struct store *st)
{
    return st->pg ? pg_lead(st) : 1;
}

int store_on_pg(const struct store *st)
{
    return st && st->pg != NULL;
}

enum ak_err store_open(const char *path, int flags, struct store **out)
{
    if (sodium_init() < 0)
        return AK_EIO;
    struct store *st = calloc(1, sizeof *st);
    if (!st)
        return AK_ENOMEM;
    if (pg_is_uri(path)) {
        enum ak_err rc = open_pg(st, path, flags);
        if (rc) {
            store_close(st);
            return rc;
        }
        *out = st;
        return AK_OK;
    }
    int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE |
                 ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    if ((flags & STORE_READONLY) ? open_readonly(path, &st->db)
                                 : sqlite3_open_v2(path, &st->db, oflags, NULL)) {
        log_error("database: cannot open %s: %s", path,
                  st->db ? sqlite3_errmsg(st->db) : "out of memory");
        store_close(st);
        return AK_EIO;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, open_trace, st);
    if (text_fts5_register(st->db) != AK_OK ||      /* before anything reads article_fts */
        db_rank_register(st->db) != AK_OK) {
        store_close(st);
        return AK_EIO;
    }
    if (sqlite3_exec(st->db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; "
                     /* Reads through mmap (up to 2 GB, SQLite's own limit)
                      * and a 32 MB page cache: the search index reads long
                      * doclists (pread + copy was a tenth of an import's
                      * time), and a query whose pages no connection has read
                      * yet took twice as long at 100,000 articles when only
                      * the first 256 MB were mapped (bench/README.md). The
                      * mapped pages are the OS's page cache, not ours. */
                     "PRAGMA mmap_size=2147418112; PRAGMA cache_size=-32768;", NULL, NULL,
                     NULL)) {
        db_fail(st, "pragmas");
        store_close(st);
        return AK_EIO;
    }
    if (!(flags & STORE_READONLY) &&
        sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL)) {
        log_error("database: %s is not a database: %s", path, sqlite3_errmsg(st->db));
        store_close(st);
        return AK_EIO;
    }
    enum ak_err rc = AK_OK;
    if (flags & STORE_CREATE) {
        rc = open_migrate(st);
    } else {
        int version = 0;
        rc = open_pragma_int(st, "PRAGMA user_version", &version);
        if (rc == AK_OK && version != SCHEMA_VERSION) {
            log_error("database: %s has schema version %d, expected %d (run akhbar init)",
                      path, version, SCHEMA_VERSION);
            rc = AK_EINVAL;
        }
    }
    if (rc) {
        store_close(st);
        return rc;
    }
    *out = st;
    return AK_OK;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    db_stmts_free(st);
    pg_disconnect(st);
    sqlite3_close(st->db);
    if (st->an)
        text_analyzer_free(st->an);
    free(st);
}

DB_SQL(SETTING_GET) = "SELECT value FROM setting WHERE key=?1";
DB_SQL(SETTING_SET) =
    "INSERT INTO setting(key, value) VALUES(?1, ?2) "
    "ON CONFLICT(key) DO UPDATE SET value=excluded.value";

enum ak_err store_setting_get(struct store *st, const char *key, void *out, size_t cap,
                              size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_SETTING_GET);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, key);
    int rc = db_step(s);
    enum ak_err e = AK_OK;
    if (rc == DB_ROW) {
        size_t len = (size_t)db_col_bytes(s, 0);
        const void *v = db_col_blob(s, 0);
        if (len > cap)
            e = AK_ETOOBIG;
        else {
            if (len)
                memcpy(out, v, len);
            if (n)
                *n = len;
        }
    } else {
        e = rc == DB_DONE ? AK_ENOTFOUND : db_fail(st, "setting");
    }
    db_done(s);
    return e;
}

enum ak_err store_setting_set(struct store *st, const char *key, const void *v, size_t n)
{
    struct db_q *s = db_stmt(st, STMT_SETTING_SET);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, key);
    db_bind_blob(s, 2, v, (int)n);
    return db_exec_stmt(st, s);
}

DB_SQL_CHECK(OPEN);
