/*
 * session.h: the newsroom's login sessions as HTTP sees them: the cookie,
 * resolving it to a session before a handler runs, starting one at login
 * and ending it at logout. The sessions themselves are in the store
 * (store.h: store_session_*).
 *
 * The cookie: akhbar_session=<64 hex digits>; Path=/; HttpOnly;
 * SameSite=Lax, and Secure when the request came over HTTPS (req->https).
 * It has no Max-Age: it ends with the browser, and the server ends it
 * sooner (SESSION_IDLE, SESSION_MAX_AGE).
 */
#ifndef AK_HTTP_SESSION_H
#define AK_HTTP_SESSION_H

#include "http/http.h"
#include "store/user.h"

#define SESSION_COOKIE "akhbar_session"

/* Set r->session from the request's cookie at time now: NULL when there is
 * no cookie, or it names no live session. Writes (seen_at, expired rows):
 * the connection must allow them. Returns AK_OK (with or without a session),
 * AK_ENOMEM or AK_EIO. */
enum ak_err http_session_resolve(struct req *r, int64_t now);
/* Log user_id in: end the session the request's cookie names (whoever's it
 * is), start a new one, and set the cookie; r->session becomes the new
 * session (in r's arena; its user copied from *u). Callers run it in their
 * transaction. */
enum ak_err http_session_start(struct req *r, const struct user *u);
/* End the request's session, if any, and clear the cookie. */
enum ak_err http_session_end(struct req *r);
/* Add a Set-Cookie header: name=value; Path=path; HttpOnly;
 * SameSite=Lax[; Secure when r->https][; Max-Age=max_age when max_age >= 0].
 * value must be cookie-safe (hex). */
enum ak_err http_set_cookie(struct req *r, const char *name, const char *value,
                            const char *path, long max_age);

#endif
