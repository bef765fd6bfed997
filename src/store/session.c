/*
 * session.c: newsroom sessions and the failed logins that throttle the
 * login form.
 *
 * A session's name is SESSION_TOKEN_BYTES random bytes that only the
 * browser keeps (in its cookie). The table's key is a BLAKE2b hash of them
 * keyed with the site secret, so neither a copy of the database nor a look
 * at the table gives a cookie that works. Expiry is checked on load: idle
 * (no request for SESSION_IDLE) and absolute (SESSION_MAX_AGE after login);
 * seen_at is written at most once a SESSION_TOUCH, not on every request.
 */
#include <string.h>
#include <sodium.h>
#include "store/db.h"
#include "store/session.h"

#define SESSION_ID_BYTES 32

DB_SQL(SESSION_ADD) =
    "INSERT INTO session(id, user_id, csrf, created_at, seen_at, client) "
    "VALUES(?1, ?2, ?3, ?4, ?4, ?5)";
DB_SQL(SESSION_LOAD) =
    "SELECT u.id, u.login, u.name, u.role, u.disabled, u.created_at, u.updated_at, "
    "s.csrf, s.created_at, s.seen_at FROM session s JOIN user u ON u.id=s.user_id "
    "WHERE s.id=?1";
DB_SQL(SESSION_TOUCH) = "UPDATE session SET seen_at=?2 WHERE id=?1";
DB_SQL(SESSION_DELETE) = "DELETE FROM session WHERE id=?1";
DB_SQL(SESSION_DELETE_USER) = "DELETE FROM session WHERE user_id=?1";
DB_SQL(SESSION_PURGE) =
    "DELETE FROM session WHERE seen_at<?1 OR created_at<?2";

DB_SQL(FAILURE_ADD) = "INSERT INTO login_failure(key, at) VALUES(?1, ?2)";
DB_SQL(FAILURE_COUNT) =
    "SELECT count(*), coalesce(max(at), 0) FROM login_failure WHERE key=?1 AND at>=?2";
DB_SQL(FAILURE_CLEAR) = "DELETE FROM login_failure WHERE key=?1";
DB_SQL(FAILURE_PURGE) = "DELETE FROM login_failure WHERE at<?1";
DB_SQL(FAILURE_DELETE) = "DELETE FROM login_failure WHERE rowid=?1";

/* The stored name of the session whose cookie holds token. */
static void session_id(const unsigned char key[32], const unsigned char *token,
                       unsigned char id[SESSION_ID_BYTES])
{
    static const unsigned char domain[] = "akhbar session id";
    crypto_generichash_state h;
    crypto_generichash_init(&h, key, 32, SESSION_ID_BYTES);
    crypto_generichash_update(&h, domain, sizeof domain);
    crypto_generichash_update(&h, token, SESSION_TOKEN_BYTES);
    crypto_generichash_final(&h, id, SESSION_ID_BYTES);
}

/* Run a statement that takes a session id as ?1. */
static enum ak_err session_by_id(struct store *st, enum db_stmt_id sid,
                                 const unsigned char id[SESSION_ID_BYTES], int64_t v2)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    db_bind_blob(s, 1, id, SESSION_ID_BYTES);
    if (db_param_count(s) >= 2)
        db_bind_int64(s, 2, v2);
    return db_exec_stmt(st, s);
}

enum ak_err store_session_create(struct store *st, const unsigned char key[32], int64_t user_id,
                                 const char *client, unsigned char token[SESSION_TOKEN_BYTES],
                                 struct session *out)
{
    unsigned char id[SESSION_ID_BYTES], csrf[SESSION_CSRF_BYTES];
    randombytes_buf(token, SESSION_TOKEN_BYTES);
    randombytes_buf(csrf, sizeof csrf);
    session_id(key, token, id);
    int64_t now = db_now();
    struct db_q *s = db_stmt(st, STMT_SESSION_ADD);
    if (!s)
        return AK_EIO;
    db_bind_blob(s, 1, id, sizeof id);
    db_bind_int64(s, 2, user_id);
    db_bind_blob(s, 3, csrf, sizeof csrf);
    db_bind_int64(s, 4, now);
    db_bind_text(s, 5, client);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && out) {
        memset(out, 0, sizeof *out);
        memcpy(out->csrf, csrf, sizeof csrf);
        out->created_at = out->seen_at = now;
        out->user.id = user_id;
    }
    return rc;
}

enum ak_err store_session_load(struct store *st, struct arena *a, const unsigned char key[32],
                               const unsigned char token[SESSION_TOKEN_BYTES], int64_t now,
                               struct session *out)
{
    unsigned char id[SESSION_ID_BYTES];
    session_id(key, token, id);
    struct db_q *s = db_stmt(st, STMT_SESSION_LOAD);
    if (!s)
        return AK_EIO;
    db_bind_blob(s, 1, id, sizeof id);
    int step = db_step(s);
    enum ak_err rc = AK_OK;
    if (step == DB_ROW) {
        memset(out, 0, sizeof *out);
        if (!db_user_row(s, a, &out->user))
            rc = AK_ENOMEM;
        const void *csrf = db_col_blob(s, 7);
        if (csrf && db_col_bytes(s, 7) == SESSION_CSRF_BYTES)
            memcpy(out->csrf, csrf, SESSION_CSRF_BYTES);
        else
            rc = AK_ENOTFOUND;          /* not a session this code made */
        out->created_at = db_col_int64(s, 8);
        out->seen_at = db_col_int64(s, 9);
    } else {
        rc = step == DB_DONE ? AK_ENOTFOUND : db_fail(st, "session load");
    }
    db_done(s);
    if (rc != AK_OK)
        return rc;
    testcase(now - out->seen_at == SESSION_IDLE);
    if (out->user.disabled || now - out->seen_at > SESSION_IDLE ||
        now - out->created_at > SESSION_MAX_AGE) {
        rc = session_by_id(st, STMT_SESSION_DELETE, id, 0);
        return rc ? rc : AK_ENOTFOUND;
    }
    /* Best effort: a session whose time could not be written (a full disk)
     * stays valid, so that what its user was saving can be shown again. */
    if (now - out->seen_at >= SESSION_TOUCH &&
        session_by_id(st, STMT_SESSION_TOUCH, id, now) == AK_OK)
        out->seen_at = now;
    return AK_OK;
}

enum ak_err store_session_delete(struct store *st, const unsigned char key[32],
                                 const unsigned char token[SESSION_TOKEN_BYTES])
{
    unsigned char id[SESSION_ID_BYTES];
    session_id(key, token, id);
    return session_by_id(st, STMT_SESSION_DELETE, id, 0);
}

/* Run a statement that takes one integer as ?1; *n (may be NULL) gets the
 * rows it changed. */
static enum ak_err session_by_int(struct store *st, enum db_stmt_id sid, int64_t v, int64_t *n)
{
    struct db_q *s = db_stmt(st, sid);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, v);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && n)
        *n = db_changes(st);
    return rc;
}

enum ak_err store_session_delete_user(struct store *st, int64_t user_id, int64_t *n)
{
    return session_by_int(st, STMT_SESSION_DELETE_USER, user_id, n);
}

enum ak_err store_session_purge(struct store *st, int64_t now)
{
    struct db_q *s = db_stmt(st, STMT_SESSION_PURGE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, now - SESSION_IDLE);
    db_bind_int64(s, 2, now - SESSION_MAX_AGE);
    return db_exec_stmt(st, s);
}

enum ak_err store_login_failure_add(struct store *st, const char *key, int64_t at,
                                    int64_t *id)
{
    struct db_q *s = db_stmt(st, STMT_FAILURE_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, key);
    db_bind_int64(s, 2, at);
    enum ak_err rc = db_exec_stmt(st, s);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

enum ak_err store_login_failure_delete(struct store *st, int64_t id)
{
    return session_by_int(st, STMT_FAILURE_DELETE, id, NULL);
}

enum ak_err store_login_failure_count(struct store *st, const char *key, int64_t since,
                                      int64_t *n, int64_t *last)
{
    struct db_q *s = db_stmt(st, STMT_FAILURE_COUNT);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, key);
    db_bind_int64(s, 2, since);
    int step = db_step(s);
    *n = step == DB_ROW ? db_col_int64(s, 0) : 0;
    if (last)
        *last = step == DB_ROW ? db_col_int64(s, 1) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "login failure count");
}

enum ak_err store_login_failure_clear(struct store *st, const char *key)
{
    struct db_q *s = db_stmt(st, STMT_FAILURE_CLEAR);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, key);
    return db_exec_stmt(st, s);
}

enum ak_err store_login_failure_purge(struct store *st, int64_t before)
{
    struct db_q *s = db_stmt(st, STMT_FAILURE_PURGE);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, before);
    return db_exec_stmt(st, s);
}

DB_SQL_CHECK(SESSION);
