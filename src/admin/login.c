/*
 * login.c: logging in to the newsroom and out of it.
 *
 * The login form has no session whose token it could carry, so it is
 * protected by the same-origin check and a form token (http/csrf.h) bound to
 * a pre-session cookie, akhbar_login: 16 random bytes set by the form's GET
 * (Path=/admin/login, HttpOnly, SameSite=Lax). Another site's page can
 * neither read our form's token nor set the cookie it is bound to, so it
 * cannot log a visitor in to an account of its choosing (login CSRF).
 *
 * Throttling: every failure is recorded twice in login_failure, under the
 * login ('u:' + login) and under the client ('c:' + a keyed hash of the
 * address: no stored addresses). Past the free failures within LOGIN_WINDOW
 * (admin.h), an attempt must wait a delay that doubles with each further
 * failure; until then it is answered 429 with Retry-After, without the
 * password being checked, so a guesser gets a few dozen tries an hour, not
 * thousands. An attempt is counted before its password is checked: one write
 * transaction counts both keys and, when no wait is due, records the attempt
 * as a failure under each, so that guesses sent at once cannot all read the
 * same count during the ~0.1 s check and all go on (16 at once used to check
 * 10 passwords against a limit of 5). A successful login then clears the
 * login's failures and gives back the client's reservation (the client's
 * other failures stay: one valid account must not reset a guesser's count).
 * Each failure is in the audit log as 'login.fail'.
 *
 * A successful login always makes a new session and deletes the one the
 * browser's cookie named, if any (no fixation).
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "admin/admin.h"
#include "base/log.h"
#include "http/csrf.h"
#include "http/router.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/session.h"
#include "store/store.h"
#include "store/user.h"
#include "text/utf8.h"

#define LOGIN_COOKIE "akhbar_login"
#define LOGIN_NONCE_BYTES 16
#define LOGIN_NONCE_HEX (2 * LOGIN_NONCE_BYTES)
#define LOGIN_TOKEN_MAX_AGE (24 * 3600)     /* a form older than this must be reloaded */
#define LOGIN_NEXT_MAX 512

static const char login_err_empty[] = "أدخل اسم المستخدم وكلمة المرور.";
static const char login_err_wrong[] = "اسم المستخدم أو كلمة المرور غير صحيحة.";
static const char login_err_disabled[] = "هذا الحساب معطّل. راجع مدير الموقع.";

int64_t admin_login_wait(int64_t failures, int64_t last, int64_t free, int64_t now)
{
    if (failures < free)
        return 0;
    int64_t over = failures - free, delay = LOGIN_DELAY_MAX;
    if (over < 16 && (LOGIN_DELAY_BASE << over) < LOGIN_DELAY_MAX)
        delay = LOGIN_DELAY_BASE << over;
    int64_t wait = last + delay - now;
    return wait > 0 ? wait : 0;
}

/* "N ثانية" or "N دقيقة" with the noun agreeing with the number, for how long
 * to wait; in arena a. */
static const char *login_wait_text(struct arena *a, int64_t seconds)
{
    int minutes = seconds >= 60;
    int64_t n = minutes ? (seconds + 59) / 60 : seconds;
    if (n == 1)
        return minutes ? "دقيقة واحدة" : "ثانية واحدة";
    if (n == 2)
        return minutes ? "دقيقتين" : "ثانيتين";
    int64_t last = n % 100;
    int plural = last >= 3 && last <= 10;
    return arena_printf(a, "%lld %s", (long long)n,
                        minutes ? (plural ? "دقائق" : "دقيقة") : (plural ? "ثوانٍ" : "ثانية"));
}

/* Is c a nonce this code made: LOGIN_NONCE_HEX lower-case hex digits? */
static int login_nonce_ok(const char *c)
{
    if (!c || strlen(c) != LOGIN_NONCE_HEX)
        return 0;
    for (; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return 0;
    return 1;
}

/* Where to go after logging in: next when it is a path under /admin/ made of
 * plain URL characters (no scheme, no host, nothing a header could choke
 * on), else the dashboard. */
static const char *login_next(const char *next)
{
    static const char ok[] = "/-._~%?=&+";
    if (!next || strncmp(next, HTTP_PRIVATE_PREFIX, strlen(HTTP_PRIVATE_PREFIX)) != 0 ||
        strlen(next) > LOGIN_NEXT_MAX)
        return HTTP_PRIVATE_PREFIX;
    for (const char *p = next; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              strchr(ok, c)))
            return HTTP_PRIVATE_PREFIX;
    }
    return next;
}

/* The login page with status (200, 429), the login typed so far, where to go
 * next, and an error (may be NULL). Sets the pre-session cookie when the
 * browser has none. */
static enum ak_err login_render(struct req *r, int status, const char *login, const char *next,
                                const char *error)
{
    struct arena *a = &r->arena;
    const char *nonce = http_cookie(r, LOGIN_COOKIE);
    if (!login_nonce_ok(nonce)) {
        unsigned char raw[LOGIN_NONCE_BYTES];
        char hex[LOGIN_NONCE_HEX + 1];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        enum ak_err rc;
        if (!(nonce = arena_strdup(a, hex)))
            return AK_ENOMEM;
        if ((rc = http_set_cookie(r, LOGIN_COOKIE, nonce, ROUTER_LOGIN_PATH, -1)))
            return rc;
    }
    char token[CSRF_TOKEN_SIZE];
    csrf_token_make(r->site->secret, "login", nonce, store_now(), token);
    struct tv *v = page_root(r, "تسجيل الدخول");
    tv_str(a, v, "login", login);
    tv_str(a, v, "next", login_next(next));
    tv_str(a, v, "error", error);
    tv_str(a, v, "token", arena_strdup(a, token));
    return page_render(r, status, "admin_login", v, HTTP_NO_STORE);
}

enum ak_err admin_login_form(struct req *r)
{
    return login_render(r, 200, NULL, http_query(r, "next"), NULL);
}

/* Reserve an attempt under ukey and ckey at time now, in one write
 * transaction: count both keys' failures within LOGIN_WINDOW; when either
 * must wait, *wait gets the longer wait in seconds and nothing is written;
 * else *wait is 0 and the attempt is recorded as a failure under both keys
 * (it stays one unless the login succeeds), *creserve getting the client's
 * row, and failures older than the window are purged. */
static enum ak_err login_reserve(struct req *r, const char *ukey, const char *ckey,
                                 int64_t now, int64_t *wait, int64_t *creserve)
{
    int64_t nu, lu, nc, lc, since = now - LOGIN_WINDOW;
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    if ((rc = store_login_failure_count(r->store, ukey, since, &nu, &lu)) == AK_OK &&
        (rc = store_login_failure_count(r->store, ckey, since, &nc, &lc)) == AK_OK) {
        int64_t wu = admin_login_wait(nu, lu, LOGIN_FREE_ACCOUNT, now);
        int64_t wc = admin_login_wait(nc, lc, LOGIN_FREE_CLIENT, now);
        *wait = wu > wc ? wu : wc;
        if (*wait == 0 && (rc = store_login_failure_add(r->store, ukey, now, NULL)) == AK_OK &&
            (rc = store_login_failure_add(r->store, ckey, now, creserve)) == AK_OK)
            rc = store_login_failure_purge(r->store, since);
    }
    if (rc == AK_OK)
        rc = store_commit(r->store);
    if (rc)
        store_rollback(r->store);
    return rc;
}

/* A failed login of `login` (why: the detail): its failure rows are there
 * since login_reserve; the audit entry and the log line. */
static enum ak_err login_failed(struct req *r, const char *login, const char *why, int64_t now)
{
    struct audit_entry e = { .at = now, .login = login, .action = AUDIT_LOGIN_FAIL,
                             .target = login, .detail = why, .client = r->client };
    enum ak_err rc = store_audit_add(r->store, &e);
    if (rc)
        return rc;
    log_info("login: %s failed from %s (%s)", login, r->client, why);
    return AK_OK;
}

/* Log u in: a new session (the old one deleted), the cookie, the login's
 * failures forgotten and the client's reservation creserve given back,
 * expired sessions swept, the audit entry. */
static enum ak_err login_succeeded(struct req *r, const struct user *u, const char *ukey,
                                   int64_t creserve, int64_t now)
{
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    if ((rc = http_session_start(r, u)) || (rc = store_login_failure_clear(r->store, ukey)) ||
        (rc = store_login_failure_delete(r->store, creserve)) ||
        (rc = store_session_purge(r->store, now)) ||
        (rc = admin_audit(r, AUDIT_LOGIN, u->login, "")) || (rc = store_commit(r->store))) {
        store_rollback(r->store);
        r->session = NULL;
        r->nheaders = 0;                /* no cookie for a session that is not there */
        return rc;
    }
    log_info("login: %s from %s", u->login, r->client);
    return AK_OK;
}

enum ak_err admin_login_post(struct req *r)
{
    struct arena *a = &r->arena;
    int64_t now = store_now();
    const char *nonce = http_cookie(r, LOGIN_COOKIE);
    if (!csrf_same_origin(r) || !login_nonce_ok(nonce) ||
        !csrf_token_valid(r->site->secret, "login", nonce, now, LOGIN_TOKEN_MAX_AGE,
                          http_form(r, "token")))
        return http_send_error(r, 403);
    const char *next = http_form(r, "next");
    const char *login_in = http_form(r, "login"), *pw = http_form(r, "password");
    /* The login as typed, trimmed and in lower case, at most USER_LOGIN_MAX bytes. */
    char *login = arena_strdup(a, login_in ? login_in : "");
    if (!login)
        return AK_ENOMEM;
    while (*login == ' ' || *login == '\t')
        login++;
    size_t n = strlen(login);
    while (n && (login[n - 1] == ' ' || login[n - 1] == '\t'))
        login[--n] = 0;
    login[utf8_clip(login, n, USER_LOGIN_MAX)] = 0;
    for (char *p = login; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (!*login || !pw || !*pw)
        return login_render(r, 200, login, next, login_err_empty);

    unsigned char ch[16];
    char chex[33];
    site_client_hash(r->site, r->client, ch);
    sodium_bin2hex(chex, sizeof chex, ch, sizeof ch);
    const char *ukey = arena_printf(a, "u:%s", login), *ckey = arena_printf(a, "c:%s", chex);
    if (!ukey || !ckey)
        return AK_ENOMEM;
    int64_t wait = 0, creserve = 0;
    enum ak_err rc = login_reserve(r, ukey, ckey, now, &wait, &creserve);
    if (rc)
        return rc;
    if (wait > 0) {
        r->retry_after = wait;
        const char *msg = arena_printf(a, "محاولات دخول فاشلة كثيرة. أعد المحاولة بعد %s.",
                                       login_wait_text(a, wait));
        return msg ? login_render(r, 429, login, next, msg) : AK_ENOMEM;
    }

    /* The slow part (argon2id), outside any transaction. */
    struct user u;
    enum user_auth result;
    if ((rc = store_user_authenticate(r->store, a, login, pw, strlen(pw), &u, &result)))
        return rc;
    if (result != USER_AUTH_OK) {
        if ((rc = login_failed(r, login, user_auth_names[result], now)))
            return rc;
        return login_render(r, 200, login, next,
                            result == USER_AUTH_DISABLED ? login_err_disabled : login_err_wrong);
    }
    if ((rc = login_succeeded(r, &u, ukey, creserve, now)))
        return rc;
    return http_redirect(r, 303, login_next(next));
}

/* End the request's session(s) and go to the login page. all: every session
 * of the user (logout everywhere), else this one. */
static enum ak_err login_end(struct req *r, int all)
{
    const struct user *u = &r->session->user;
    enum ak_err rc = store_begin(r->store);
    if (rc)
        return rc;
    int64_t n = 1;
    if (all) {
        if ((rc = store_session_delete_user(r->store, u->id, &n)) == AK_OK)
            rc = http_set_cookie(r, SESSION_COOKIE, "", "/", 0);
    }
    const char *detail = all ? arena_printf(&r->arena, "%lld sessions", (long long)n) : "";
    if (rc == AK_OK && !detail)
        rc = AK_ENOMEM;
    if (rc == AK_OK)
        rc = admin_audit(r, all ? AUDIT_LOGOUT_ALL : AUDIT_LOGOUT, u->login, detail);
    if (rc == AK_OK && !all)
        rc = http_session_end(r);
    if (rc == AK_OK)
        rc = store_commit(r->store);
    if (rc) {
        store_rollback(r->store);
        r->nheaders = 0;
        return rc;
    }
    r->session = NULL;
    return http_redirect(r, 303, ROUTER_LOGIN_PATH);
}

enum ak_err admin_logout(struct req *r)
{
    return login_end(r, 0);
}

enum ak_err admin_logout_all(struct req *r)
{
    return login_end(r, 1);
}
