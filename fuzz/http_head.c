/*
 * fuzz/http_head.c: libFuzzer target for what akhbar itself reads in a
 * request head (the HTTP library splits it into lines and fields; this
 * harness splits the input the same simple way). The input is a head:
 * "METHOD TARGET VERSION" then "Name: value" lines. Checked:
 *   - X-Forwarded-For (client.c): from a peer that is not a trusted proxy
 *     it changes nothing; from one that is, the client is a canonical
 *     numeric address;
 *   - If-None-Match (req.c): a match names the entity tag or is "*", and a
 *     page's own tag always matches, weak or not;
 *   - If-Modified-Since (req.c): a date read back from its own formatting is
 *     the same instant;
 *   - the route (router.c, dispatch.c): a matched route has the method, its
 *     captures lie in the path, and a refused request has an error status
 *     (405 with Allow);
 *   - the access log line (dispatch.c): one line, with its six quotes and
 *     nothing unescaped inside its fields;
 *   - the same-origin check (csrf.c) needs a Host.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/log.h"
#include "http/client.h"
#include "http/csrf.h"
#include "http/dispatch.h"
#include "render/date.h"
#include "text/utf8.h"

#define FUZZ_PEER "192.0.2.7"
#define FUZZ_PROXY "10.0.0.1"
#define FUZZ_ETAG "\"0123456789abcdef\""

static char *fuzz_dup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        abort();
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* Split data into r: the request line, then headers (at most 64). */
static void fuzz_parse(struct req *r, const char *s, size_t size)
{
    static struct http_pair pairs[64];
    const char *end = s + size, *nl = memchr(s, '\n', size);
    const char *line_end = nl ? nl : end;
    const char *sp1 = memchr(s, ' ', (size_t)(line_end - s));
    const char *tgt = sp1 ? sp1 + 1 : line_end;
    const char *sp2 = memchr(tgt, ' ', (size_t)(line_end - tgt));
    r->method_text = fuzz_dup(&r->arena, s, (size_t)((sp1 ? sp1 : line_end) - s));
    r->target = fuzz_dup(&r->arena, tgt, (size_t)((sp2 ? sp2 : line_end) - tgt));
    r->version = fuzz_dup(&r->arena, sp2 ? sp2 + 1 : "", sp2 ? (size_t)(line_end - sp2 - 1) : 0);
    const char *q = strchr(r->target, '?');
    r->path = fuzz_dup(&r->arena, r->target, q ? (size_t)(q - r->target) : strlen(r->target));
    r->in_headers = pairs;
    r->nin_headers = 0;
    for (const char *p = nl ? nl + 1 : end; p < end && r->nin_headers < 64;) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        e = e ? e : end;
        const char *colon = memchr(p, ':', (size_t)(e - p));
        if (colon) {
            const char *v = colon + 1, *ve = e;
            while (v < ve && *v == ' ')
                v++;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
                ve--;
            pairs[r->nin_headers].name = fuzz_dup(&r->arena, p, (size_t)(colon - p));
            pairs[r->nin_headers++].value = fuzz_dup(&r->arena, v, (size_t)(ve - v));
        }
        p = e + 1;
    }
}

static int fuzz_canonical(const char *a)
{
    unsigned char bin[16];
    char back[INET6_ADDRSTRLEN];
    int af = strchr(a, ':') ? AF_INET6 : AF_INET;
    return inet_pton(af, a, bin) == 1 && inet_ntop(af, bin, back, sizeof back) &&
           strcmp(a, back) == 0;
}

static void fuzz_client(struct req *r)
{
    snprintf(r->client, sizeof r->client, FUZZ_PEER);
    client_resolve(r);
    if (strcmp(r->client, FUZZ_PEER) != 0 || r->https)
        abort();                        /* an untrusted peer forwards nothing */
    snprintf(r->client, sizeof r->client, FUZZ_PROXY);
    client_resolve(r);
    if (!fuzz_canonical(r->client))
        abort();
}

static void fuzz_validators(const struct req *r)
{
    const char *inm = http_header(r, "If-None-Match");
    if (http_etag_match(inm, FUZZ_ETAG) && !strstr(inm, "0123456789abcdef") && !strchr(inm, '*'))
        abort();
    if (!http_etag_match(FUZZ_ETAG, FUZZ_ETAG) || !http_etag_match("W/" FUZZ_ETAG, FUZZ_ETAG) ||
        !http_etag_match("\"x\", " FUZZ_ETAG, FUZZ_ETAG))
        abort();
    int64_t t = http_date_parse(http_header(r, "If-Modified-Since"));
    char date[64];
    if (t >= 0 && (!date_format(t, DATE_RFC1123, date, sizeof date) || http_date_parse(date) != t))
        abort();
}

static void fuzz_route(struct req *r)
{
    static const struct http_app app = { routes, NULL, NULL };
    int known = 0;
    for (int m = 0; m < HTTP_METHOD__MAX && !known; m++)
        if (strcmp(r->method_text, http_method_names[m]) == 0) {
            r->method = (enum http_method)m;
            known = 1;
        }
    r->app = &app;
    const char *cl = http_header(r, "Content-Length");
    if (dispatch_begin(r, known, cl ? strtoull(cl, NULL, 10) : 0)) {
        const struct route *rt = r->route;
        if (r->responded || !rt || !(rt->method == r->method ||
                                      (rt->method == HTTP_GET && r->method == HTTP_HEAD)))
            abort();
        for (size_t i = 0; i < HTTP_MAX_CAPTURES; i++)
            if (r->captures[i] && !strstr(r->path, r->captures[i]))
                abort();
        return;
    }
    int st = r->resp.status;
    if (!r->responded || st < 300 || st >= 600 || (st == 405 && !r->resp.allow))
        abort();
}

static void fuzz_log(const struct req *r)
{
    char line[4096];
    size_t n = dispatch_log_line(r, 1800000000, line, sizeof line);
    size_t quotes = 0;
    if (n < 2 || n >= sizeof line || line[n - 1] != '\n')
        abort();
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c < 0x20 || c == 0x7f)
            abort();
        quotes += c == '"';
    }
    if (quotes != 6)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        const char *proxies[] = { FUZZ_PROXY, "2001:db8::1" };
        log_threshold = LOG_ERROR;
        if (client_set_proxies(proxies, 2) != AK_OK)
            abort();
        init = 1;
    }
    struct req *r = calloc(1, sizeof *r);
    if (!r)
        return 0;
    r->resp.fd = -1;
    arena_init(&r->arena, 1 << 20);
    fuzz_parse(r, (const char *)data, size);
    fuzz_client(r);
    fuzz_validators(r);
    if (csrf_same_origin(r)) {
        const char *host = http_header(r, "Host");
        if (!host || !*host)
            abort();
    }
    if (utf8_valid(r->path, strlen(r->path)) || size % 2)   /* also invalid paths, half */
        fuzz_route(r);
    fuzz_log(r);
    if (r->resp.body_owned)
        free((void *)r->resp.body);
    arena_reset(&r->arena);
    free(r);
    return 0;
}
