/*
 * session.c: the session cookie (see session.h).
 *
 * Fixation: a session exists only when store_session_create made it, with
 * random bytes chosen here; a cookie the browser arrives with is never
 * adopted, and at login the session it names (if any) is deleted and a new
 * one made. Theft of the table: only keyed hashes of the tokens are stored.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "base/log.h"
#include "http/session.h"
#include "store/session.h"
#include "store/user.h"

#define TOKEN_HEX (2 * SESSION_TOKEN_BYTES)

/* The token in the request's cookie, decoded into token; 0 when there is
 * none or it is not 64 hex digits. */
static int session_cookie_token(struct req *r, unsigned char token[SESSION_TOKEN_BYTES])
{
    const char *c = http_cookie(r, SESSION_COOKIE);
    size_t n;
    if (!c || strlen(c) != TOKEN_HEX)
        return 0;
    return sodium_hex2bin(token, SESSION_TOKEN_BYTES, c, TOKEN_HEX, NULL, &n, NULL) == 0 &&
           n == SESSION_TOKEN_BYTES;
}

enum ak_err http_session_resolve(struct req *r, int64_t now)
{
    r->session = NULL;
    unsigned char token[SESSION_TOKEN_BYTES];
    if (!r->key || !r->store || !session_cookie_token(r, token))
        return AK_OK;
    struct session *s = arena_alloc(&r->arena, sizeof *s);
    if (!s)
        return AK_ENOMEM;
    enum ak_err rc = store_session_load(r->store, &r->arena, r->key, token, now, s);
    sodium_memzero(token, sizeof token);
    if (rc == AK_ENOTFOUND)
        return AK_OK;
    if (rc == AK_OK)
        r->session = s;
    return rc;
}

enum ak_err http_set_cookie(struct req *r, const char *name, const char *value,
                            const char *path, long max_age)
{
    char age[32] = "";
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    const char *v = arena_printf(&r->arena, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s%s", name,
                                 value, path, r->https ? "; Secure" : "", age);
    return v ? http_add_header(r, "Set-Cookie", v) : AK_ENOMEM;
}

enum ak_err http_session_start(struct req *r, const struct user *u)
{
    if (!ALWAYS(r->key && r->store))
        return AK_EIO;
    unsigned char old[SESSION_TOKEN_BYTES], token[SESSION_TOKEN_BYTES];
    enum ak_err rc;
    if (session_cookie_token(r, old) && (rc = store_session_delete(r->store, r->key, old)))
        return rc;
    struct session *s = arena_alloc(&r->arena, sizeof *s);
    if (!s)
        return AK_ENOMEM;
    if ((rc = store_session_create(r->store, r->key, u->id, r->client, token, s)))
        return rc;
    s->user = *u;
    char hex[TOKEN_HEX + 1];
    sodium_bin2hex(hex, sizeof hex, token, sizeof token);
    sodium_memzero(token, sizeof token);
    const char *value = arena_strdup(&r->arena, hex);
    sodium_memzero(hex, sizeof hex);
    if (!value)
        return AK_ENOMEM;
    r->session = s;
    return http_set_cookie(r, SESSION_COOKIE, value, "/", -1);
}

enum ak_err http_session_end(struct req *r)
{
    unsigned char token[SESSION_TOKEN_BYTES];
    enum ak_err rc = AK_OK;
    if (r->key && r->store && session_cookie_token(r, token))
        rc = store_session_delete(r->store, r->key, token);
    r->session = NULL;
    if (rc == AK_OK)
        rc = http_set_cookie(r, SESSION_COOKIE, "", "/", 0);
    return rc;
}
