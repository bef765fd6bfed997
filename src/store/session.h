/*
 * session.h: newsroom sessions and the failed logins that throttle the login
 * form (session.c).
 */
#ifndef AK_STORE_SESSION_H
#define AK_STORE_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/user.h"

struct store;

/* A session is named by a random token that only the browser's cookie
 * holds; the table keeps a keyed hash of it (the site secret is the key), so
 * a copy of the database does not give working cookies. */
#define SESSION_TOKEN_BYTES 32
#define SESSION_CSRF_BYTES 32
#define SESSION_IDLE (2 * 3600)         /* seconds without a request before it ends */
#define SESSION_MAX_AGE (12 * 3600)     /* seconds after login it ends regardless */
#define SESSION_TOUCH 60                /* seen_at is written at most this often */

struct session {
    unsigned char csrf[SESSION_CSRF_BYTES];    /* the session's form token */
    int64_t created_at, seen_at;
    struct user user;           /* whose it is */
};

/* Start a session for user_id from client (an address, for the audit):
 * fresh random bytes go to token (the cookie's value; never stored), and a
 * fresh CSRF token to *out (may be NULL; its user is not filled). */
enum ak_err store_session_create(struct store *st, const unsigned char key[32], int64_t user_id,
                                 const char *client, unsigned char token[SESSION_TOKEN_BYTES],
                                 struct session *out);
/* The live session named by token at time now, with its (enabled) user in
 * a. A session idle for more than SESSION_IDLE or older than SESSION_MAX_AGE
 * is deleted and AK_ENOTFOUND returned, as for an unknown token or a disabled
 * user. seen_at is updated when it is SESSION_TOUCH seconds old or more (so
 * the connection must allow writes). */
enum ak_err store_session_load(struct store *st, struct arena *a, const unsigned char key[32],
                               const unsigned char token[SESSION_TOKEN_BYTES], int64_t now,
                               struct session *out);
/* End the session named by token (no error when there is none). */
enum ak_err store_session_delete(struct store *st, const unsigned char key[32],
                                 const unsigned char token[SESSION_TOKEN_BYTES]);
/* End every session of user_id; *n (may be NULL) gets how many. */
enum ak_err store_session_delete_user(struct store *st, int64_t user_id, int64_t *n);
/* Delete the sessions that have expired at time now. */
enum ak_err store_session_purge(struct store *st, int64_t now);

/* Failed logins, counted by key ('u:' + login, 'c:' + a client hash). An
 * attempt is recorded as a failure before its password is checked (inside
 * the caller's write transaction that counted, so that attempts at once
 * cannot all see the same count); *id (may be NULL) gets the row's id, which
 * store_login_failure_delete takes to give a reservation back. */
enum ak_err store_login_failure_add(struct store *st, const char *key, int64_t at,
                                    int64_t *id);
enum ak_err store_login_failure_delete(struct store *st, int64_t id);
/* Failures of key at or after since: *n their number, *last (may be NULL)
 * the time of the latest (0 when none). */
enum ak_err store_login_failure_count(struct store *st, const char *key, int64_t since,
                                      int64_t *n, int64_t *last);
/* Forget key's failures (after a successful login). */
enum ak_err store_login_failure_clear(struct store *st, const char *key);
/* Forget every failure before the given time. */
enum ak_err store_login_failure_purge(struct store *st, int64_t before);

#endif
