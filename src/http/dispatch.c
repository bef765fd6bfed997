/*
 * dispatch.c: what happens to a parsed request before and around its
 * handler, in order: the route (404, or 405 with Allow), the permission and
 * session (a redirect to the login page, or 403), the body's announced size
 * (413); once the body is in, the form (400), the session's CSRF token
 * (403), the declared fields (400), and then the handler inside a read
 * snapshot or with writes allowed. Errors a handler returns become error
 * pages. Every answer is counted for the metrics (http/metrics.c) with its
 * latency and database time. No HTTP library here: http/server.c calls in
 * with plain data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/clock.h"
#include "base/log.h"
#include "http/cache.h"
#include "http/csrf.h"
#include "http/fresh.h"
#include "http/dispatch.h"
#include "http/metrics.h"
#include "http/session.h"
#include "store/store.h"
#include "text/utf8.h"

/* "GET, HEAD, POST": the methods of mask (bits 1 << enum http_method), in
 * the arena; NULL when none or out of memory. */
static const char *dispatch_allow(struct req *r, unsigned mask)
{
    char buf[64];
    size_t n = 0;
    for (int m = 0; m < HTTP_METHOD__MAX; m++)
        if (mask & (1u << m))
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "",
                                  http_method_names[m]);
    return n ? arena_strdup(&r->arena, buf) : NULL;
}

/* The permission check, before the body is read or the handler runs: an
 * anonymous request for a non-public route is sent to the login page, a
 * user without the route's permission gets 403. Returns non-zero when it
 * answered. */
static int dispatch_guard(struct req *r, const struct route *rt)
{
    if (rt->perm == PERM_PUBLIC)
        return 0;
    if (rt->perm == PERM__UNSET || rt->perm >= PERM__MAX) {
        log_error("route %s names no permission: refused", rt->pattern);
        http_send_error(r, 403);
        return 1;
    }
    if (!r->store) {
        http_send_error(r, 500);
        return 1;
    }
    store_protect(r->store, 0);         /* the session's seen_at may be written */
    if (http_session_resolve(r, store_now()) != AK_OK) {
        http_send_error(r, 500);
        return 1;
    }
    if (!r->session) {
        struct html loc;
        html_init(&loc, 8192);
        if (r->method == HTTP_POST)
            html_lit(&loc, ROUTER_LOGIN_PATH);
        else
            html_printf(&loc, ROUTER_LOGIN_PATH "?next=%U", r->path);
        const char *l = loc.b.err ? NULL : arena_strdup(&r->arena, loc.b.p);
        html_reset(&loc);
        if (!l || http_redirect(r, 303, l) != AK_OK)
            http_send_error(r, 500);
        return 1;
    }
    if (!perm_allows(r->session->user.role, rt->perm)) {
        r->denied = 1;
        http_send_error(r, 403);
        return 1;
    }
    return 0;
}

/* In read-only mode (serve --read-only: a replica, a maintenance window)
 * the newsroom and every POST (comments) answer 503: nothing that would
 * write, or needs a session, runs. */
static int dispatch_read_only_refuses(const struct route *rt)
{
    return rt->method == HTTP_POST || rt->perm != PERM_PUBLIC ||
           strncmp(rt->pattern, ROUTER_NEWSROOM_PREFIX, strlen(ROUTER_NEWSROOM_PREFIX)) == 0;
}

/* Answer 404, unless the application's not_found hook answers a GET or
 * HEAD otherwise (read-only, in its own read transaction). */
static void dispatch_not_found(struct req *r)
{
    if (r->app->not_found && r->store && (r->method == HTTP_GET || r->method == HTTP_HEAD)) {
        store_protect(r->store, 1);
        if (store_begin_read(r->store) == AK_OK) {
            enum ak_err rc = r->app->not_found(r);
            store_rollback(r->store);
            if (rc != AK_OK && rc != AK_ENOTFOUND && !r->responded) {
                http_send_error(r, rc == AK_EINVAL ? 400 : 500);
                return;
            }
        }
    }
    if (!r->responded)
        http_send_error(r, 404);
}

/* dispatch_begin's checks; returns what it returns. */
static int dispatch_route(struct req *r, int known_method, uint64_t content_length)
{
    unsigned methods;
    if (!r->path || !utf8_valid(r->path, strlen(r->path))) {
        r->path = "";
        http_send_error(r, 400);
        return 0;
    }
    if (!known_method) {                /* no route has it: match none */
        enum http_method m = r->method;
        r->method = (enum http_method)HTTP_METHOD__MAX;
        router_match(r->app->routes, r, r->path, &methods);
        r->method = m;
        if (!methods) {                 /* no such path either (405 needs an Allow) */
            http_send_error(r, 404);
            return 0;
        }
        http_send_plain(r, 405);
        r->resp.allow = dispatch_allow(r, methods);
        return 0;
    }
    const struct route *rt = r->route = router_match(r->app->routes, r, r->path, &methods);
    if (!rt && !methods) {
        dispatch_not_found(r);
        return 0;
    }
    if (!rt) {
        http_send_error(r, 405);
        r->resp.allow = dispatch_allow(r, methods);
        return 0;
    }
    if (r->app->read_only && dispatch_read_only_refuses(rt)) {
        http_send_error(r, 503);
        return 0;
    }
    if (dispatch_guard(r, rt))
        return 0;
    if (content_length > rt->max_body) {
        http_send_error(r, 413);
        return 0;
    }
    return 1;
}

#define DISPATCH_CACHE_TTL 600    /* seconds a kept page may be served: what no key
                                    can say (the news sitemap's 48 hours, expired
                                    tickers) is at most this late */

/* A public page the same for every reader: name what it shows to the
 * caches in front (xkey for Varnish, Surrogate-Key and Cache-Tag for CDNs)
 * and keep it in the page cache. */
static void dispatch_keep(struct req *r)
{
    struct http_response *p = &r->resp;
    if (!(r->route->flags & ROUTE_CACHE) || r->method == HTTP_POST || p->status != 200 ||
        p->fd >= 0 || !r->nkeys || r->keys_full)
        return;
    char *tags = arena_strdup(&r->arena, r->keys);
    for (char *t = tags; t && *t; t++)
        if (*t == ' ')
            *t = ',';
    http_add_header(r, "xkey", r->keys);
    http_add_header(r, "Surrogate-Key", r->keys);
    if (tags)
        http_add_header(r, "Cache-Tag", tags);
    char url[CACHE_URL_MAX];
    if (!cache_enabled() || cache_key(r->target, url, sizeof url))
        return;
    int64_t modified = 0;
    for (size_t i = 0; i < r->nheaders; i++)
        if (strcmp(r->headers[i].name, "Last-Modified") == 0)
            modified = http_date_parse(r->headers[i].value);
    struct cache_page page = {
        .url = url, .content_type = p->content_type, .cache_control = p->cache_control,
        .etag = p->etag, .last_modified = modified, .body = p->body, .n = p->n,
        .keys = r->keys, .ttl = DISPATCH_CACHE_TTL, .generation = r->cache_generation,
    };
    cache_put(&page);
}

int dispatch_begin(struct req *r, int known_method, uint64_t content_length)
{
    r->started_ns = clock_mono_ns();
    uint64_t db = store_busy_ns(r->store);
    int go = dispatch_route(r, known_method, content_length);
    r->db_ns += store_busy_ns(r->store) - db;
    if (!go)
        metrics_request(r);
    return go;
}

/* dispatch_run's checks and the handler. */
static void dispatch_handle(struct req *r)
{
    const struct route *rt = r->route;
    enum ak_err rc;
    if (r->upload_failed) {
        http_send_error(r, 500);
        return;
    }
    if (r->bad_form) {
        http_send_error(r, 400);
        return;
    }
    for (size_t i = 0; i < r->nform; i++)
        if (!utf8_valid(r->form[i].value, r->form[i].n)) {
            http_send_error(r, 400);
            return;
        }
    int valid = !(rt->flags & ROUTE_FORM) || http_form_validate(r, rt->form);
    if (r->method == HTTP_POST && rt->perm != PERM_PUBLIC && !csrf_session_valid(r)) {
        /* A logged-in POST not made by our own form: nothing runs, and it
         * learns nothing about the form. */
        log_info("csrf: %s %s from %s refused", http_method_names[r->method], r->path,
                 r->client);
        http_send_error(r, 403);
        return;
    }
    if (!valid) {
        http_send_error(r, 400);
        return;
    }
    if (rt->flags & ROUTE_FILES) {
        rc = rt->fn(r);
    } else if (!r->store) {
        rc = AK_EIO;
    } else {
        int writes = rt->flags & ROUTE_WRITES;
        store_protect(r->store, !writes);       /* a no-op when unchanged */
        r->cache_generation = cache_generation();
        /* A reading handler's statements share one snapshot and one lock. */
        rc = writes ? AK_OK : store_begin_read(r->store);
        if (rc == AK_OK)
            rc = rt->fn(r);
        if (!writes)
            store_rollback(r->store);
        else if (rc == AK_OK)
            fresh_sync(r->store);       /* what it changed is not served stale */
    }
    if (r->responded)
        dispatch_keep(r);
    if (!r->responded) {
        if (rc == AK_ENOTFOUND)
            dispatch_not_found(r);
        else if (rc == AK_EINVAL)
            http_send_error(r, 400);
        else
            http_send_error(r, 500);
    }
}

void dispatch_run(struct req *r)
{
    uint64_t db = store_busy_ns(r->store);
    dispatch_handle(r);
    r->db_ns += store_busy_ns(r->store) - db;
    metrics_request(r);
}

/* ---- the access log ---- */

struct dispatch_line {
    char *p;
    size_t n, cap;              /* cap keeps room for the final newline */
};

/* Append s (NULL or "": "-") as log_escape writes it, at most max bytes of
 * output: an escape is four bytes, so a field is bounded by what it writes,
 * and the fields' bounds together leave room for the quotes between them
 * (a target of 2,000 escaped bytes once pushed the closing quotes out). */
static void dispatch_put(struct dispatch_line *l, const char *s, size_t max)
{
    if (!s || !*s)
        s = "-";
    size_t room = l->cap + 1 - l->n;
    l->n += log_escape(s, strnlen(s, max), l->p + l->n, max + 1 < room ? max + 1 : room);
}

static void dispatch_lit(struct dispatch_line *l, const char *s)
{
    size_t k = strlen(s);
    if (l->n + k <= l->cap) {
        memcpy(l->p + l->n, s, k);
        l->n += k;
    }
}

size_t dispatch_log_line(const struct req *r, int64_t now, char *out, size_t n)
{
    struct dispatch_line l = { out, 0, n > 2 ? n - 2 : 0 };
    char when[64], num[48];
    time_t t = (time_t)now;
    struct tm tm;
    if (n < 2)
        return 0;
    localtime_r(&t, &tm);
    strftime(when, sizeof when, "[%d/%b/%Y:%H:%M:%S %z] \"", &tm);
    dispatch_put(&l, r->client, 64);
    dispatch_lit(&l, " - - ");
    dispatch_lit(&l, when);
    dispatch_put(&l, r->method_text, 32);
    dispatch_lit(&l, " ");
    dispatch_put(&l, r->target, 2000);
    dispatch_lit(&l, " ");
    dispatch_put(&l, r->version, 16);
    if (r->bytes && r->method != HTTP_HEAD)        /* the body bytes sent */
        snprintf(num, sizeof num, "\" %d %zu \"", r->resp.status, r->bytes);
    else
        snprintf(num, sizeof num, "\" %d - \"", r->resp.status);
    dispatch_lit(&l, num);
    dispatch_put(&l, http_header(r, "Referer"), 1000);
    dispatch_lit(&l, "\" \"");
    dispatch_put(&l, http_header(r, "User-Agent"), 500);
    l.p[l.n++] = '"';
    l.p[l.n++] = '\n';
    return l.n;
}
