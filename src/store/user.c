/*
 * user.c: the newsroom's people: logins, roles, argon2id password hashes.
 *
 * Why here and not in admin/: the hash is what the table stores, and the CLI
 * (user add, passwd) and the login page must hash the same way; keeping the
 * hashing next to the statements means no caller ever handles a hash.
 *
 * Hashing takes ~0.1 s and 64 MB (libsodium's INTERACTIVE limits); callers
 * should not hold a write transaction around store_user_authenticate.
 */
#include <pthread.h>
#include <string.h>
#include <sodium.h>
#include "base/log.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"
#include "text/utf8.h"

const char *const user_role_names[USER_ROLE__MAX] = { "admin", "editor", "author", "moderator" };
const char *const user_auth_names[USER_AUTH__MAX] = { "ok", "unknown", "password", "disabled" };

#define USER_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define USER_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

DB_SQL(USER_ADD) =
    "INSERT INTO user(login, name, role, password, created_at, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?5)";
#define USER_COLS "id, login, name, role, disabled, created_at, updated_at, password FROM user "
DB_SQL(USER_BY_LOGIN) = "SELECT " USER_COLS "WHERE login=?1";
DB_SQL(USER_BY_ID) = "SELECT " USER_COLS "WHERE id=?1";
DB_SQL(USER_LIST) = "SELECT " USER_COLS "ORDER BY login";
DB_SQL(USER_SET_DISABLED) =
    "UPDATE user SET disabled=?2, updated_at=?3 WHERE id=?1";
DB_SQL(USER_SET_PASSWORD) =
    "UPDATE user SET password=?2, updated_at=?3 WHERE id=?1";
DB_SQL(USER_SET_ROLE) = "UPDATE user SET role=?2, updated_at=?3 WHERE id=?1";
DB_SQL(USER_COUNT_ADMINS) =
    "SELECT count(*) FROM user WHERE role=?1 AND disabled=0";
DB_SQL(USER_REHASH) = "UPDATE user SET password=?2 WHERE id=?1";

int store_user_role_parse(const char *s)
{
    for (int i = 0; s && i < USER_ROLE__MAX; i++)
        if (strcmp(s, user_role_names[i]) == 0)
            return i;
    return -1;
}

int store_user_login_valid(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0 || n > USER_LOGIN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return 0;
    }
    return 1;
}

const char *store_user_password_problem(const char *pw, size_t n)
{
    if (n == 0)
        return "the password is empty";
    if (n > USER_PASSWORD_MAX)
        return "the password is longer than 1024 bytes";
    if (!utf8_valid(pw, n))
        return "the password is not valid UTF-8";
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)pw[i];
        if (c < 0x20 || c == 0x7f)
            return "the password has control characters";
        chars += (c & 0xC0) != 0x80;
    }
    if (chars < USER_PASSWORD_MIN)
        return "the password is shorter than 10 characters";
    return NULL;
}

/* Hash pw[0..n) into out; AK_ENOMEM when libsodium cannot (out of memory). */
static enum ak_err user_hash(const char *pw, size_t n, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, pw, n, USER_OPSLIMIT, USER_MEMLIMIT) != 0) {
        log_error("user: cannot hash a password (out of memory?)");
        return AK_ENOMEM;
    }
    return AK_OK;
}

/* A hash of a random password that no one knows, made once: what an unknown
 * login is checked against, so that it costs the time a known one does. */
static char user_dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t user_dummy_once = PTHREAD_ONCE_INIT;

static void user_dummy_make(void)
{
    unsigned char pw[32];
    randombytes_buf(pw, sizeof pw);
    if (crypto_pwhash_str(user_dummy_hash, (const char *)pw, sizeof pw, USER_OPSLIMIT,
                          USER_MEMLIMIT) != 0)
        user_dummy_hash[0] = 0;         /* verify then fails at once: logged below */
}

enum ak_err store_user_add(struct store *st, const char *login, const char *name,
                           enum user_role role, const char *pw, size_t n, int64_t *id)
{
    name = name ? name : "";
    size_t nn = strlen(name);
    if (!store_user_login_valid(login) || (unsigned)role >= USER_ROLE__MAX ||
        !utf8_valid(name, nn) || store_user_password_problem(pw, n))
        return AK_EINVAL;
    size_t chars = 0;
    for (size_t i = 0; i < nn; i++) {
        if ((unsigned char)name[i] < 0x20)
            return AK_EINVAL;
        chars += ((unsigned char)name[i] & 0xC0) != 0x80;
    }
    if (chars > USER_NAME_MAX)
        return AK_EINVAL;
    char hash[crypto_pwhash_STRBYTES];
    enum ak_err rc = user_hash(pw, n, hash);
    if (rc)
        return rc;
    struct db_q *s = db_stmt(st, STMT_USER_ADD);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, login);
    db_bind_name(s, 2, name);
    db_bind_int(s, 3, (int)role);
    db_bind_text(s, 4, hash);
    db_bind_int64(s, 5, db_now());
    rc = db_exec_stmt(st, s);
    sodium_memzero(hash, sizeof hash);
    if (rc == AK_OK && id)
        *id = db_last_id(st);
    return rc;
}

/* The row filler for columns 0-6 of USER_COLS (session.c shares it); the
 * hash (column 7) is left out of struct user. */
enum ak_err store_user_by_login(struct store *st, struct arena *a, const char *login,
                                struct user *out)
{
    struct db_q *s = db_stmt(st, STMT_USER_BY_LOGIN);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, login);
    return db_row(st, s, a, db_user_row, out);
}

enum ak_err store_user_by_id(struct store *st, struct arena *a, int64_t id, struct user *out)
{
    struct db_q *s = db_stmt(st, STMT_USER_BY_ID);
    if (!s)
        return AK_EIO;
    db_bind_int64(s, 1, id);
    return db_row(st, s, a, db_user_row, out);
}

enum ak_err store_user_list(struct store *st, struct arena *a, struct user **out, size_t *n)
{
    struct db_q *s = db_stmt(st, STMT_USER_LIST);
    if (!s)
        return AK_EIO;
    return db_rows(st, s, a, sizeof **out, db_user_row, (void **)out, n);
}

/* Run one of the user updates (?1 id, ?2 value, ?3 now) and end the user's
 * sessions, in one transaction (or the caller's). */
static enum ak_err user_change(struct store *st, enum db_stmt_id sid, int64_t id, const char *text,
                               int value, int end_sessions)
{
    enum ak_err rc = db_savepoint(st);
    if (rc)
        return rc;
    struct db_q *s = db_stmt(st, sid);
    if (!s) {
        rc = AK_EIO;
    } else {
        db_bind_int64(s, 1, id);
        if (text)
            db_bind_text(s, 2, text);
        else
            db_bind_int(s, 2, value);
        db_bind_int64(s, 3, db_now());
        rc = db_exec_stmt(st, s);
        if (rc == AK_OK && db_changes(st) == 0)
            rc = AK_ENOTFOUND;
    }
    if (rc == AK_OK && end_sessions)
        rc = store_session_delete_user(st, id, NULL);
    if (rc) {
        db_rollback_to(st);
        return rc;
    }
    return db_release(st);
}

enum ak_err store_user_set_disabled(struct store *st, int64_t id, int disabled)
{
    return user_change(st, STMT_USER_SET_DISABLED, id, NULL, disabled != 0, disabled != 0);
}

enum ak_err store_user_set_role(struct store *st, int64_t id, enum user_role role)
{
    if ((unsigned)role >= USER_ROLE__MAX)
        return AK_EINVAL;
    return user_change(st, STMT_USER_SET_ROLE, id, NULL, (int)role, 0);
}

enum ak_err store_user_count_admins(struct store *st, int64_t *n)
{
    struct db_q *s = db_stmt(st, STMT_USER_COUNT_ADMINS);
    if (!s)
        return AK_EIO;
    db_bind_int(s, 1, USER_ADMIN);
    int step = db_step(s);
    *n = step == DB_ROW ? db_col_int64(s, 0) : 0;
    db_done(s);
    return step == DB_ROW ? AK_OK : db_fail(st, "count admins");
}

enum ak_err store_user_set_password(struct store *st, int64_t id, const char *pw, size_t n)
{
    if (store_user_password_problem(pw, n))
        return AK_EINVAL;
    char hash[crypto_pwhash_STRBYTES];
    enum ak_err rc = user_hash(pw, n, hash);
    if (rc == AK_OK)
        rc = user_change(st, STMT_USER_SET_PASSWORD, id, hash, 0, 1);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

enum ak_err store_user_authenticate(struct store *st, struct arena *a, const char *login,
                                    const char *pw, size_t n, struct user *out,
                                    enum user_auth *result)
{
    *result = USER_AUTH_UNKNOWN;
    memset(out, 0, sizeof *out);
    struct db_q *s = db_stmt(st, STMT_USER_BY_LOGIN);
    if (!s)
        return AK_EIO;
    db_bind_text(s, 1, login);
    int step = db_step(s);
    char hash[crypto_pwhash_STRBYTES] = "";
    if (step == DB_ROW) {
        const char *h = db_col_str(s, 7);
        if (!db_user_row(s, a, out)) {
            db_done(s);
            return AK_ENOMEM;
        }
        size_t hn = h ? (size_t)db_col_bytes(s, 7) : 0;
        if (hn < sizeof hash)
            memcpy(hash, h ? h : "", hn + 1);
    }
    db_done(s);
    if (step != DB_ROW && step != DB_DONE)
        return db_fail(st, "user authenticate");
    int known = step == DB_ROW;
    if (!known) {
        pthread_once(&user_dummy_once, user_dummy_make);
        memcpy(hash, user_dummy_hash, sizeof hash);
        if (!hash[0])
            log_error("user: no dummy hash: unknown logins answer faster than known ones");
    }
    /* Over-long input is refused without hashing it: a 1 MB "password"
     * would cost as much as a short one in argon2id, but there is no use in
     * accepting it. The login form caps fields well below. */
    int match = n <= USER_PASSWORD_MAX && hash[0] && crypto_pwhash_str_verify(hash, pw, n) == 0;
    if (!known) {
        memset(out, 0, sizeof *out);
        *result = USER_AUTH_UNKNOWN;
        return AK_OK;
    }
    if (!match) {
        *result = USER_AUTH_PASSWORD;
        return AK_OK;
    }
    *result = out->disabled ? USER_AUTH_DISABLED : USER_AUTH_OK;
    if (*result == USER_AUTH_OK &&
        crypto_pwhash_str_needs_rehash(hash, USER_OPSLIMIT, USER_MEMLIMIT) != 0) {
        char fresh[crypto_pwhash_STRBYTES];
        if (user_hash(pw, n, fresh) == AK_OK && (s = db_stmt(st, STMT_USER_REHASH))) {
            db_bind_int64(s, 1, out->id);
            db_bind_text(s, 2, fresh);
            if (db_exec_stmt(st, s) == AK_OK)
                log_info("user %s: password hash upgraded", out->login);
        }
        sodium_memzero(fresh, sizeof fresh);
    }
    return AK_OK;
}

DB_SQL_CHECK(USER);
