/*
 * stmt.c: the table of the store's statements: each name's SQL text, from
 * the module that defines it (DB_SQL), and each name as a string. Data
 * only: the kit in db.c reads it, the modules only write their texts, so
 * no module and db.c depend on each other. The kit's own texts are here.
 */
#include "store/db.h"

/* PostgreSQL's own texts: weak, so that a name without one is NULL
 * (declared before this file's own, as clang asks). */
#define DB_SQL_PG_EXTERN_(name) extern const char db_sql_pg_##name[] __attribute__((weak));
DB_STMTS(DB_SQL_PG_EXTERN_)
#undef DB_SQL_PG_EXTERN_

/* The kit's own statements (db.c runs them): transactions, savepoints
 * (nesting under one name: RELEASE and ROLLBACK TO act on the most recent)
 * and the write protection. */
DB_SQL(BEGIN) = "BEGIN IMMEDIATE";
/* SQLite's BEGIN IMMEDIATE takes the one writer's lock: nothing more. */
DB_SQL(BEGIN_WRITER) = "SELECT 1";
DB_SQL(BEGIN_READ) = "BEGIN DEFERRED";
DB_SQL(COMMIT) = "COMMIT";
DB_SQL(ROLLBACK) = "ROLLBACK";
DB_SQL(SAVEPOINT) = "SAVEPOINT sp";
DB_SQL(RELEASE) = "RELEASE sp";
DB_SQL(ROLLBACK_TO) = "ROLLBACK TO sp";
DB_SQL(PROTECT_ON) = "PRAGMA query_only=1";
DB_SQL(PROTECT_OFF) = "PRAGMA query_only=0";
DB_SQL_CHECK(DB);
DB_SQL_PG(BEGIN) = "BEGIN";
/* PostgreSQL: the same one writer at a time, across every node, as the
 * store's "count, then insert" steps (login and comment throttles) need;
 * waited for up to lock_timeout (pg.c), as SQLite waits its busy_timeout. */
DB_SQL_PG(BEGIN_WRITER) = "SELECT pg_advisory_xact_lock(" PG_LOCK_WRITER ")";
DB_SQL_PG(BEGIN_READ) = "BEGIN";
/* Not run on PostgreSQL: pg.c refuses writes on a protected connection
 * without a round trip; the texts say what that means. */
DB_SQL_PG(PROTECT_ON) = "SET default_transaction_read_only = on";
DB_SQL_PG(PROTECT_OFF) = "SET default_transaction_read_only = off";

/* The texts, from the modules that define them (DB_SQL), by name. */
#define DB_SQL_EXTERN_(name) extern const char db_sql_##name[];
DB_STMTS(DB_SQL_EXTERN_)
#undef DB_SQL_EXTERN_

const char *const db_sql[STMT__MAX] = {
#define DB_SQL_ENTRY_(name) [STMT_##name] = db_sql_##name,
    DB_STMTS(DB_SQL_ENTRY_)
#undef DB_SQL_ENTRY_
};

const char *const db_sql_pg[STMT__MAX] = {
#define DB_SQL_PG_ENTRY_(name) [STMT_##name] = db_sql_pg_##name,
    DB_STMTS(DB_SQL_PG_ENTRY_)
#undef DB_SQL_PG_ENTRY_
};

const char *const db_stmt_names[STMT__MAX] = {
#define DB_STMT_NAME_(name) [STMT_##name] = #name,
    DB_STMTS(DB_STMT_NAME_)
#undef DB_STMT_NAME_
};

