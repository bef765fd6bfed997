/*
 * server_cache.c: the page cache's side of the server (see cache.h): the
 * library's responses made once for each kept page (every encoding, and a
 * 304 for each, with every header), and a hit answered with them before
 * the request is parsed. With server.c, the only files that include
 * libmicrohttpd; server.c calls in, never the other way. Also the headers
 * and the empty body every response of the server shares.
 */
#include <stdio.h>
#include <string.h>
#include "base/clock.h"
#include "http/cache.h"
#include "http/metrics.h"
#include "http/server_cache.h"
#include "render/date.h"

/* Headers every response carries. */
void server_common_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "strict-origin-when-cross-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                            "script-src 'self'; form-action 'self'; frame-ancestors 'self'; "
                            "base-uri 'none'");
}

/* The body of a 304, which the library never asks for. */
ssize_t server_no_body(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls; (void)pos; (void)buf; (void)max;
    return MHD_CONTENT_READER_END_OF_STREAM;
}

/* ---- the page cache ----
 * Each kept page gets its responses made once, when it is kept: one per
 * encoding and a 304 for each, with every header; a hit hands one to the
 * library (which counts its references, so an entry dropped meanwhile
 * frees it when the last connection is done with it). */

static void server_cache_headers(struct MHD_Response *resp, const struct cache_entry *e,
                                 enum cache_enc enc)
{
    server_common_headers(resp);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, e->content_type);
    if (e->cache_control)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, e->cache_control);
    if (*e->etags[enc])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, e->etags[enc]);
    if (e->body[CACHE_GZIP] || e->body[CACHE_BR])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    if (enc != CACHE_IDENTITY)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, cache_enc_names[enc]);
    char date[64];
    if (e->last_modified > 0 && date_format(e->last_modified, DATE_RFC1123, date, sizeof date))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LAST_MODIFIED, date);
    MHD_add_response_header(resp, "xkey", e->keys);
    MHD_add_response_header(resp, "Surrogate-Key", e->keys);
    char tags[CACHE_KEYS_MAX];
    snprintf(tags, sizeof tags, "%s", e->keys);
    for (char *t = tags; *t; t++)
        if (*t == ' ')
            *t = ',';
    MHD_add_response_header(resp, "Cache-Tag", tags);
}

static void server_cache_prepare(struct cache_entry *e)
{
    for (int i = 0; i < CACHE_ENC__MAX; i++) {
        if (!e->body[i])
            continue;
        struct MHD_Response *full = MHD_create_response_from_buffer(
            e->n[i], (void *)e->body[i], MHD_RESPMEM_PERSISTENT);
        struct MHD_Response *nm = MHD_create_response_from_callback(e->n[i], 4096,
                                                                    server_no_body, NULL, NULL);
        if (full)
            server_cache_headers(full, e, (enum cache_enc)i);
        if (nm)
            server_cache_headers(nm, e, (enum cache_enc)i);
        e->prepared[i] = full;
        e->prepared[CACHE_ENC__MAX + i] = nm;
    }
}

static void server_cache_release(struct cache_entry *e)
{
    for (int i = 0; i < 2 * CACHE_ENC__MAX; i++)
        if (e->prepared[i])
            MHD_destroy_response(e->prepared[i]);
}

const struct cache_hooks server_cache_hooks = { server_cache_prepare,
                                                       server_cache_release };

struct server_hit {
    struct MHD_Connection *conn;
    struct req *r;
};

/* cache_serve's callback: queue e's response for the request. */
static int server_hit(const struct cache_entry *e, void *arg)
{
    struct server_hit *h = arg;
    enum cache_enc enc = cache_pick(e, MHD_lookup_connection_value(h->conn, MHD_HEADER_KIND,
                                                                   "Accept-Encoding"));
    const char *inm = MHD_lookup_connection_value(h->conn, MHD_HEADER_KIND, "If-None-Match");
    int fresh = 0;
    if (inm) {
        fresh = http_etag_match(inm, e->etags[enc]);
    } else if (e->last_modified > 0) {
        int64_t since = http_date_parse(
            MHD_lookup_connection_value(h->conn, MHD_HEADER_KIND, "If-Modified-Since"));
        fresh = since >= e->last_modified;
    }
    struct MHD_Response *resp = e->prepared[fresh ? CACHE_ENC__MAX + enc : enc];
    if (!resp || MHD_queue_response(h->conn, fresh ? 304 : 200, resp) != MHD_YES)
        return 0;
    h->r->resp.status = fresh ? 304 : 200;
    h->r->bytes = fresh ? 0 : e->n[enc];
    return 1;
}

/* Whether a request may be answered from the page cache. */
int server_cacheable(const struct req *r, const char *method)
{
    return cache_enabled() && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
           r->target[0] == '/';
}

/* Answer a GET or HEAD from the page cache: 1 when it did. */
int server_from_cache(struct req *r, struct MHD_Connection *conn, const char *url,
                             const char *method, const char *version)
{
    char key[CACHE_URL_MAX];
    int get = strcmp(method, "GET") == 0;
    if (cache_key(r->target, key, sizeof key))
        return 0;
    struct server_hit h = { conn, r };
    r->started_ns = clock_mono_ns();
    if (cache_serve(key, server_hit, &h) != 1) {
        metrics_cache(0);
        return 0;
    }
    r->path = url;
    metrics_cache(1);
    metrics_request(r);
    /* what the access log needs, pointing at the library's strings */
    r->conn = conn;
    r->cache_hit = 1;
    r->responded = 1;
    r->method = get ? HTTP_GET : HTTP_HEAD;
    r->method_text = http_method_names[r->method];
    r->version = version;
    r->nin_headers = 0;
    static const char *const logged[] = { "Referer", "User-Agent" };
    for (size_t i = 0; i < 2; i++) {
        const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, logged[i]);
        if (v)
            r->hit_headers[r->nin_headers++] = (struct http_pair){ logged[i], v };
    }
    r->in_headers = r->hit_headers;
    return 1;
}
