/*
 * req.c: what a handler reads from a request (query, headers, cookies, form
 * fields: plain data that http/server.c parsed up front) and how it answers:
 * the http_send_* calls record the response in req->resp, which the server
 * hands to the HTTP library once the handler returns. No HTTP library here.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>
#include "base/hash.h"
#include "base/log.h"
#include "store/store.h"
#include "http/router.h"
#include "http/server.h"
#include "render/date.h"

const char *const http_method_names[HTTP_METHOD__MAX] = { "GET", "HEAD", "POST" };

static const char *req_pair(const struct http_pair *p, size_t n, const char *name, int nocase)
{
    for (size_t i = 0; i < n; i++)
        if ((nocase ? strcasecmp(p[i].name, name) : strcmp(p[i].name, name)) == 0)
            return p[i].value;
    return NULL;
}

void http_shows_key(struct req *r, const char *key)
{
    size_t n = strlen(key);
    if (!n)
        return;
    for (const char *p = r->keys; p < r->keys + r->nkeys;) {   /* named already? */
        size_t m = strcspn(p, " ");
        if (m == n && memcmp(p, key, n) == 0)
            return;
        p += m + 1;
    }
    if (r->nkeys + n + 1 >= sizeof r->keys) {
        r->keys_full = 1;
        return;
    }
    if (r->nkeys)
        r->keys[r->nkeys++] = ' ';
    memcpy(r->keys + r->nkeys, key, n + 1);
    r->nkeys += n;
}

void http_shows(struct req *r, char kind, int64_t id)
{
    char k[24];
    snprintf(k, sizeof k, "%c%lld", kind, (long long)id);
    http_shows_key(r, k);
}

const char *http_query(const struct req *r, const char *name)
{
    return req_pair(r->query, r->nquery, name, 0);
}

const char *http_header(const struct req *r, const char *name)
{
    return req_pair(r->in_headers, r->nin_headers, name, 1);
}

const char *http_cookie(const struct req *r, const char *name)
{
    return req_pair(r->cookies, r->ncookies, name, 0);
}

enum ak_err http_add_header(struct req *r, const char *name, const char *value)
{
    for (const char *p = value; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return AK_EINVAL;
    if (r->nheaders == HTTP_MAX_HEADERS)
        return AK_ETOOBIG;
    r->headers[r->nheaders].name = name;
    r->headers[r->nheaders++].value = value;
    return AK_OK;
}

/* ---- form fields ---- */

static const struct http_field *req_field(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->nform; i++)
        if (r->form[i].spec && strcmp(r->form[i].name, name) == 0)
            return &r->form[i];
    return NULL;
}

const char *http_form(const struct req *r, const char *name)
{
    const struct http_field *f = req_field(r, name);
    return f ? f->value : NULL;
}

int64_t http_form_int(const struct req *r, const char *name)
{
    const struct http_field *f = req_field(r, name);
    return f ? f->num : 0;
}

int http_form_enum(const struct req *r, const char *name)
{
    const struct http_field *f = req_field(r, name);
    return f && f->spec->valid == HTTP_VALID_ENUM ? (int)f->num : -1;
}

int http_form_checked(const struct req *r, const char *name)
{
    return req_field(r, name) != NULL;
}

size_t http_form_ids(const struct req *r, const char *prefix, int64_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nform && n < max; i++) {
        const struct http_field_spec *s = r->form[i].spec;
        if (s && (s->flags & HTTP_FIELD_PREFIX) && strcmp(s->name, prefix) == 0)
            out[n++] = r->form[i].num;
    }
    return n;
}

/* ---- responses ---- */

/* Is the response to r personal (HTTP_PRIVATE_PREFIX): never stored by a
 * cache, whatever the handler asked for. */
static int req_private(const struct req *r)
{
    return r->path && strncmp(r->path, HTTP_PRIVATE_PREFIX, strlen(HTTP_PRIVATE_PREFIX)) == 0;
}

/* Start recording a response with status: any earlier unsent one is
 * dropped. */
static struct http_response *req_response(struct req *r, int status)
{
    struct http_response *p = &r->resp;
    if (p->body_owned)
        free((void *)p->body);
    if (p->fd >= 0)
        close(p->fd);
    memset(p, 0, sizeof *p);
    p->fd = -1;
    p->status = status;
    r->responded = 1;
    r->bytes = 0;
    return p;
}

/* The entity tag at s (W/ prefix skipped) up to its closing quote: its
 * opaque part in *tag, *n bytes; returns the end, or NULL when malformed. */
static const char *req_etag_next(const char *s, const char **tag, size_t *n)
{
    if (s[0] == 'W' && s[1] == '/')
        s += 2;
    if (*s != '"')
        return NULL;
    const char *e = strchr(s + 1, '"');
    if (!e)
        return NULL;
    *tag = s + 1;
    *n = (size_t)(e - s - 1);
    return e + 1;
}

int http_etag_match(const char *inm, const char *etag)
{
    const char *want, *got;
    size_t wn, gn;
    if (!inm || !etag || !req_etag_next(etag, &want, &wn))
        return 0;
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        if (*p == '*') {
            p++;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == 0 || *p == ',')
                return 1;
            return 0;
        }
        if (!(p = req_etag_next(p, &got, &gn)))
            return 0;                   /* malformed: no match, send the page */
        if (gn == wn && memcmp(got, want, wn) == 0)
            return 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p && *p != ',')
            return 0;
    }
    return 0;
}

int64_t http_date_parse(const char *s)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char wday[4], mon[4];
    int d, y, hh, mm, ss, used = 0;
    if (!s || sscanf(s, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", wday, &d, mon, &y,
                     &hh, &mm, &ss, &used) != 7 || used == 0 || s[used] != 0 ||
        strlen(mon) != 3)
        return -1;
    const char *m = strstr(months, mon);
    if (!m || (m - months) % 3 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 ||
        y < 1970 || hh < 0 || mm < 0 || ss < 0)
        return -1;
    struct tm tm = { .tm_year = y - 1900, .tm_mon = (int)(m - months) / 3, .tm_mday = d,
                     .tm_hour = hh, .tm_min = mm, .tm_sec = ss };
    return (int64_t)timegm(&tm);
}

static enum ak_err req_send_bytes(struct req *r, int status, const char *content_type,
                                  const char *body, size_t n, const char *cache_control,
                                  const char *etag, int copy)
{
    if (req_private(r)) {
        cache_control = "no-store";
        etag = NULL;
    }
    if (etag && !(etag = arena_strdup(&r->arena, etag)))
        return AK_ENOMEM;
    if (status == 200 && etag && (http_etag_match(http_header(r, "If-None-Match"), etag) ||
                                  r->not_modified)) {
        struct http_response *p = req_response(r, 304);
        p->full_length = n;
        p->cache_control = cache_control;
        p->etag = etag;
        return AK_OK;
    }
    char *owned = NULL;
    if (copy && n && !(owned = malloc(n)))
        return AK_ENOMEM;
    if (owned)
        memcpy(owned, body, n);
    struct http_response *p = req_response(r, status);
    p->content_type = content_type;
    p->body = owned ? owned : copy ? "" : body;
    p->body_owned = owned != NULL;
    p->n = n;
    p->cache_control = cache_control;
    p->etag = etag;
    r->bytes = n;
    return AK_OK;
}

static const char *const req_cache_control[] = {
    [HTTP_NO_STORE] = "no-store",
    [HTTP_PUBLIC_SHORT] = "public, max-age=60, stale-while-revalidate=300",
    [HTTP_PUBLIC_LONG] = "public, max-age=86400",
};

enum ak_err http_send(struct req *r, int status, const char *content_type, const char *body,
                      size_t n, enum http_cache cache)
{
    char etag[24];
    snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)hash_bytes(body, n));
    return req_send_bytes(r, status, content_type, body, n, req_cache_control[cache],
                          cache == HTTP_NO_STORE ? NULL : etag, 1);
}

enum ak_err http_send_html(struct req *r, int status, struct html *h, enum http_cache cache)
{
    if (h->b.err) {
        log_error("page %s: %s", r->path, ak_strerror(h->b.err));
        return h->b.err;
    }
    return http_send(r, status, "text/html; charset=utf-8", h->b.p ? h->b.p : "", h->b.n,
                     cache);
}

enum ak_err http_send_modified(struct req *r, const char *content_type, const char *body,
                               size_t n, int64_t modified)
{
    char date[64];
    if (modified > 0 && date_format(modified, DATE_RFC1123, date, sizeof date)) {
        const char *v = arena_strdup(&r->arena, date);
        if (!v)
            return AK_ENOMEM;
        http_add_header(r, "Last-Modified", v);
        int64_t since = http_date_parse(http_header(r, "If-Modified-Since"));
        r->not_modified = !http_header(r, "If-None-Match") && since >= modified;
    }
    return http_send(r, 200, content_type, body, n, HTTP_PUBLIC_SHORT);
}

enum ak_err http_send_static(struct req *r, const char *content_type, const char *body,
                             size_t n, const char *etag, int immutable)
{
    return req_send_bytes(r, 200, content_type, body, n,
                          immutable ? "public, max-age=31536000, immutable"
                                    : req_cache_control[HTTP_PUBLIC_LONG],
                          etag, 0);
}

enum ak_err http_send_file(struct req *r, const char *path, const char *content_type)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat sb;
    if (fd < 0)
        return AK_ENOTFOUND;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return AK_ENOTFOUND;
    }
    struct http_response *p = req_response(r, 200);
    p->fd = fd;                         /* the response owns it from here */
    p->file_size = (uint64_t)sb.st_size;
    p->content_type = content_type;
    p->cache_control = "public, max-age=31536000, immutable";
    r->bytes = (size_t)sb.st_size;
    return AK_OK;
}

enum ak_err http_redirect(struct req *r, int status, const char *location)
{
    struct http_response *p = req_response(r, status);
    p->body = "";
    p->location = location;
    p->cache_control = status == 301 && !req_private(r) ? "public, max-age=3600" : "no-store";
    return AK_OK;
}

enum ak_err http_send_plain(struct req *r, int status)
{
    static const char msg[] = "خطأ في الخادم\n";
    return req_send_bytes(r, status, "text/plain; charset=utf-8", msg, sizeof msg - 1,
                          "no-store", NULL, 0);
}

enum ak_err http_send_error(struct req *r, int status)
{
    /* The database cannot be reached (PostgreSQL restarting, the network
     * cut), or this thread's connection could not be opened (r->store is
     * NULL): not the server's fault, and soon over. */
    if (status == 500 && (!r->store || store_unreachable(r->store))) {
        status = 503;
        http_add_header(r, "Retry-After", "5");
    }
    if (!r->app || !r->app->error_page || r->app->error_page(r, status) != AK_OK ||
        r->resp.status != status)
        return http_send_plain(r, status);
    return AK_OK;
}
